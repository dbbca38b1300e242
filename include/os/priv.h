/* Privileges of a process, as set by SYS_PRIVCTL and at boot from the system description.
 * The kernel checks every IPC, kernel call, I/O port, memory range and IRQ against them. */
#ifndef OS_PRIV_H
#define OS_PRIV_H

#include <os/types.h>

#define NR_SLOTS        128      /* process table size, kernel tasks included */
#define SLOT_WORDS      (NR_SLOTS / 32)
#define CALL_WORDS      1        /* kernel calls in the bitmap: up to 32 */
#define NR_IO_RANGES    4
#define NR_MEM_RANGES   4
#define NR_IRQ_LINES    4

#define PRIV_SYSTEM     0x1      /* a server or driver (not an ordinary user process) */
#define PRIV_SEND_ALL   0x2      /* may send to every slot */
#define PRIV_VM         0x4      /* takes user page faults (the memory manager) */
#define PRIV_SIGMGR     0x8      /* takes user exceptions as signals (the process manager) */

/* Memory ranges the kernel fills in at boot (base values with limit 0). */
#define MEM_RANGE_BOOTIMG 0x1    /* the boot image, where the loader left it */
#define MEM_RANGE_FREE    0x2    /* the memory the kernel leaves to the memory manager */

struct io_range  { uint32_t base; uint32_t limit; };        /* ports [base, limit) */
struct mem_range { phys_bytes base; phys_bytes limit; };    /* physical [base, limit) */

struct priv_desc {
    uint32_t flags;
    uint32_t trap_mask;               /* TRAP_BIT(IPC_*) */
    uint32_t send_mask[SLOT_WORDS];   /* destination slots */
    uint32_t call_mask[CALL_WORDS];   /* bit (call - SYS_CALL_BASE) */
    struct io_range io[NR_IO_RANGES];
    struct mem_range mem[NR_MEM_RANGES];
    int32_t irq[NR_IRQ_LINES];        /* -1: unused */
    uint32_t priority;                /* 0 is highest */
    uint32_t quantum;                 /* ticks */
};

#endif
