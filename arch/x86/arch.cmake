# The i386 back end's compiler flags (its sources are found by the top-level CMakeLists.txt).
set(ARCH_KERNEL_FLAGS -mgeneral-regs-only -fno-omit-frame-pointer)
set(ARCH_USER_FLAGS -mgeneral-regs-only)
set(ARCH_MACHINE i386)   # what uname() calls the processor
