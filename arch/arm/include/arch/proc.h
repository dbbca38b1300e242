/* ARMv7-A process state: the user registers as the exception entry saves them, and the
 * per-process translation table (TTBR0) with its address-space identifier. */
#ifndef ARCH_ARM_PROC_H
#define ARCH_ARM_PROC_H

#include <stdint.h>

#define ARCH_NAME "armv7"
#define ARCH_ELF_MACHINE 40   /* EM_ARM */

/* r0-r12, then the user-mode sp and lr (stored with stm ^), then the return state that
 * srs pushes: pc and cpsr. Supervisor mode's stack pointer rests at the end of this
 * structure while the process runs, so an exception saves straight into it. */
struct arch_regs {
    uint32_t r[13];
    uint32_t sp, lr;
    uint32_t pc, cpsr;
};

struct arch_mm {
    uint32_t *l1;          /* first-level table for 0 .. 2 GiB (TTBR0), 0 if none */
    uint32_t asid;
};

#endif
