/* The test harness: resets the kernel's static state and drives it through its system-call
 * entry, exactly as a trap from user mode would. */
#include "harness.h"
#include <string.h>

void h_reset(void)
{
    fake_reset();
    proc_init();
    clock_init();
    irq_init();
    mem_init(FAKE_POOL_BASE, FAKE_POOL_BASE + FAKE_POOL_PAGES * PAGE_SIZE);
    board_irq_init();
}

struct proc *h_spawn(const char *name, int priority)
{
    struct proc *p = proc_alloc();
    assert_non_null(p);
    strncpy(p->name, name, sizeof p->name - 1);
    arch_mm_create(p);
    memset(&p->priv, 0, sizeof p->priv);
    p->priv.trap_mask = TRAPS_ALL;
    p->priv.flags = PRIV_SEND_ALL;
    for (int i = 0; i < NR_IRQ_LINES; i++)
        p->priv.irq[i] = -1;
    sched_set_priority(p, (uint32_t)priority, DEFAULT_QUANTUM);
    arch_proc_init(p, FAKE_USER_VA, FAKE_USER_VA + FAKE_USER_SIZE);
    proc_unblock(p, RTS_NO_EXEC);
    return p;
}

void h_allow_calls(struct proc *p, int call)
{
    int bit = call - SYS_CALL_BASE;
    p->priv.call_mask[bit / 32] |= 1u << (bit % 32);
}

message *h_msg(struct proc *p)
{
    return (message *)&fake_user_mem[p->slot][MSG_VA - FAKE_USER_VA];
}

int h_call_at(struct proc *p, uint32_t call, endpoint_t ep, vir_bytes msg)
{
    assert_true(proc_is_runnable(p));
    p->regs.call = call;
    p->regs.ep = (uint32_t)ep;
    p->regs.msg = msg;
    proc_current = p;
    kernel_syscall(p);
    proc_current = NULL;
    if (p->rts_flags & RTS_SLOT_FREE)
        return OK;
    return proc_is_runnable(p) ? p->regs.retval : BLOCKED;
}

int h_call(struct proc *p, uint32_t call, endpoint_t ep)
{
    return h_call_at(p, call, ep, MSG_VA);
}

int h_kcall(struct proc *p, message *m)
{
    *h_msg(p) = *m;
    int r = h_call(p, IPC_SENDREC, SYSTEM);
    *m = *h_msg(p);
    return r != OK ? r : m->m_type;
}

int h_result(struct proc *p)
{
    return proc_is_runnable(p) ? p->regs.retval : BLOCKED;
}
