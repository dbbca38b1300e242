/* The static process table, the blocking flags, and the priority scheduler. */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include <os/ipc.h>
#include <os/priv.h>
#include "arch.h"
#include "config.h"

/* Reasons a process is not runnable; it runs only when none is set. */
#define RTS_SLOT_FREE  0x01   /* no process in this slot */
#define RTS_SENDING    0x02   /* blocked in SEND (or the send half of SENDREC) */
#define RTS_RECEIVING  0x04   /* blocked in RECEIVE (or the reply half of SENDREC) */
#define RTS_NO_EXEC    0x08   /* created by SYS_FORK, waiting for SYS_EXEC */
#define RTS_STOPPED    0x10   /* stopped by SYS_STOP */
#define RTS_KERNEL     0x20   /* a kernel task: never scheduled */
#define RTS_PAGEFAULT  0x40   /* waiting for the memory manager to resolve a page fault */
#define RTS_SIGNALED   0x80   /* waiting for the process manager to take its exception */

/* Flags beside the blocking state. */
#define MF_REPLY_WAIT  0x01   /* in the reply half of SENDREC: only the reply may arrive */

struct proc {
    struct arch_regs regs;        /* first: the x86 trap entry saves registers here */
    struct arch_mm mm;
    endpoint_t endpoint;
    int slot;
    uint32_t rts_flags;
    uint32_t misc_flags;
    char name[16];

    /* scheduling */
    uint32_t priority;          /* sinks from base_priority while p uses whole quanta */
    uint32_t base_priority;     /* given back when p blocks */
    uint32_t quantum;
    uint32_t ticks_left;
    struct proc *next_ready;
    uint32_t user_ticks;
    uint32_t sys_ticks;

    /* IPC */
    endpoint_t sendto;            /* valid while RTS_SENDING */
    endpoint_t getfrom;           /* valid while RTS_RECEIVING: ANY or an endpoint */
    vir_bytes msg_addr;           /* the caller's message buffer while blocked */
    struct proc *caller_q;        /* processes blocked sending to this one */
    struct proc *q_link;
    uint32_t notify_pending[SLOT_WORDS];

    struct priv_desc priv;
    uint32_t irq_pending;         /* hook bits not yet delivered */
    vir_bytes grant_table;
    uint32_t grant_count;
    uint64_t alarm_at;            /* uptime tick of the pending alarm, 0 if none */

    /* faults and signals handed to the memory and process managers */
    vir_bytes pf_addr;
    uint32_t pf_flags;            /* PF_* */
    uint32_t pf_reported;         /* VM has been told of this fault */
    uint32_t ksig;                /* signals from exceptions, not yet taken by PM */
};

extern struct proc proc_table[NR_SLOTS];
extern struct proc *proc_current;    /* whose registers the last trap saved; NULL when idle */

void proc_init(void);
struct proc *proc_alloc(void);       /* a free slot (not runnable), or NULL */
void proc_free(struct proc *p);      /* releases the slot; the next user gets a new generation */
int proc_lookup(endpoint_t e, struct proc **pp);  /* OK, -EBADEPT or -EDEADSRCDST */
struct proc *proc_by_slot(int slot);

void proc_block(struct proc *p, uint32_t flag);
void proc_unblock(struct proc *p, uint32_t flag);
int proc_is_runnable(const struct proc *p);

struct proc *sched_pick(void);       /* highest-priority runnable process, or NULL */
void sched_tick(struct proc *p);     /* charges one tick; rotates p when its quantum is used */
void sched_set_priority(struct proc *p, uint32_t priority, uint32_t quantum);

static inline int slot_bit(const uint32_t *map, int slot)
{
    return (map[slot / 32] >> (slot % 32)) & 1u;
}
static inline void slot_set(uint32_t *map, int slot) { map[slot / 32] |= 1u << (slot % 32); }
static inline void slot_clear(uint32_t *map, int slot) { map[slot / 32] &= ~(1u << (slot % 32)); }

#endif
