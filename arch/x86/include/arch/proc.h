/* x86 (i386, PAE) process state: the saved registers in trap-push order, and the
 * per-process page-directory-pointer table. */
#ifndef ARCH_X86_PROC_H
#define ARCH_X86_PROC_H

#include <stdint.h>

#define ARCH_NAME "i386"
#define ARCH_ELF_MACHINE 3   /* EM_386 */

/* Lowest address first: what the entry stub pushes, then what the CPU pushes.
 * The TSS points the CPU at the end of this structure, so a trap saves straight into it. */
struct arch_regs {
    uint32_t gs, fs, es, ds;
    uint32_t edi, esi, ebp, esp_unused, ebx, edx, ecx, eax;
    uint32_t vector, error;
    uint32_t eip, cs, eflags, esp, ss;
};

struct arch_mm {
    uint64_t pdpt[4] __attribute__((aligned(32)));   /* loaded by CR3 */
    uint32_t pd[2];      /* physical addresses of the user page directories, 0 if none */
};

#endif
