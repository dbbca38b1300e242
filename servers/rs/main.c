/* The reincarnation server: starts the services of the policy in order, learns of their
 * deaths from PM (SIGCHLD, then waitpid), restarts them, and answers the service command. */
#include "rs.h"
#include "../../lib/common/string.h"

static void reply(endpoint_t to, message *m, int status)
{
    m->m_type = status;
    ipc_sendnb(to, m);
}

static struct service *named(message *m)
{
    m->m.rs.label[sizeof m->m.rs.label - 1] = '\0';
    return service_by_label(m->m.rs.label);
}

static void status_of(const struct service *s, struct rs_status *st)
{
    memset(st, 0, sizeof *st);
    memcpy(st->label, s->label, sizeof st->label);
    st->endpoint = s->ep;
    st->pid = s->pid;
    st->restarts = s->restarts;
    st->state = s->state;
    st->backoff_ticks = s->backoff;
}

static int do_list(message *m)
{
    int n = 0;
    for (int i = 0; i < MAX_SERVICES; i++) {
        if (!services[i].in_use)
            continue;
        struct rs_status st;
        if ((n + 1) * sizeof st > m->m.rs.len)
            break;
        status_of(&services[i], &st);
        int r = sys_safecopyto(m->m_source, m->m.rs.grant, n * sizeof st, &st, sizeof st);
        if (r != OK)
            return r;
        n++;
    }
    return n;
}

/* Starting, stopping and breaking services is for root: the service command, the tests. */
static int may_manage(endpoint_t caller)
{
    message q;
    memset(&q, 0, sizeof q);
    q.m.pm.arg = caller;
    return pm_call(&q, PM_EUID_OF) == 0;
}

/* One line a second at most: a fuzzer must not fill the console. */
static void log_refusal(const message *m)
{
    static uint32_t last_ms, logged;
    uint32_t ms = ticks_to_ms(now());
    if (logged && ms - last_ms < 1000)
        return;
    logged = 1;
    last_ms = ms;
    log_printf("rs: refused request 0x%x from endpoint %d: not root\n", (unsigned)m->m_type,
               (int)m->m_source);
}

static int changes_services(int type)
{
    return type == RS_UP || type == RS_DOWN || type == RS_RESTART || type == RS_FI;
}

static int handle(message *m)
{
    struct service *s = m->m_type == RS_INIT_DONE || m->m_type == RS_LIST ? NULL : named(m);
    if (m->m_type != RS_INIT_DONE && m->m_type != RS_LIST && !s)
        return -ESRCH;
    if (changes_services(m->m_type) && !may_manage(m->m_source)) {
        log_refusal(m);
        return -EPERM;
    }
    switch (m->m_type) {
    case RS_INIT_DONE:
        for (int i = 0; i < MAX_SERVICES; i++)
            if (services[i].in_use && services[i].ep == m->m_source) {
                services[i].state = RS_STATE_RUNNING;
                if (services[i].restarts > 0)
                    log_printf("rs: %s is serving again at %u ms\n", services[i].label,
                               (unsigned)ticks_to_ms(now()));
            }
        return OK;
    case RS_UP:
        if (s->state != RS_STATE_DOWN && s->state != RS_STATE_FAILED &&
            s->state != RS_STATE_RECOVERING)
            return -EBUSY;
        s->failures = 0;             /* a person's new chance */
        return service_start(s);
    case RS_DOWN:
        if (s->state == RS_STATE_DOWN)
            return OK;
        if (s->state == RS_STATE_BACKOFF || s->state == RS_STATE_RECOVERING) {
            s->state = RS_STATE_DOWN;
            return OK;
        }
        s->stop_wanted = 1;
        return end_service(s);
    case RS_RESTART:
        if (s->state == RS_STATE_DOWN || s->state == RS_STATE_BACKOFF ||
            s->state == RS_STATE_RECOVERING)
            return service_start(s);
        s->restart_wanted = 1;
        return end_service(s);
    case RS_LIST:
        return do_list(m);
    case RS_FI:
        return fault_request(s, m->m.rs.len);
    case RS_STATUS: {
        struct rs_status st;
        status_of(s, &st);
        return m->m.rs.len < sizeof st ? -EINVAL : sys_safecopyto(m->m_source, m->m.rs.grant, 0, &st, sizeof st);
    }
    default:
        return -EBADREQUEST;
    }
}

static void handle_notification(const message *m)
{
    if (m->m_source == CLOCK) {
        run_due_restarts();
        heartbeat_tick();
    } else if (m->m_source == PM_PROC) {
        message s;
        memset(&s, 0, sizeof s);
        if (pm_call(&s, PM_GETSIGS) == OK && (s.m.pm.out[0] & OS_SIGBIT(OS_SIGCHLD)))
            reap_children();
    }
}

static void handle_request(message *m)
{
    if (m->m_type == RS_ALIVE) {      /* a heartbeat's answer; a fault may wait for it */
        endpoint_t from = m->m_source;  /* fault_take writes the reply over the message */
        heartbeat_answer(from);
        int type = fault_take(from, m) ? FI_INJECT : OK;
        reply(from, m, type);
        return;
    }
    reply(m->m_source, m, handle(m));
}

int main(void)
{
    load_policy();
    start_ready_services();
    schedule_restarts();
    serve(handle_notification, handle_request);
}
