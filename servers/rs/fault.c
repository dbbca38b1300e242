/* Fault injection for `service fi`: RS hands FI_INJECT to the service's own message loop.
 * A non-blocking send reaches it only while it waits for a message, and a driver busy with a
 * steady stream of requests rarely does at the moment asked; so a fault that cannot go at
 * once waits in RS and goes when the service next answers a heartbeat (it is back in its
 * loop then) or at the next heartbeat tick. */
#include "rs.h"

static int deliver(struct service *s, uint32_t kind)
{
    message fi = { 0 };
    struct kc_times t;
    fi.m_type = FI_INJECT;
    fi.m.rs.len = kind;
    fi.m.rs.grant = sys_times(SELF, &t) == OK ? (grant_id_t)((uint32_t)t.cycles | 1) : 1;
    uint32_t at = ticks_to_ms(now());
    int r = ipc_sendnb(s->ep, &fi);
    if (r == OK)
        log_printf("rs: injecting fault %u into %s at %u ms\n", (unsigned)kind, s->label,
                   (unsigned)at);
    return r;
}

int fault_request(struct service *s, uint32_t kind)
{
    if (kind == 0 || kind >= FI_KINDS)
        return -EINVAL;
    if (s->state != RS_STATE_RUNNING && s->state != RS_STATE_STARTING)
        return -ESRCH;
    if (s->fault_pending)
        return -EBUSY;
    int r = deliver(s, kind);
    if (r == -ENOTREADY) {
        s->fault_pending = kind;
        return OK;
    }
    return r;
}

void fault_retry(struct service *s)
{
    if (s->fault_pending && s->ep != NONE && deliver(s, s->fault_pending) != -ENOTREADY)
        s->fault_pending = 0;
}
