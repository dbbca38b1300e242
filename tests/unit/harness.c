/* The test harness: resets the kernel's static state and drives it through its system-call
 * and interrupt entries, as the back end would. */
#include "harness.h"

/* Every piece of kernel state is static; these are the same init calls kernel_main makes. */
void h_reset(void)
{
    fake_reset();
    proc_init();
    clock_init();
    printk_init();
    irq_init();
    mem_init(FAKE_POOL_BASE, FAKE_POOL_BASE + FAKE_POOL_PAGES * PAGE_SIZE);
    board_irq_init();
}

int h_setup(void **state)
{
    (void)state;
    h_reset();
    return 0;
}

/* Built the way bootimg.c starts a boot process, so the kernel sees an ordinary process. */
struct proc *h_spawn(const char *name, uint32_t priority)
{
    struct proc *p = proc_alloc();
    assert_non_null(p);
    strncpy(p->name, name, sizeof p->name - 1);
    assert_int_equal(arch_mm_create(p), OK);
    p->priv.trap_mask = TRAPS_ALL;
    p->priv.flags = PRIV_SEND_ALL;
    p->priv.priority = priority;
    sched_set_priority(p, priority, DEFAULT_QUANTUM);
    arch_proc_init(p, FAKE_USER_VA, FAKE_USER_VA + FAKE_USER_SIZE);
    proc_unblock(p, RTS_NO_EXEC);
    return p;
}

void h_allow_call(struct proc *p, int call)
{
    int bit = call - SYS_CALL_BASE;
    p->priv.call_mask[bit / 32] |= 1u << (bit % 32);
}

/* Slots are handed out round-robin, so a freed slot comes back only after every other one;
 * the processes made on the way are ended again. */
struct proc *h_spawn_in_slot(int slot)
{
    struct proc *fillers[NR_SLOTS];
    int n = 0;
    assert_true(proc_by_slot(slot)->rts_flags & RTS_SLOT_FREE);
    for (;;) {
        struct proc *p = h_spawn("respawned", USER_PRIORITY);
        if (p->slot == slot) {
            while (n > 0)
                assert_int_equal(proc_kill(fillers[--n], "filler"), OK);
            return p;
        }
        fillers[n++] = p;
    }
}

uint8_t *h_mem(struct proc *p, vir_bytes va)
{
    assert_in_range(va, FAKE_USER_VA, FAKE_USER_VA + FAKE_USER_SIZE - 1);
    return &p->mm.mem[va - FAKE_USER_VA];
}

message *h_msg(struct proc *p)
{
    return (message *)h_mem(p, MSG_VA);
}

void h_put(struct proc *p, int32_t type, uint32_t word)
{
    message *m = h_msg(p);
    memset(m, 0, sizeof *m);
    m->m_type = type;
    m->m.u32[0] = word;
}

int h_result(struct proc *p)
{
    return proc_is_runnable(p) ? p->regs.retval : H_BLOCKED;
}

int h_call_at(struct proc *p, uint32_t call, endpoint_t ep, vir_bytes msg)
{
    assert_true(proc_is_runnable(p));   /* only a running process can trap */
    p->regs.call = call;
    p->regs.ep = (uint32_t)ep;
    p->regs.msg = msg;
    p->regs.retval = 0x55555555;        /* the kernel must set it */
    proc_current = p;
    kernel_syscall(p);
    proc_current = NULL;
    if (p->rts_flags & RTS_SLOT_FREE)
        return OK;                      /* the call ended the caller */
    return h_result(p);
}

int h_call(struct proc *p, uint32_t call, endpoint_t ep)
{
    return h_call_at(p, call, ep, MSG_VA);
}

int h_kcall(struct proc *p, message *m)
{
    *h_msg(p) = *m;
    int r = h_call(p, IPC_SENDREC, SYSTEM);
    if (r != OK)
        return r;
    *m = *h_msg(p);
    assert_int_equal(m->m_source, SYSTEM);
    return m->m_type;
}

struct proc *h_tick(void)
{
    struct proc *running = sched_pick();
    proc_current = running;
    kernel_irq(board_timer_irq());
    proc_current = NULL;
    return running;
}
