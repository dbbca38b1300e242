/* Entry from the loader, Linux style (QEMU -kernel, U-Boot bootm): MMU and D-cache off,
 * r2 = the device tree. Drops from HYP to SVC if needed, zeroes .bss, maps physical
 * 0 .. 2 GiB at KERNEL_BASE (RAM cached, the rest device and no-execute) through TTBR1,
 * turns on the MMU, caches and branch prediction, and calls arm_main on the kernel stack. */
#include "board_config.h"

#define KERNEL_BASE   0x80000000
#define SECT_RAM      0x140E      /* section: kernel RW, normal write-back write-allocate */
#define SECT_DEVICE   0x0416      /* section: kernel RW, shareable device, no-execute */
#define TTB_FLAGS     0x48        /* table walks inner and outer write-back write-allocate */
#define SCTLR_ON      0x1805      /* M, C, Z, I */
#define SCTLR_OFF     0x70002002  /* A, V, TRE, AFE, TE */

    .section .text.boot, "ax"
    .arm
    .arch_extension virt
    .globl _start
_start:
    mrs r4, cpsr
    and r5, r4, #0x1f
    cmp r5, #0x1a                 /* HYP: return to SVC at 1f */
    bne 1f
    bic r4, r4, #0x1f
    orr r4, r4, #0xd3             /* SVC, IRQ and FIQ masked */
    msr spsr_cxsf, r4             /* HYP's own SPSR: the banked spsr_hyp is for Monitor mode */
    adr r5, 1f
    msr elr_hyp, r5
    eret
1:  cpsid aif, #0x13

    adr r10, _start               /* r10 = physical - linked address */
    ldr r11, =_start
    sub r10, r10, r11
    ldr r0, =arm_boot_dtb
    str r2, [r0, r10]

    mrc p15, 0, r0, c1, c0, 0     /* make sure the MMU and caches are off */
    bic r0, r0, #0x1
    bic r0, r0, #0x4
    bic r0, r0, #0x1000
    mcr p15, 0, r0, c1, c0, 0
    isb
    bl invalidate_l1_dcache

    ldr r0, =__bss_start          /* zero .bss, page tables included */
    ldr r1, =__bss_end
    add r0, r0, r10
    add r1, r1, r10
    mov r2, #0
    mov r3, #0
    mov r4, #0
    mov r5, #0
2:  cmp r0, r1
    stmlo r0!, {r2-r5}
    blo 2b

    /* Kernel half (TTBR1): entry 2048 + i maps physical section i. */
    ldr r0, =kernel_l1
    add r0, r0, r10
    add r0, r0, #8192
    ldr r4, =BOARD_RAM_BASE
    ldr r5, =BOARD_RAM_SIZE
    ldr r6, =SECT_RAM
    ldr r7, =SECT_DEVICE
    mov r1, #0
3:  mov r3, r1, lsl #20
    sub r8, r3, r4
    cmp r3, r4
    cmphs r5, r8
    orrhi r9, r3, r6
    orrls r9, r3, r7
    str r9, [r0, r1, lsl #2]
    add r1, r1, #1
    cmp r1, #2048
    blo 3b

    /* Low half (TTBR0), only until we run at the linked addresses: RAM, identity mapped. */
    ldr r0, =boot_low_l1
    add r0, r0, r10
    mov r1, r4, lsr #20
    add r2, r1, r5, lsr #20
4:  orr r9, r6, r1, lsl #20
    str r9, [r0, r1, lsl #2]
    add r1, r1, #1
    cmp r1, r2
    blo 4b

    mov r0, #1                    /* TTBCR.N = 1: TTBR0 below 2 GiB, TTBR1 above */
    mcr p15, 0, r0, c2, c0, 2
    ldr r0, =boot_low_l1
    add r0, r0, r10
    orr r0, r0, #TTB_FLAGS
    mcr p15, 0, r0, c2, c0, 0
    ldr r0, =kernel_l1
    add r0, r0, r10
    orr r0, r0, #TTB_FLAGS
    mcr p15, 0, r0, c2, c0, 1
    mov r0, #1                    /* domain 0: client, permissions checked */
    mcr p15, 0, r0, c3, c0, 0
    mov r0, #0
    mcr p15, 0, r0, c13, c0, 1    /* ASID 0: no process */
    mcr p15, 0, r0, c8, c7, 0     /* invalidate TLBs, I-cache, branch predictor */
    mcr p15, 0, r0, c7, c5, 0
    mcr p15, 0, r0, c7, c5, 6
    dsb
    isb
    mrc p15, 0, r0, c1, c0, 0
    ldr r1, =SCTLR_OFF
    bic r0, r0, r1
    ldr r1, =SCTLR_ON
    orr r0, r0, r1
    mcr p15, 0, r0, c1, c0, 0
    isb
    ldr pc, =high

high:
    ldr sp, =kernel_stack_top
    mov fp, #0
    bl arm_main
5:  wfi
    b 5b

/* Invalidates the level-1 data cache by set and way (it may hold garbage after reset). */
invalidate_l1_dcache:
    mov r0, #0
    mcr p15, 2, r0, c0, c0, 0     /* CSSELR: level 1 data */
    isb
    mrc p15, 1, r0, c0, c0, 0     /* CCSIDR */
    and r1, r0, #7
    add r1, r1, #4                /* log2 of the line size */
    ldr r3, =0x3ff
    and r3, r3, r0, lsr #3        /* ways - 1 */
    clz r5, r3                    /* the way field's shift */
    ldr r4, =0x7fff
    and r4, r4, r0, lsr #13       /* sets - 1 */
6:  mov r6, r4
7:  mov r7, r3, lsl r5
    orr r7, r7, r6, lsl r1
    mcr p15, 0, r7, c7, c6, 2     /* DCISW */
    subs r6, r6, #1
    bge 7b
    subs r3, r3, #1
    bge 6b
    dsb
    bx lr

    .data
    .globl arm_boot_dtb
arm_boot_dtb: .long 0

    .bss
    .align 14
    .globl kernel_l1
kernel_l1:    .space 16384
    .align 13
boot_low_l1:  .space 8192
    .align 3
kernel_stack: .space 16384
    .globl kernel_stack_top
kernel_stack_top:
