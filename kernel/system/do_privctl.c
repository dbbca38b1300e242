/* SYS_PRIVCTL: set a process's privileges and scheduling from a priv_desc in the caller.
 * In: target, desc (address in the caller). */
#include "../system.h"

int do_privctl(struct proc *caller, message *m)
{
    const struct kc_privctl *a = &m->m.privctl;
    struct proc *t;
    struct priv_desc d;
    int r = sys_target(caller, a->target, &t);
    if (r != OK)
        return r;
    if ((r = copy_from_user(caller, a->desc, &d, sizeof d)) != OK)
        return r;
    if (d.priority >= NR_SCHED_QUEUES || d.trap_mask & ~TRAPS_ALL)
        return -EINVAL;
    t->priv = d;
    sched_set_priority(t, d.priority, d.quantum);
    return OK;
}
