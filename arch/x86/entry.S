/* Trap entry and exit. From user mode the CPU pushes onto the TSS stack, which is the end of
 * the current process's saved registers, so the stub saves straight into the process table
 * and then moves to the kernel stack. From kernel mode (only the idle loop takes interrupts)
 * the same frame lands on the kernel stack and the trap returns where it was. */
#define SEL_KDATA 0x10
#define CS_OFFSET 60          /* offsetof(struct arch_regs, cs) */

.macro VECTOR_NOERR n
    .globl vector_\n
vector_\n:
    pushl $0
    pushl $\n
    jmp trap_common
.endm

.macro VECTOR_ERR n
    .globl vector_\n
vector_\n:
    pushl $\n
    jmp trap_common
.endm

    .text
VECTOR_NOERR 0
VECTOR_NOERR 1
VECTOR_NOERR 2
VECTOR_NOERR 3
VECTOR_NOERR 4
VECTOR_NOERR 5
VECTOR_NOERR 6
VECTOR_NOERR 7
VECTOR_ERR   8
VECTOR_NOERR 9
VECTOR_ERR   10
VECTOR_ERR   11
VECTOR_ERR   12
VECTOR_ERR   13
VECTOR_ERR   14
VECTOR_NOERR 15
VECTOR_NOERR 16
VECTOR_ERR   17
VECTOR_NOERR 18
VECTOR_NOERR 19
VECTOR_NOERR 20
VECTOR_ERR   21
VECTOR_NOERR 22
VECTOR_NOERR 23
VECTOR_NOERR 24
VECTOR_NOERR 25
VECTOR_NOERR 26
VECTOR_NOERR 27
VECTOR_NOERR 28
VECTOR_ERR   29
VECTOR_ERR   30
VECTOR_NOERR 31
.irp n, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
VECTOR_NOERR \n
.endr
VECTOR_NOERR 128

trap_common:
    pushal
    pushl %ds
    pushl %es
    pushl %fs
    pushl %gs
    movw $SEL_KDATA, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %fs
    movw %ax, %gs
    movl %esp, %eax
    cld
    testl $3, CS_OFFSET(%esp)
    jz from_kernel
    movl $kernel_stack_top, %esp
    pushl %eax
    call x86_trap_user            /* does not return: it ends in arch_switch_to_user */
1:  hlt
    jmp 1b

from_kernel:
    pushl %eax
    call x86_trap_kernel
    addl $4, %esp
    jmp restore

/* x86_restore(struct arch_regs *regs): load a saved frame and return from the trap. */
    .globl x86_restore
x86_restore:
    movl 4(%esp), %esp
restore:
    popl %gs
    popl %fs
    popl %es
    popl %ds
    popal
    addl $8, %esp                 /* vector and error code */
    iret

    .data
    .globl x86_vectors
    .align 4
x86_vectors:
.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    .long vector_\n
.endr
.irp n, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
    .long vector_\n
.endr
    .long vector_128

    .bss
    .align 16
kernel_stack:
    .space 16384
    .globl kernel_stack_top
kernel_stack_top:
