/* Where a signal handler returns to on ARM: the handler restored sp, which is the frame. */
    .text
    .arm
    .globl __sigreturn_trampoline
__sigreturn_trampoline:
    mov r0, sp
    bl __sigreturn
1:  b 1b
