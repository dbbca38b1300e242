/* SYS_GETKSIG and SYS_ENDKSIG: the process manager takes the signals exceptions raised.
 * GETKSIG out: target, sigs (-ENOENT when none is left). ENDKSIG in: target, which may run
 * again (unless PM ended it or stopped it otherwise). */
#include "../system.h"

int do_getksig(struct proc *caller, message *m)
{
    (void)caller;
    for (int i = NR_TASKS; i < NR_SLOTS; i++) {
        struct proc *p = &proc_table[i];
        if (!(p->rts_flags & RTS_SLOT_FREE) && p->ksig) {
            m->m.ksig.target = p->endpoint;
            m->m.ksig.sigs = p->ksig;
            p->ksig = 0;
            return OK;
        }
    }
    return -ENOENT;
}

int do_endksig(struct proc *caller, message *m)
{
    struct proc *t;
    int r = sys_target(caller, m->m.ksig.target, &t);
    if (r != OK)
        return r;
    if (!(t->rts_flags & RTS_SIGNALED))
        return -EINVAL;
    proc_unblock(t, RTS_SIGNALED);
    return OK;
}
