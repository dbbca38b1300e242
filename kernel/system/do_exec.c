/* SYS_EXEC: give a process its entry point, stack and name, and let it run (unless stopped).
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
    /* An exec request leaves the process waiting for PM's reply: the new program starts fresh. */
    if (t->rts_flags & (RTS_SENDING | RTS_RECEIVING))
        ipc_interrupt(t);
    arch_proc_init(t, a->pc, a->sp);
    memcpy(t->name, a->name, sizeof t->name);
    t->name[sizeof t->name - 1] = '\0';
    proc_unblock(t, RTS_NO_EXEC);
    return OK;
}
