/* Program entry for i386: the kernel leaves argc, argv[], NULL, envp[], NULL on the stack. */
    .text
    .globl _start
_start:
    xorl %ebp, %ebp
    movl (%esp), %eax          /* argc */
    leal 4(%esp), %ebx         /* argv */
    leal 8(%esp, %eax, 4), %ecx /* envp: after argv's NULL */
    andl $-16, %esp
    subl $4, %esp
    pushl %ecx
    pushl %ebx
    pushl %eax
    call main
    pushl %eax
    call sys_exit
1:  jmp 1b
