/* What every service does with RS: tell it when initialisation is done, and answer its
 * heartbeat pings (notifications) with a call, so RS knows it is not hung; the answer may
 * carry a fault to inject that could not reach the service while it was busy. */
#include <libsys.h>
#include <string.h>

int rs_heartbeat(const message *m)
{
    if (m->m_type != NOTIFY_MESSAGE || m->m_source != RS_PROC)
        return 0;
    message a = { 0 };
    a.m_type = RS_ALIVE;
    if (ipc_sendrec(RS_PROC, &a) == OK && a.m_type == FI_INJECT)
        fi_check(&a);
    return 1;
}

int rs_init_done(void)
{
    message m = { 0 };
    m.m_type = RS_INIT_DONE;
    int r = ipc_sendrec(RS_PROC, &m);
    return r != OK ? r : m.m_type;
}

/* Asks RS to replace a service that misbehaves in a way only its client can see. */
int rs_restart(const char *label)
{
    message m = { 0 };
    m.m_type = RS_RESTART;
    strncpy(m.m.rs.label, label, sizeof m.m.rs.label - 1);
    int r = ipc_sendrec(RS_PROC, &m);
    return r != OK ? r : m.m_type;
}
