/* A fake CPU for host unit tests: a process's "registers" are the system-call arguments and
 * result, and its "address space" is a flag; see tests/unit/fake.c. */
#ifndef FAKE_ARCH_PROC_H
#define FAKE_ARCH_PROC_H

#include <stdint.h>

#define ARCH_NAME "fake"
#define ARCH_ELF_MACHINE 0

struct arch_regs {
    uint32_t call, ep, msg;   /* the trap's arguments */
    int32_t retval;
    uint32_t pc, sp;
};

struct arch_mm {
    int created;
};

#endif
