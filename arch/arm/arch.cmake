# The ARMv7-A back end's compiler flags. Our code is ARM state; libgcc comes from the
# Thumb-2 v7-a multilib and is reached by interworking.
set(ARCH_KERNEL_FLAGS -mgeneral-regs-only -fno-omit-frame-pointer -mfloat-abi=soft)
set(ARCH_USER_FLAGS -mgeneral-regs-only -mfloat-abi=soft)
set(ARCH_MACHINE armv7)   # what uname() calls the processor
