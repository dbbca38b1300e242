/* SYS_TIMES: uptime, a process's ticks, and the cycle counter.
 * In: target. Out: user_ticks, sys_ticks, hz, uptime, cycles. */
#include "../system.h"

int do_times(struct proc *caller, message *m)
{
    struct kc_times *a = &m->m.times;
    struct proc *t;
    int r = sys_target(caller, a->target, &t);
    if (r != OK)
        return r;
    a->user_ticks = t->user_ticks;
    a->sys_ticks = t->sys_ticks;
    a->hz = HZ;
    a->uptime = clock_uptime();
    a->cycles = arch_cycles();
    return OK;
}
