/* service: asks the reincarnation server to start, stop or restart a service, to inject a
 * fault into one, or shows the services and their restart counts.
 * Usage: service list | status|up|down|restart LABEL | fi LABEL KIND */
#include <libsys.h>
#include <string.h>
#include "say.h"

static const char *const state_names[] = { "down", "starting", "running", "back-off", "failed",
                                              "recovering" };

static int rs_call(message *m, int type, const char *label)
{
    m->m_type = type;
    if (label)
        strncpy(m->m.rs.label, label, sizeof m->m.rs.label - 1);
    int r = ipc_sendrec(RS_PROC, m);
    return r != OK ? r : m->m_type;
}

static void show(const struct rs_status *st)
{
    const char *state = st->state < sizeof state_names / sizeof state_names[0] ? state_names[st->state] : "?";
    say("%-12s %-9s endpoint %-6d pid %-5d restarts %u\n", st->label, state,
               (int)st->endpoint, (int)st->pid, (unsigned)st->restarts);
}

static int list(void)
{
    static struct rs_status all[32];
    message m = { 0 };
    grant_id_t g = grant_make(RS_PROC, all, sizeof all, GRANT_WRITE);
    m.m.rs.grant = g;
    m.m.rs.len = sizeof all;
    int n = rs_call(&m, RS_LIST, NULL);
    grant_revoke(g);
    for (int i = 0; i < n; i++)
        show(&all[i]);
    return n < 0 ? n : OK;
}

static int status(const char *label)
{
    struct rs_status st;
    message m = { 0 };
    grant_id_t g = grant_make(RS_PROC, &st, sizeof st, GRANT_WRITE);
    m.m.rs.grant = g;
    m.m.rs.len = sizeof st;
    int r = rs_call(&m, RS_STATUS, label);
    grant_revoke(g);
    if (r == OK)
        show(&st);
    return r;
}

static const char *const fi_names[FI_KINDS] = {
    [FI_PANIC] = "panic", [FI_NULL] = "null", [FI_WILD] = "wild", [FI_KERNEL] = "kernel",
    [FI_LOOP] = "loop", [FI_BITFLIP] = "bitflip", [FI_BADIPC] = "badipc", [FI_LEAK] = "leak",
    [FI_LIE] = "lie", [FI_MISDIRECT] = "misdirect",
};

static int inject(const char *label, const char *kind)
{
    message m = { 0 };
    for (int k = 1; kind && k < FI_KINDS; k++)
        if (strcmp(kind, fi_names[k]) == 0) {
            m.m.rs.len = (uint32_t)k;
            return rs_call(&m, RS_FI, label);
        }
    complain("service: fault kinds: panic null wild kernel loop bitflip badipc leak lie misdirect\n");
    return -EINVAL;
}

int main(int argc, char **argv)
{
    const char *cmd = argc > 1 ? argv[1] : "";
    const char *label = argc > 2 ? argv[2] : NULL;
    int r = -EINVAL;
    message m = { 0 };
    if (strcmp(cmd, "list") == 0)
        r = list();
    else if (label && strcmp(cmd, "status") == 0)
        r = status(label);
    else if (label && strcmp(cmd, "up") == 0)
        r = rs_call(&m, RS_UP, label);
    else if (label && strcmp(cmd, "down") == 0)
        r = rs_call(&m, RS_DOWN, label);
    else if (label && strcmp(cmd, "restart") == 0)
        r = rs_call(&m, RS_RESTART, label);
    else if (label && strcmp(cmd, "fi") == 0)
        r = inject(label, argc > 3 ? argv[3] : NULL);
    else
        complain("usage: service list | status|up|down|restart LABEL | fi LABEL KIND\n");
    if (r != OK)
        complain("service: %s %s: %s\n", cmd, label ? label : "", err_name(r));
    else if (strcmp(cmd, "list") && strcmp(cmd, "status"))
        say("service: %s %s: ok\n", cmd, label);
    return r == OK ? 0 : 1;
}
