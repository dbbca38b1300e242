/* Where a signal handler returns to on i386: the handler's `ret` popped this address, so the
 * stack pointer is at its signo argument and the kernel's frame starts just above it. */
    .text
    .globl __sigreturn_trampoline
__sigreturn_trampoline:
    leal 4(%esp), %eax
    pushl %eax
    call __sigreturn
1:  jmp 1b
