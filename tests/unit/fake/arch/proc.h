/* The fake CPU the host unit tests run the generic kernel on: "registers" are the trap's
 * arguments and result, and an address space is a small byte array with page permissions. */
#ifndef FAKE_ARCH_PROC_H
#define FAKE_ARCH_PROC_H

#include <stdint.h>

#define ARCH_NAME "fake"
#define ARCH_ELF_MACHINE 0

/* Every process's memory is [FAKE_USER_VA, FAKE_USER_VA + FAKE_USER_SIZE); the rest of user
 * space is unmapped, so pointers outside it fault like unmapped pages on real hardware. */
#define FAKE_USER_VA    0x00100000u
#define FAKE_USER_SIZE  0x00010000u
#define FAKE_PAGE_SIZE  0x1000u
#define FAKE_PAGES      (FAKE_USER_SIZE / FAKE_PAGE_SIZE)

struct arch_regs {
    uint32_t call, ep, msg;   /* what the trap passes in registers */
    int32_t retval;
    uint32_t pc, sp;
};

struct arch_mm {
    uint32_t mapped;          /* bit per page of mem: the process may read it */
    uint32_t writable;        /* bit per page: and write it */
    uint8_t mem[FAKE_USER_SIZE];
};

#endif
