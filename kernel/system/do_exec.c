/* SYS_EXEC: give a process its entry point, stack and name, and let it run.
 * In: target, pc, sp, name. */
#include "../system.h"
#include <string.h>

int do_exec(struct proc *caller, message *m)
{
    const struct kc_exec *a = &m->m.exec;
    struct proc *t;
    int r = sys_target(caller, a->target, &t);
    if (r != OK)
        return r;
    if (a->pc >= USER_TOP || a->sp > USER_TOP || a->pc < USER_BASE)
        return -EINVAL;
    arch_proc_init(t, a->pc, a->sp);
    memcpy(t->name, a->name, sizeof t->name);
    t->name[sizeof t->name - 1] = '\0';
    proc_unblock(t, RTS_NO_EXEC);
    return OK;
}
