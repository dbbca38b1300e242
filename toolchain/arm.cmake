# Cross toolchain for the ARMv7-A boards: Debian's arm-none-eabi gcc.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
set(CMAKE_C_FLAGS_INIT "-march=armv7-a -marm")
set(CMAKE_ASM_FLAGS_INIT "-march=armv7-a -marm")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-march=armv7-a -marm")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
