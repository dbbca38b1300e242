/* Program entry for ARM: the kernel leaves argc, argv[], NULL, envp[], NULL on the stack. */
    .text
    .arm
    .globl _start
_start:
    mov fp, #0
    ldr r0, [sp]               /* argc */
    add r1, sp, #4             /* argv */
    add r2, r1, r0, lsl #2
    add r2, r2, #4             /* envp: after argv's NULL */
    bic sp, sp, #7
    bl main
    bl sys_exit
1:  b 1b
