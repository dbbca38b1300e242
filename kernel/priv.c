/* Privilege checks: every IPC primitive, destination, kernel call, I/O port, memory range
 * and IRQ line a process uses is checked here against the policy RS (or the boot image) set. */
#include "kernel.h"
#include <os/kcall.h>

int priv_may_trap(const struct proc *p, uint32_t call)
{
    return call < 32 && (p->priv.trap_mask & TRAP_BIT(call));
}

int priv_may_send(const struct proc *p, const struct proc *dst)
{
    if (p->priv.flags & PRIV_SEND_ALL)
        return 1;
    return slot_bit(p->priv.send_mask, dst->slot);
}

int priv_may_call(const struct proc *p, int call)
{
    int bit = call - SYS_CALL_BASE;
    if (bit < 0 || bit >= NR_SYS_CALLS || bit >= 32 * CALL_WORDS)
        return 0;
    return (p->priv.call_mask[bit / 32] >> (bit % 32)) & 1u;
}

int priv_may_io(const struct proc *p, uint32_t port, uint32_t width)
{
    for (int i = 0; i < NR_IO_RANGES; i++) {
        const struct io_range *r = &p->priv.io[i];
        if (r->limit > r->base && port >= r->base && port + width <= r->limit && port + width > port)
            return 1;
    }
    return 0;
}

int priv_may_map(const struct proc *p, phys_bytes base, phys_bytes len)
{
    if (len == 0 || base + len < base)
        return 0;
    for (int i = 0; i < NR_MEM_RANGES; i++) {
        const struct mem_range *r = &p->priv.mem[i];
        if (r->limit > r->base && base >= r->base && base + len <= r->limit)
            return 1;
    }
    return 0;
}

int priv_may_irq(const struct proc *p, unsigned line)
{
    for (int i = 0; i < NR_IRQ_LINES; i++)
        if (p->priv.irq[i] >= 0 && (unsigned)p->priv.irq[i] == line)
            return 1;
    return 0;
}
