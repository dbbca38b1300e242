/* Waiting inside a request (for a block driver to be restarted): RS's heartbeat must still be
 * answered or RS takes the server for hung, and requests from others that arrive meanwhile
 * are kept in a queue and served once the current one is done. Also the clock. */
#include "server.h"

#define QUEUE_LEN 8

static message queue[QUEUE_LEN];
static uint32_t head, count;
static uint32_t hz = 100;

void idle_init(void)
{
    struct machine_info mi;
    if (sys_machine(&mi) == OK && mi.hz != 0)
        hz = mi.hz;
}

uint32_t idle_hz(void)
{
    return hz;
}

/* There is no clock of the day yet: like the C library's gettimeofday, time counts from boot. */
uint32_t idle_seconds(void)
{
    struct kc_times t;
    return sys_times(SELF, &t) == OK ? (uint32_t)(t.uptime / hz) : 0;
}

static void defer(message *m)
{
    if (count == QUEUE_LEN) {
        m->m_type = -EAGAIN;    /* never expected: each client waits for its own answer */
        ipc_sendnb(m->m_source, m);
        return;
    }
    queue[(head + count) % QUEUE_LEN] = *m;
    count++;
}

int idle_deferred(message *m)
{
    if (count == 0)
        return 0;
    *m = queue[head];
    head = (head + 1) % QUEUE_LEN;
    count--;
    return 1;
}

void idle_sleep(uint32_t ticks)
{
    if (sys_setalarm(ticks) != OK)
        return;
    for (;;) {
        message m;
        if (ipc_receive(ANY, &m) != OK)
            continue;
        if (m.m_type != NOTIFY_MESSAGE)
            defer(&m);
        else if (m.m_source == CLOCK)
            return;
        else
            rs_heartbeat(&m);
    }
}
