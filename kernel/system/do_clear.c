/* SYS_CLEAR: end a process; every peer waiting on it gets EDEADSRCDST.
 * In: target. */
#include "../system.h"

int do_clear(struct proc *caller, message *m)
{
    struct proc *t;
    int r = sys_target(caller, m->m.clear.target, &t);
    if (r != OK)
        return r;
    return proc_kill(t, "cleared");
}
