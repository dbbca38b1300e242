/* Recovery scripts: a service whose policy says `recovery` is not restarted by RS after a
 * failure; RS runs /etc/rs/<label> instead (through the boot-image program `recover`, as an
 * ordinary process with the privileges of init's programs), and the script decides. */
#include "rs.h"
#include "../../lib/common/fmt.h"
#include "../../lib/common/string.h"

struct service *service_by_script(int32_t pid)
{
    for (int i = 0; i < MAX_SERVICES; i++)
        if (services[i].in_use && services[i].script_pid == pid)
            return &services[i];
    return NULL;
}

/* What ended it, in the words the script gets as $2. */
static void reason_text(const struct service *s, int32_t status, char *buf, size_t size)
{
    if (s->hung)
        fmt_snprintf(buf, size, "hung");
    else if (status & 0x7f)
        fmt_snprintf(buf, size, "signal-%d", (int)(status & 0x7f));
    else
        fmt_snprintf(buf, size, "exit-%d", (int)(status >> 8 & 0xff));
}

/* The strings PM_SPAWN wants: recover recover LABEL REASON COUNT, each ending in NUL. */
static int script_strings(const struct service *s, int32_t status, char *buf, size_t size)
{
    char reason[16], count[12];
    reason_text(s, status, reason, sizeof reason);
    fmt_snprintf(count, sizeof count, "%u", (unsigned)s->restarts);
    const char *words[] = { "recover", "recover", s->label, reason, count };
    size_t n = 0;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t len = strlen(words[i]) + 1;
        if (n + len > size)
            return -E2BIG;
        memcpy(buf + n, words[i], len);
        n += len;
    }
    return (int)n;
}

/* Starts s's recovery script; OK if it runs (s is then RECOVERING), else RS restarts s
 * itself. The script's programs come from the file system, so they get what init's do. */
int recovery_start(struct service *s, int32_t status)
{
    struct service *init = service_by_label("init");
    if (!init)
        return -ESRCH;
    char buf[80];
    endpoint_t ep;
    int r = script_strings(s, status, buf, sizeof buf);
    if (r >= 0)
        r = spawn_process(buf, r, 4, 1, &init->priv, &ep, &s->script_pid);
    if (r != OK) {
        s->script_pid = 0;
        log_printf("rs: cannot run the recovery script of %s: %s\n", s->label, err_name(r));
        return r;
    }
    log_printf("rs: running /etc/rs/%s for %s (pid %d)\n", s->label, s->label,
               (int)s->script_pid);
    s->state = RS_STATE_RECOVERING;
    sys_stop(ep, 0);
    return OK;
}

/* The script ended. If it left the service down: exit 0 means it chose so (the service
 * counts as failed); any other status means it failed itself, and RS restarts the service. */
void recovery_ended(struct service *s, int32_t status)
{
    s->script_pid = 0;
    if (s->state != RS_STATE_RECOVERING)
        return;   /* it restarted the service, or someone stopped it */
    if (status == 0) {
        log_printf("rs: the recovery script of %s left it down\n", s->label);
        s->state = RS_STATE_FAILED;
        return;
    }
    log_printf("rs: the recovery script of %s failed (status 0x%x); restarting %s\n", s->label,
               (unsigned)status, s->label);
    restart_later(s);
    schedule_restarts();
}
