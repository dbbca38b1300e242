/* Reporting and waiting for the data-store test programs (see common.h). */
#include "common.h"
#include "../../lib/common/string.h"

const char *who = "";
int failures;

int expect(const char *what, int got, int want)
{
    if (got == want) {
        log_printf("dstest: %s%s ok\n", who, what);
        return 1;
    }
    log_printf("dstest: FAIL %s%s: got %d, want %d\n", who, what, got, want);
    failures++;
    return 0;
}

int expect_true(const char *what, int ok)
{
    log_printf(ok ? "dstest: %s%s ok\n" : "dstest: FAIL %s%s\n", who, what);
    failures += !ok;
    return ok;
}

static uint64_t uptime(uint32_t *hz)
{
    struct kc_times t;
    if (sys_times(SELF, &t) != OK)
        return 0;
    *hz = t.hz;
    return t.uptime;
}

/* An alarm left over from an earlier wait may still be pending: only a CLOCK notification
 * after the deadline counts as the end of the wait. */
int wait_ds_notify(void)
{
    uint32_t hz = 100;
    uint64_t deadline = uptime(&hz);
    deadline += 2 * hz;
    sys_setalarm(2 * hz);
    for (;;) {
        message m;
        if (ipc_receive(ANY, &m) != OK)
            return -EAGAIN;
        if (m.m_type == NOTIFY_MESSAGE && m.m_source == DS_PROC) {
            sys_setalarm(0);
            return OK;
        }
        if (m.m_type == NOTIFY_MESSAGE && m.m_source == CLOCK && uptime(&hz) >= deadline)
            return -EAGAIN;
        if (m.m_type != NOTIFY_MESSAGE)
            log_printf("dstest: FAIL %san unexpected message %d from %d\n", who, (int)m.m_type,
                       (int)m.m_source);
    }
}

void expect_changes(const char *what, const struct change *want, int n)
{
    char key[DS_KEY_MAX];
    uint32_t type, seen = 0;
    int extra = 0, r;
    while ((r = ds_check(key, &type)) == OK && extra < 64) {
        int i;
        for (i = 0; i < n; i++)
            if (strcmp(key, want[i].key) == 0 && type == want[i].type && !(seen & (1u << i)))
                break;
        if (i < n) {
            seen |= 1u << i;
        } else {
            log_printf("dstest: %s%s: unexpected change of %s (type %u)\n", who, what, key,
                       (unsigned)type);
            extra++;
        }
    }
    int ok = r == -ENOENT && extra == 0 && seen == (n ? (1u << n) - 1 : 0);
    expect_true(what, ok);
}

int ds_raw(int type, message *m)
{
    m->m_type = type;
    int r = ipc_sendrec(DS_PROC, m);
    return r != OK ? r : m->m_type;
}
