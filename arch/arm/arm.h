/* ARMv7-A helpers shared inside arch/arm and the ARM boards: coprocessor 15 registers,
 * barriers, cache and TLB maintenance, and what the back end needs from a board. */
#ifndef ARCH_ARM_ARM_H
#define ARCH_ARM_ARM_H

#include <stdint.h>

#define KERNEL_BASE 0x80000000u   /* physical 0 .. 2 GiB appears here in the kernel half */

#define MODE_USR 0x10
#define MODE_SVC 0x13
#define MODE_MASK 0x1f
#define PSR_I 0x80
#define PSR_F 0x40

#define CP15_READ(crn, op1, crm, op2) ({ uint32_t v_; \
    __asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(v_)); v_; })
#define CP15_WRITE(crn, op1, crm, op2, v) \
    __asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : : "r"((uint32_t)(v)) : "memory")

static inline void dsb(void) { __asm__ volatile("dsb" : : : "memory"); }
static inline void isb(void) { __asm__ volatile("isb" : : : "memory"); }

static inline uint32_t read_dfsr(void) { return CP15_READ(c5, 0, c0, 0); }
static inline uint32_t read_ifsr(void) { return CP15_READ(c5, 0, c0, 1); }
static inline uint32_t read_dfar(void) { return CP15_READ(c6, 0, c0, 0); }
static inline uint32_t read_ifar(void) { return CP15_READ(c6, 0, c0, 2); }

static inline uint32_t mmio_read(uintptr_t pa) { return *(volatile uint32_t *)(pa + KERNEL_BASE); }
static inline void mmio_write(uintptr_t pa, uint32_t v) { *(volatile uint32_t *)(pa + KERNEL_BASE) = v; }

/* Interrupts off, waiting for ever: for a reset the board has asked for and that takes a
 * while to come (a watchdog), or never comes. */
static inline _Noreturn void arm_halt(void)
{
    for (;;)
        __asm__ volatile("cpsid if\n\twfi" : : : "memory");
}

/* What an ARM board adds to kernel/board.h. */
int board_irq_claim(void);          /* the highest pending interrupt line, acknowledged; -1 if none */
uint64_t board_counter(void);       /* a free-running counter, and its rate */
uint32_t board_counter_hz(void);

extern uint32_t arm_boot_dtb;       /* physical address of the device tree from the loader */
extern char _kernel_start[], _kernel_end[];

#endif
