/* SYS_SETALARM: CLOCK notifies the caller after the given ticks (0 cancels).
 * In: ticks. Out: remaining (ticks left of the alarm it replaced). */
#include "../system.h"

int do_setalarm(struct proc *caller, message *m)
{
    struct kc_setalarm *a = &m->m.setalarm;
    clock_set_alarm(caller, a->ticks, &a->remaining);
    return OK;
}
