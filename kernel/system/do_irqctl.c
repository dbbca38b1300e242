/* SYS_IRQCTL: register or remove the caller as the handler of an IRQ line it is allowed,
 * and re-enable the line after handling a notification.
 * In: op, irq, hook (the bit reported in the notification's irq_pending). */
#include "../system.h"

int do_irqctl(struct proc *caller, message *m)
{
    const struct kc_irqctl *a = &m->m.irqctl;
    switch (a->op) {
    case IRQ_SETPOLICY:
        return irq_set_policy(caller, a->irq, a->hook);
    case IRQ_RMPOLICY:
        return irq_remove_policy(caller, a->irq);
    case IRQ_ENABLE:
        return irq_enable(caller, a->irq, 1);
    case IRQ_DISABLE:
        return irq_enable(caller, a->irq, 0);
    default:
        return -EINVAL;
    }
}
