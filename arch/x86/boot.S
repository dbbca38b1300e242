/* Multiboot entry: runs at the physical load address with paging off, maps physical memory
 * at KERNEL_BASE with 2 MiB PAE pages (and once at 0 for the jump), enables NX, and calls C. */
#define KERNEL_BASE 0x80000000
#define PHYS(x) ((x) - KERNEL_BASE)

    .section .text.boot, "ax"
    .align 4
    .long 0x1BADB002               /* magic */
    .long 0x00000003               /* page-align modules, give memory information */
    .long -(0x1BADB002 + 0x00000003)

    .section .text
    .globl _start
_start:
    cli
    movl %eax, PHYS(x86_multiboot_magic)
    movl %ebx, PHYS(x86_multiboot_info)

    /* 512 entries of 2 MiB: physical 0 .. 1 GiB, present + writable + large. */
    movl $PHYS(boot_pd), %edi
    xorl %ecx, %ecx
1:  movl %ecx, %eax
    shll $21, %eax
    orl $0x83, %eax
    movl %eax, (%edi, %ecx, 8)
    movl $0, 4(%edi, %ecx, 8)
    incl %ecx
    cmpl $512, %ecx
    jne 1b

    movl $PHYS(boot_pd) + 1, %eax
    movl %eax, PHYS(boot_pdpt)          /* 0 .. 1 GiB, only until we run high */
    movl %eax, PHYS(boot_pdpt) + 16     /* 2 GiB .. 3 GiB: the kernel */

    movl %cr4, %eax
    orl $0x20, %eax                     /* PAE */
    movl %eax, %cr4

    /* NX if the CPU has it; arch_init refuses to go on without it. */
    movl $0x80000000, %eax
    cpuid
    cmpl $0x80000001, %eax
    jb 2f
    movl $0x80000001, %eax
    cpuid
    testl $(1 << 20), %edx
    jz 2f
    movl $0xC0000080, %ecx
    rdmsr
    orl $(1 << 11), %eax
    wrmsr
    movl $1, PHYS(x86_has_nx)
2:
    movl $PHYS(boot_pdpt), %eax
    movl %eax, %cr3
    movl %cr0, %eax
    orl $0x80010000, %eax               /* paging, write-protect in supervisor mode */
    movl %eax, %cr0
    leal high, %eax
    jmp *%eax

high:
    movl $boot_stack_top, %esp
    xorl %ebp, %ebp
    call x86_main
3:  hlt
    jmp 3b

    .section .data
    .globl x86_multiboot_magic, x86_multiboot_info, x86_has_nx
x86_multiboot_magic: .long 0
x86_multiboot_info:  .long 0
x86_has_nx:          .long 0

    .section .bss
    .align 4096
    .globl boot_pd
boot_pd:    .space 4096
    .align 32
    .globl boot_pdpt
boot_pdpt:  .space 32
    .align 16
    .globl boot_stack_top
boot_stack: .space 16384
boot_stack_top:
