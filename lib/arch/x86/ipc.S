/* The IPC trap for i386: eax = primitive, ebx = endpoint, ecx = message; result in eax. */
    .text
    .globl ipc_trap
ipc_trap:
    pushl %ebx
    movl 8(%esp), %eax
    movl 12(%esp), %ebx
    movl 16(%esp), %ecx
    int $0x80
    popl %ebx
    ret
