/* The process table and the scheduler: slots with generation-numbered endpoints,
 * and one FIFO run queue per priority; a process runs when no blocking flag is set. */
#include "kernel.h"
#include <string.h>

struct proc proc_table[NR_SLOTS];
struct proc *proc_current;

static struct proc *run_head[NR_SCHED_QUEUES];
static struct proc *run_tail[NR_SCHED_QUEUES];

static int next_alloc = NR_TASKS;   /* where proc_alloc looks first */

static const char *const task_names[NR_TASKS] = { "clock", "system", "hardware" };

void proc_init(void)
{
    memset(proc_table, 0, sizeof proc_table);
    memset(run_head, 0, sizeof run_head);
    memset(run_tail, 0, sizeof run_tail);
    proc_current = NULL;
    next_alloc = NR_TASKS;
    for (int i = 0; i < NR_SLOTS; i++) {
        struct proc *p = &proc_table[i];
        p->slot = i;
        p->endpoint = ENDPOINT(0, i);
        p->rts_flags = i < NR_TASKS ? RTS_KERNEL : RTS_SLOT_FREE;
        p->priority = p->base_priority = USER_PRIORITY;
        p->quantum = DEFAULT_QUANTUM;
        if (i < NR_TASKS)
            strcpy(p->name, task_names[i]);
    }
}

struct proc *proc_by_slot(int slot)
{
    if (slot < 0 || slot >= NR_SLOTS)
        return NULL;
    return &proc_table[slot];
}

/* Resolves an endpoint to a live process of the same generation. */
int proc_lookup(endpoint_t e, struct proc **pp)
{
    if (e < 0 || ENDPOINT_SLOT(e) >= NR_SLOTS)
        return -EBADEPT;
    struct proc *p = &proc_table[ENDPOINT_SLOT(e)];
    if ((p->rts_flags & RTS_SLOT_FREE) || p->endpoint != e)
        return -EDEADSRCDST;
    *pp = p;
    return OK;
}

/* A free slot, left blocked with RTS_NO_EXEC; the caller fills it in and unblocks it.
 * Slots are reused round-robin so that a dead endpoint stays dead for as long as possible. */
struct proc *proc_alloc(void)
{
    for (int n = 0; n < NR_SLOTS - NR_TASKS; n++) {
        int slot = NR_TASKS + (next_alloc - NR_TASKS + n) % (NR_SLOTS - NR_TASKS);
        struct proc *p = &proc_table[slot];
        if (!(p->rts_flags & RTS_SLOT_FREE))
            continue;
        next_alloc = slot + 1 >= NR_SLOTS ? NR_TASKS : slot + 1;
        endpoint_t endpoint = p->endpoint;
        memset(p, 0, sizeof *p);
        p->slot = slot;
        p->endpoint = endpoint;
        p->rts_flags = RTS_NO_EXEC;
        p->priority = p->base_priority = USER_PRIORITY;
        p->quantum = DEFAULT_QUANTUM;
        p->ticks_left = DEFAULT_QUANTUM;
        p->sendto = p->getfrom = NONE;
        for (int i = 0; i < NR_IRQ_LINES; i++)
            p->priv.irq[i] = -1;
        return p;
    }
    return NULL;
}

/* Frees the slot and moves it to the next generation, so old endpoints fail cleanly. */
void proc_free(struct proc *p)
{
    KASSERT(p->slot >= NR_TASKS);
    if (proc_is_runnable(p))
        proc_block(p, RTS_SLOT_FREE);
    int gen = ENDPOINT_GEN(p->endpoint) + 1;
    if (gen > ENDPOINT_MAX_GEN)
        gen = 1;
    p->endpoint = ENDPOINT(gen, p->slot);
    p->rts_flags = RTS_SLOT_FREE;
    p->misc_flags = 0;
    if (proc_current == p)
        proc_current = NULL;
}

int proc_is_runnable(const struct proc *p)
{
    return p->rts_flags == 0;
}

static void enqueue(struct proc *p)
{
    uint32_t q = p->priority;
    p->next_ready = NULL;
    if (run_tail[q])
        run_tail[q]->next_ready = p;
    else
        run_head[q] = p;
    run_tail[q] = p;
}

static void dequeue(struct proc *p)
{
    uint32_t q = p->priority;
    struct proc **link = &run_head[q];
    struct proc *prev = NULL;
    while (*link && *link != p) {
        prev = *link;
        link = &(*link)->next_ready;
    }
    if (!*link)
        return;
    *link = p->next_ready;
    if (run_tail[q] == p)
        run_tail[q] = prev;
    p->next_ready = NULL;
}

void proc_block(struct proc *p, uint32_t flag)
{
    if (proc_is_runnable(p))
        dequeue(p);
    p->rts_flags |= flag;
    p->priority = p->base_priority;
}

void proc_unblock(struct proc *p, uint32_t flag)
{
    if (!(p->rts_flags & flag))
        return;
    p->rts_flags &= ~flag;
    if (proc_is_runnable(p))
        enqueue(p);
}

struct proc *sched_pick(void)
{
    for (int q = 0; q < NR_SCHED_QUEUES; q++)
        if (run_head[q])
            return run_head[q];
    return NULL;
}

/* One clock tick charged to p; a used-up quantum sends p to the back of the queue below.
 * So a driver or server caught in an endless loop sinks under every process that blocks
 * now and then (the disk driver, the shell) instead of starving them until RS notices. */
void sched_tick(struct proc *p)
{
    p->user_ticks++;
    if (p->ticks_left > 0)
        p->ticks_left--;
    if (p->ticks_left > 0)
        return;
    p->ticks_left = p->quantum;
    if (proc_is_runnable(p)) {
        dequeue(p);
        if (p->priority < NR_SCHED_QUEUES - 1)
            p->priority++;
        enqueue(p);
    }
}

void sched_set_priority(struct proc *p, uint32_t priority, uint32_t quantum)
{
    int runnable = proc_is_runnable(p);
    if (runnable)
        dequeue(p);
    p->priority = p->base_priority = priority < NR_SCHED_QUEUES ? priority : NR_SCHED_QUEUES - 1;
    p->quantum = quantum ? quantum : DEFAULT_QUANTUM;
    p->ticks_left = p->quantum;
    if (runnable)
        enqueue(p);
}
