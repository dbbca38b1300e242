/* Interrupts as notifications: a driver registers a line; when it fires the kernel masks it,
 * notifies the driver from HARDWARE, and unmasks only when the driver asks (IRQ_ENABLE). */
#include "kernel.h"
#include "board.h"
#include <string.h>

struct irq_hook {
    struct proc *owner;     /* NULL: unused */
    endpoint_t owner_ep;
    unsigned line;
    unsigned bit;           /* bit in the owner's irq_pending */
};

static struct irq_hook hooks[NR_IRQ_HOOKS];

void irq_init(void)
{
    memset(hooks, 0, sizeof hooks);
}

static struct irq_hook *find_hook(const struct proc *p, unsigned line)
{
    for (int i = 0; i < NR_IRQ_HOOKS; i++)
        if (hooks[i].owner == p && hooks[i].owner_ep == p->endpoint && hooks[i].line == line)
            return &hooks[i];
    return NULL;
}

int irq_set_policy(struct proc *p, unsigned line, unsigned bit)
{
    if (line >= board_irq_count() || line == board_timer_irq() || bit >= 32)
        return -EINVAL;
    if (!priv_may_irq(p, line))
        return -EIOPERM;
    if (find_hook(p, line))
        return -EBUSY;
    for (int i = 0; i < NR_IRQ_HOOKS; i++) {
        if (hooks[i].owner)
            continue;
        hooks[i] = (struct irq_hook){ p, p->endpoint, line, bit };
        board_irq_unmask(line);
        return OK;
    }
    return -ENOSPC;
}

static int line_shared(unsigned line, const struct irq_hook *except)
{
    for (int i = 0; i < NR_IRQ_HOOKS; i++)
        if (&hooks[i] != except && hooks[i].owner && hooks[i].line == line)
            return 1;
    return 0;
}

static void remove_hook(struct irq_hook *h)
{
    if (!line_shared(h->line, h))
        board_irq_mask(h->line);
    h->owner = NULL;
}

int irq_remove_policy(struct proc *p, unsigned line)
{
    struct irq_hook *h = find_hook(p, line);
    if (!h)
        return -EINVAL;
    remove_hook(h);
    return OK;
}

int irq_enable(struct proc *p, unsigned line, int enable)
{
    if (!find_hook(p, line))
        return -EINVAL;
    if (enable)
        board_irq_unmask(line);
    else
        board_irq_mask(line);
    return OK;
}

void irq_release_all(struct proc *p)
{
    for (int i = 0; i < NR_IRQ_HOOKS; i++)
        if (hooks[i].owner == p)
            remove_hook(&hooks[i]);
}

void kernel_irq(unsigned line)
{
    if (line == board_timer_irq()) {
        board_timer_ack();
        clock_tick();
        board_irq_eoi(line);
        return;
    }
    board_irq_mask(line);
    board_irq_eoi(line);
    for (int i = 0; i < NR_IRQ_HOOKS; i++) {
        struct irq_hook *h = &hooks[i];
        if (!h->owner || h->line != line)
            continue;
        h->owner->irq_pending |= 1u << h->bit;
        ipc_notify_from(ENDPOINT_SLOT(HARDWARE), h->owner);
    }
}
