/* Fault injection for `service fi`: RS hands FI_INJECT to the service's own message loop.
 * A non-blocking send reaches it only while it waits for a message, and a driver busy with a
 * steady stream of requests (or polling its device) seldom does; so a fault that cannot go at
 * once waits in RS and goes back as the answer to the service's next heartbeat call. */
#include "rs.h"
#include <string.h>

static void fill(message *fi, uint32_t kind)
{
    struct kc_times t;
    memset(fi, 0, sizeof *fi);
    fi->m_type = FI_INJECT;
    fi->m.rs.len = kind;
    fi->m.rs.grant = sys_times(SELF, &t) == OK ? (grant_id_t)((uint32_t)t.cycles | 1) : 1;
}

static void log_injection(const struct service *s, uint32_t kind, uint32_t at)
{
    log_printf("rs: injecting fault %u into %s at %u ms\n", (unsigned)kind, s->label,
               (unsigned)at);
}

int fault_request(struct service *s, uint32_t kind)
{
    if (kind == 0 || kind >= FI_KINDS)
        return -EINVAL;
    if (s->state != RS_STATE_RUNNING && s->state != RS_STATE_STARTING)
        return -ESRCH;
    if (s->fault_pending)
        return -EBUSY;
    message fi;
    fill(&fi, kind);
    uint32_t at = ticks_to_ms(now());
    int r = ipc_sendnb(s->ep, &fi);
    if (r == OK)
        log_injection(s, kind, at);
    else if (r == -ENOTREADY)
        s->fault_pending = kind;
    return r == -ENOTREADY ? OK : r;
}

int fault_take(endpoint_t from, message *m)
{
    for (int i = 0; i < MAX_SERVICES; i++) {
        struct service *s = &services[i];
        if (s->in_use && s->ep == from && s->fault_pending) {
            fill(m, s->fault_pending);
            log_injection(s, s->fault_pending, ticks_to_ms(now()));
            s->fault_pending = 0;
            return 1;
        }
    }
    return 0;
}
