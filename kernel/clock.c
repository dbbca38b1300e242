/* The CLOCK task: counts ticks, charges quanta, and fires alarms as notifications. */
#include "kernel.h"

static uint64_t uptime;

void clock_init(void)
{
    uptime = 0;
}

uint64_t clock_uptime(void)
{
    return uptime;
}

void clock_set_alarm(struct proc *p, uint32_t ticks, uint32_t *remaining)
{
    *remaining = p->alarm_at > uptime ? (uint32_t)(p->alarm_at - uptime) : 0;
    p->alarm_at = ticks ? uptime + ticks : 0;
}

/* Called on every timer interrupt, with proc_current the interrupted process (or NULL). */
void clock_tick(void)
{
    uptime++;
    if (proc_current)
        sched_tick(proc_current);
    for (int i = NR_TASKS; i < NR_SLOTS; i++) {
        struct proc *p = &proc_table[i];
        if (p->alarm_at && p->alarm_at <= uptime && !(p->rts_flags & RTS_SLOT_FREE)) {
            p->alarm_at = 0;
            ipc_notify_from(ENDPOINT_SLOT(CLOCK), p);
        }
    }
}
