/* SYS_STOP: stop a process from running, or let it run again. In: target, stop. */
#include "../system.h"

int do_stop(struct proc *caller, message *m)
{
    const struct kc_stop *a = &m->m.stop;
    struct proc *t;
    int r = sys_target(caller, a->target, &t);
    if (r != OK)
        return r;
    if (a->stop)
        proc_block(t, RTS_STOPPED);
    else
        proc_unblock(t, RTS_STOPPED);
    return OK;
}
