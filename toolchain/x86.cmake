# Cross toolchain for the x86 boards: freestanding i386 code from the host gcc with -m32
# (Debian's gcc-multilib provides the 32-bit libgcc).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR i386)
set(CMAKE_C_COMPILER gcc)
set(CMAKE_ASM_COMPILER gcc)
set(CMAKE_C_FLAGS_INIT "-m32")
set(CMAKE_ASM_FLAGS_INIT "-m32")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-m32")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
