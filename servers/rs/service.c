/* Starting a service and reacting to its end: spawn through PM, give it the policy's
 * privileges, publish its endpoint under its label in DS, let it run; when it dies, start
 * it again after an exponential back-off. */
#include "rs.h"
#include "../../lib/common/string.h"

struct service services[MAX_SERVICES];

int pm_call(message *m, int type)
{
    m->m_type = type;
    int r = ipc_sendrec(PM_PROC, m);
    return r != OK ? r : m->m_type;
}

static int publish_label(const struct service *s)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m_type = DS_PUBLISH;
    strncpy(m.m.ds.key, s->label, sizeof m.m.ds.key - 1);
    m.m.ds.type = DS_LABEL;
    m.m.ds.flags = DSF_OVERWRITE;
    m.m.ds.value = (uint32_t)s->ep;
    int r = ipc_sendrec(DS_PROC, &m);
    return r != OK ? r : m.m_type;
}

/* The strings PM_SPAWN wants, as for exec: the program, then argv: label\0label\0arg1\0... */
static int spawn_strings(const struct service *s, char *buf, size_t size, int *argc)
{
    size_t n = strlen(s->label) + 1;
    memcpy(buf, s->label, n);
    memcpy(buf + n, s->label, n);
    n *= 2;
    *argc = 1;
    for (const char *a = s->args; *a;) {
        while (*a == ' ')
            a++;
        if (!*a)
            break;
        if (n + 1 >= size)
            return -E2BIG;
        while (*a && *a != ' ' && n + 1 < size)
            buf[n++] = *a++;
        buf[n++] = '\0';
        (*argc)++;
    }
    return (int)n;
}

/* Does s's policy name `label` among the services it may send to? */
static int may_send_to(const struct service *s, const char *label)
{
    size_t n = strlen(label);
    for (const char *p = s->ipc_labels; *p;) {
        while (*p == ' ')
            p++;
        if (strncmp(p, label, n) == 0 && (p[n] == ' ' || p[n] == '\0'))
            return 1;
        while (*p && *p != ' ')
            p++;
    }
    return 0;
}

/* The policy's privileges with the send rights to services filled in for their current slots. */
static struct priv_desc current_priv(const struct service *s)
{
    struct priv_desc d = s->priv;
    for (int i = 0; i < MAX_SERVICES; i++) {
        const struct service *t = &services[i];
        if (t->in_use && t->ep != NONE && t->ep >= 0 && may_send_to(s, t->label)) {
            int slot = ENDPOINT_SLOT(t->ep);
            d.send_mask[slot / 32] |= 1u << (slot % 32);
        }
    }
    return d;
}

/* A service has a new endpoint: everything that may send to it gets the new slot. */
void update_send_rights(const struct service *moved)
{
    for (int i = 0; i < MAX_SERVICES; i++) {
        struct service *s = &services[i];
        if (s->in_use && s->ep != NONE && s != moved && may_send_to(s, moved->label)) {
            struct priv_desc d = current_priv(s);
            sys_privctl(s->ep, &d);
        }
    }
}

/* A new process of a boot-image program (strings as for exec: program, then argv), left
 * stopped with the privileges d; a user process (not a service) if `user`. */
int spawn_process(const char *strings, int len, int argc, int user, const struct priv_desc *d,
                  endpoint_t *ep, int32_t *pid)
{
    grant_id_t g = grant_make(PM_PROC, (void *)strings, (size_t)len, GRANT_READ);
    if (g < 0)
        return g;
    message m;
    memset(&m, 0, sizeof m);
    m.m.pm.grant = g;
    m.m.pm.len = (uint32_t)len;
    m.m.pm.arg = argc;
    m.m.pm.flags = user ? 0x1 : 0;
    int r = pm_call(&m, PM_SPAWN);
    grant_revoke(g);
    if (r != OK)
        return r;
    *ep = m.m.pm.out[0];
    *pid = m.m.pm.out[1];
    struct priv_desc copy = *d;
    if ((r = sys_privctl(*ep, &copy)) != OK) {
        log_printf("rs: cannot give %s its privileges: %s\n", strings, err_name(r));
        m.m.pm.pid = *pid;
        m.m.pm.arg = OS_SIGKILL;
        pm_call(&m, PM_KILL);
    }
    return r;
}

/* The policy's memory limit, before the service runs: a leak then ends in its own ENOMEM. */
static int limit_memory(const struct service *s)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m_type = VM_SETLIMIT;
    m.m.vm.target = s->ep;
    m.m.vm.len = s->memory_kib * 1024;
    int r = ipc_sendrec(VM_PROC, &m);
    return r != OK ? r : m.m_type;
}

int service_start(struct service *s)
{
    char buf[96];
    int argc, len = spawn_strings(s, buf, sizeof buf, &argc);
    if (len < 0)
        return len;
    struct priv_desc d = current_priv(s);
    int r = spawn_process(buf, len, argc, !(s->priv.flags & PRIV_SYSTEM), &d, &s->ep, &s->pid);
    if (r != OK) {
        log_printf("rs: cannot start %s: %s\n", s->label, err_name(r));
        s->ep = NONE;
        s->pid = 0;
        return r;
    }
    if (s->memory_kib && (r = limit_memory(s)) != OK)
        log_printf("rs: cannot limit the memory of %s: %s\n", s->label, err_name(r));
    if ((r = publish_label(s)) != OK)
        log_printf("rs: cannot publish %s in DS: %s\n", s->label, err_name(r));
    s->state = RS_STATE_STARTING;
    s->ping_sent = 0;
    s->hung = 0;
    s->spared_at = 0;
    s->fault_pending = 0;
    update_send_rights(s);
    sys_stop(s->ep, 0);
    log_printf("rs: started %s as endpoint %d (pid %d)\n", s->label, (int)s->ep, (int)s->pid);
    return OK;
}

struct service *service_by_label(const char *label)
{
    for (int i = 0; i < MAX_SERVICES; i++)
        if (services[i].in_use && strcmp(services[i].label, label) == 0)
            return &services[i];
    return NULL;
}

struct service *service_by_pid(int32_t pid)
{
    for (int i = 0; i < MAX_SERVICES; i++)
        if (services[i].in_use && services[i].state != RS_STATE_DOWN && services[i].pid == pid)
            return &services[i];
    return NULL;
}

uint64_t now(void)
{
    struct kc_times t;
    return sys_times(SELF, &t) == OK ? t.uptime : 0;
}

/* For the log: milliseconds of uptime, so recovery times can be read off it. */
uint32_t ticks_to_ms(uint64_t ticks)
{
    struct kc_times t;
    uint32_t hz = sys_times(SELF, &t) == OK && t.hz ? t.hz : 100;
    return (uint32_t)(ticks * 1000 / hz);
}

/* A service ended. Status is a wait status: a signal number, or an exit code << 8. */
void service_exited(struct service *s, int32_t status)
{
    log_printf("rs: %s (endpoint %d) ended: %s %d at %u ms\n", s->label, (int)s->ep,
               (status & 0x7f) ? "signal" : "exit status", (int)((status & 0x7f) ? status & 0x7f : status >> 8),
               (unsigned)ticks_to_ms(now()));
    s->ep = NONE;
    s->pid = 0;
    if (s->stop_wanted || (s->once && !s->restart_wanted)) {
        s->state = RS_STATE_DOWN;
        s->stop_wanted = 0;
        start_ready_services();
        return;
    }
    if (!s->restart_wanted && s->max_restarts && ++s->failures > s->max_restarts) {
        log_printf("rs: %s failed %u times; giving up (policy max_restarts %u)\n", s->label,
                   (unsigned)s->failures, (unsigned)s->max_restarts);
        s->state = RS_STATE_FAILED;
        return;
    }
    s->restarts++;   /* what follows, a restart or the recovery script, is restart N */
    if (s->recovery && !s->restart_wanted && recovery_start(s, status) == OK)
        return;
    restart_later(s);
}

/* The back-off restart: at once if asked for, else after a delay that doubles with every
 * failure until the service answers a heartbeat. */
void restart_later(struct service *s)
{
    uint32_t shift = s->backoff_shift < BACKOFF_MAX_SHIFT ? s->backoff_shift : BACKOFF_MAX_SHIFT;
    s->backoff = s->restart_wanted ? 0 : BACKOFF_FIRST << shift;
    if (!s->restart_wanted)
        s->backoff_shift++;
    s->restart_wanted = 0;
    s->state = RS_STATE_BACKOFF;
    s->start_at = now() + s->backoff;
    schedule_restarts();
}

/* One kernel alarm for the next restart or heartbeat, whichever comes first. */
void schedule_restarts(void)
{
    uint64_t t = now(), next = t + HEARTBEAT_PERIOD;
    for (int i = 0; i < MAX_SERVICES; i++) {
        struct service *s = &services[i];
        if (s->in_use && s->state == RS_STATE_BACKOFF && s->start_at < next)
            next = s->start_at;
    }
    sys_setalarm((uint32_t)(next > t ? next - t : 1));
}

/* The kernel's view of the service's process; 0 if its slot holds someone else now. */
static int proc_of(const struct service *s, struct proc_info *pi)
{
    return sys_getinfo(GET_PROC, ENDPOINT_SLOT(s->ep), pi, sizeof *pi) >= 0 && pi->endpoint == s->ep;
}

/* Whom a service waits for in a call, as the kernel tells; NONE if it is not in one. */
static endpoint_t waits_for(const struct service *s)
{
    struct proc_info pi;
    return proc_of(s, &pi) && pi.waits_for != ANY ? pi.waits_for : NONE;
}

/* Its CPU ticks so far, and whether it could run now (blocked in nothing). */
static uint32_t cpu_ticks(const struct service *s, int *runnable)
{
    struct proc_info pi;
    if (!proc_of(s, &pi)) {
        *runnable = 0;
        return 0;
    }
    *runnable = pi.flags == 0;
    return pi.user_ticks + pi.sys_ticks;
}

/* Ready to run, yet it has hardly run since the ping: not hung but starved, by services
 * above it in the scheduler's queues (a driver leaking memory through VM, a demoted loop).
 * A hung service spins and is charged the ticks; this one is given time, up to
 * HEARTBEAT_PATIENCE. */
static int starved(const struct service *s, uint64_t t)
{
    int runnable;
    uint32_t used = cpu_ticks(s, &runnable) - s->cpu_at_ping;
    return runnable && used < STARVED_TICKS && t - s->ping_sent < HEARTBEAT_PATIENCE;
}

static struct service *service_at(endpoint_t ep)
{
    for (int i = 0; ep != NONE && i < MAX_SERVICES; i++)
        if (services[i].in_use && services[i].ep == ep)
            return &services[i];
    return NULL;
}

static int silent(const struct service *s, uint64_t t)
{
    return s->ping_sent && t - s->ping_sent >= HEARTBEAT_TIMEOUT;
}

/* Where the chain of calls from s ends: the service that waits for no other service; NULL
 * if s waits for no service (for a boot server, or in no call) or the chain is a ring. */
static struct service *chain_end(struct service *s)
{
    struct service *o = s;
    for (int hops = 0; hops < MAX_SERVICES; hops++) {
        struct service *next = service_at(waits_for(o));
        if (!next)
            return o == s ? NULL : o;
        if (next == s)
            return NULL;
        o = next;
    }
    return NULL;
}

/* SIGKILL through PM; its death then comes back as SIGCHLD like any other. */
int end_service(struct service *s)
{
    message k;
    memset(&k, 0, sizeof k);
    k.m.pm.pid = s->pid;
    k.m.pm.arg = OS_SIGKILL;
    return pm_call(&k, PM_KILL);
}

/* Running services are pinged with a notification and answer with an RS_ALIVE call. One
 * that has not answered for HEARTBEAT_TIMEOUT ticks is hung, unless it only waits in a call
 * to another service: at the end of that chain is either a silent service, ended on its own account
 * (the file server waiting for a hung disk driver then gets an error and carries on), or a
 * live one at work (a driver repeating a transfer). A live one that keeps a caller waiting
 * longer than HEARTBEAT_PATIENCE is the one at fault and is ended, not the caller. Services
 * waiting for each other in a ring are ended. One ready to run that has had almost no CPU
 * since the ping is starved, not hung, and is given up to HEARTBEAT_PATIENCE. Everything is
 * settled before anything ends. */
void heartbeat_tick(void)
{
    uint64_t t = now();
    static uint8_t end_it[MAX_SERVICES];
    static struct service *kept_waiting[MAX_SERVICES];
    memset(end_it, 0, sizeof end_it);
    for (int i = 0; i < MAX_SERVICES; i++) {
        struct service *s = &services[i];
        if (!s->in_use || s->once || s->state != RS_STATE_RUNNING || !silent(s, t))
            continue;
        struct service *e = chain_end(s);
        if (!e && s->spared_at && t - s->spared_at <= 2 * HEARTBEAT_PERIOD) {
            s->ping_sent = t;   /* its call just ended: a full deadline from now to answer */
        } else if (!e && starved(s, t)) {
            continue;
        } else if (!e) {
            end_it[i] = 1;
        } else if (!silent(e, t) && t - s->ping_sent >= HEARTBEAT_PATIENCE) {
            end_it[e - services] = 1;
            kept_waiting[e - services] = s;
            s->ping_sent = t;   /* its own patience starts again with e's new instance */
        }
        if (e)
            s->spared_at = t;
    }
    for (int i = 0; i < MAX_SERVICES; i++) {
        struct service *s = &services[i];
        if (end_it[i] && kept_waiting[i] && !silent(s, t)) {
            log_printf("rs: %s (endpoint %d) kept %s waiting for over %u ticks\n", s->label,
                       (int)s->ep, kept_waiting[i]->label, (unsigned)HEARTBEAT_PATIENCE);
        } else if (end_it[i]) {
            endpoint_t other = waits_for(s);
            if (other == NONE)
                log_printf("rs: %s (endpoint %d) did not answer its heartbeat for %u ticks\n",
                           s->label, (int)s->ep, (unsigned)(t - s->ping_sent));
            else
                log_printf("rs: %s (endpoint %d) did not answer its heartbeat for %u ticks, "
                           "waiting for endpoint %d\n", s->label, (int)s->ep,
                           (unsigned)(t - s->ping_sent), (int)other);
        }
        kept_waiting[i] = NULL;
        if (end_it[i]) {
            s->ping_sent = 0;
            s->hung = 1;
            end_service(s);
        } else if (s->in_use && !s->once && s->state == RS_STATE_RUNNING && !s->ping_sent) {
            int runnable;
            s->ping_sent = t;
            s->cpu_at_ping = cpu_ticks(s, &runnable);
            ipc_notify(s->ep);
        }
    }
}

/* An answer also shows the service up and serving: a later failure starts the back-off
 * anew, which is kept for services that fail again before they can answer. */
void heartbeat_answer(endpoint_t from)
{
    for (int i = 0; i < MAX_SERVICES; i++)
        if (services[i].in_use && services[i].ep == from) {
            services[i].ping_sent = 0;
            services[i].backoff_shift = 0;
        }
}

void run_due_restarts(void)
{
    uint64_t t = now();
    for (int i = 0; i < MAX_SERVICES; i++) {
        struct service *s = &services[i];
        if (s->in_use && s->state == RS_STATE_BACKOFF && s->start_at <= t) {
            log_printf("rs: restarting %s (restart %u)\n", s->label, (unsigned)s->restarts);
            if (service_start(s) != OK) {
                s->state = RS_STATE_BACKOFF;
                s->start_at = t + (BACKOFF_FIRST << BACKOFF_MAX_SHIFT);
            }
        }
    }
    schedule_restarts();
}

/* PM told us of SIGCHLD: collect every ended child. */
void reap_children(void)
{
    for (;;) {
        message m;
        memset(&m, 0, sizeof m);
        m.m.pm.pid = -1;
        m.m.pm.arg = 1;   /* WNOHANG */
        int pid = pm_call(&m, PM_WAITPID);
        if (pid <= 0)
            return;
        struct service *s = service_by_pid(pid);
        if (s)
            service_exited(s, m.m.pm.out[0]);
        else if ((s = service_by_script(pid)) != NULL)
            recovery_ended(s, m.m.pm.out[0]);
    }
}

/* Starts what has not run yet and does not wait for a job still to end. */
void start_ready_services(void)
{
    for (int i = 0; i < MAX_SERVICES; i++) {
        struct service *s = &services[i];
        if (!s->in_use || s->started)
            continue;
        struct service *first = s->after[0] ? service_by_label(s->after) : NULL;
        if (first && (!first->started || first->state != RS_STATE_DOWN))
            continue;
        s->started = 1;
        service_start(s);
    }
}

void load_policy(void)
{
    int n = 0;
    for (int i = 0; n < MAX_SERVICES; i++) {
        struct bootimg_entry e;
        if (sys_getinfo(GET_BOOTENTRY, i, &e, sizeof e) < 0)
            break;
        if (!(e.flags & BOOT_SERVICE))
            continue;
        struct service *s = &services[n++];
        memset(s, 0, sizeof *s);
        s->in_use = 1;
        memcpy(s->label, e.name, sizeof s->label);
        s->label[sizeof s->label - 1] = '\0';
        memcpy(s->args, e.args, sizeof s->args);
        s->args[sizeof s->args - 1] = '\0';
        s->priv = e.priv;
        s->once = (e.flags & BOOT_ONCE) != 0;
        s->recovery = (e.flags & BOOT_RECOVERY) != 0;
        s->memory_kib = e.memory_kib;
        memcpy(s->after, e.after, sizeof s->after);
        memcpy(s->ipc_labels, e.ipc_labels, sizeof s->ipc_labels);
        s->ipc_labels[sizeof s->ipc_labels - 1] = '\0';
        s->after[sizeof s->after - 1] = '\0';
        s->max_restarts = e.max_restarts;
        s->state = RS_STATE_DOWN;
        s->ep = NONE;
    }
}
