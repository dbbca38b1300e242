/* Exception vectors. In user mode, supervisor mode's stack pointer rests at the end of the
 * running process's saved registers: every entry pushes the return state there (srs),
 * stores the user registers below it, and calls arm_trap on the kernel stack. The kernel
 * runs with interrupts masked, so an exception from it is a kernel bug. */
#define MODE_SVC 0x13
#define MODE_USR 0x10
#define REGS_CPSR 64              /* offsetof(struct arch_regs, cpsr) */

    .text
    .arm
    .align 5
    .globl arm_vectors
arm_vectors:
    b vec_reset
    b vec_undefined
    b vec_svc
    b vec_prefetch_abort
    b vec_data_abort
    b vec_reset
    b vec_irq
    b vec_fiq

/* kind: the ARM_TRAP_* number in arm_trap; back: how far lr is past the instruction. */
.macro SAVE kind, back
    .if \back
    sub lr, lr, #\back
    .endif
    srsdb sp!, #MODE_SVC
    cps #MODE_SVC
    stmdb sp, {r0-r14}^
    sub sp, sp, #60
    mov r0, sp
    mov r1, #\kind
    b trap_common
.endm

vec_svc:            SAVE 0, 0
vec_irq:            SAVE 1, 4
vec_undefined:      SAVE 2, 4
vec_prefetch_abort: SAVE 3, 4
vec_data_abort:     SAVE 4, 8
vec_fiq:            SAVE 5, 4
vec_reset:          SAVE 6, 0

trap_common:
    ldr r2, [r0, #REGS_CPSR]
    and r2, r2, #0x1f
    cmp r2, #MODE_USR
    bne arm_trap_kernel           /* stays on the stack it was on; does not return */
    ldr sp, =kernel_stack_top
    mov fp, #0
    bl arm_trap_user              /* does not return: it ends in arch_switch_to_user */
1:  b 1b

/* arm_restore(struct arch_regs *regs): back to user mode with these registers. */
    .globl arm_restore
arm_restore:
    mov sp, r0
    ldmia sp, {r0-r14}^
    nop
    add sp, sp, #60
    rfeia sp!
