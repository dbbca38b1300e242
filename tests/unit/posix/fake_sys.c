/* The fake IPC trap and grant table behind lib/posix in the host tests (see fake_sys.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "fake_sys.h"

#define NR_GRANTS 16

struct fake_call fake_calls[FAKE_CALLS];
int fake_nr_calls;
fake_server fake_vfs;
fake_server fake_pm;
int fake_missing_error;
char fake_console[4096];
int fake_grant_room;

static struct {
    int valid;
    endpoint_t to;
    void *addr;
    size_t len;
    uint32_t access, seq;
} grants[NR_GRANTS];
static endpoint_t called;   /* the server whose grants fake_copy_* use */

void fake_reset(void)
{
    memset(fake_calls, 0, sizeof fake_calls);
    fake_nr_calls = 0;
    fake_vfs = NULL;
    fake_pm = NULL;
    fake_missing_error = -EDSTDENIED;
    fake_console[0] = '\0';
    fake_grant_room = NR_GRANTS;
    for (int i = 0; i < NR_GRANTS; i++)
        grants[i].valid = 0;
}

int fake_live_grants(void)
{
    int n = 0;
    for (int i = 0; i < NR_GRANTS; i++)
        n += grants[i].valid;
    return n;
}

grant_id_t grant_make(endpoint_t to, void *addr, size_t len, uint32_t access)
{
    if (fake_live_grants() >= fake_grant_room)
        return -ENOSPC;
    for (int i = 0; i < NR_GRANTS; i++) {
        if (grants[i].valid)
            continue;
        grants[i].valid = 1;
        grants[i].to = to;
        grants[i].addr = addr;
        grants[i].len = len;
        grants[i].access = access;
        grants[i].seq = (grants[i].seq + 1) & 0x7fff;
        return GRANT_ID(i, grants[i].seq);
    }
    return -ENOSPC;
}

void grant_revoke(grant_id_t id)
{
    uint32_t i = GRANT_INDEX(id);
    assert_true(id >= 0 && i < NR_GRANTS);
    assert_true(grants[i].valid && grants[i].seq == GRANT_SEQ(id));   /* revoked once, by its owner */
    grants[i].valid = 0;
}

static int lookup(grant_id_t g, size_t offset, size_t len, uint32_t access, void **at)
{
    uint32_t i = GRANT_INDEX(g);
    if (g < 0 || i >= NR_GRANTS || !grants[i].valid || grants[i].seq != GRANT_SEQ(g) ||
        grants[i].to != called || !(grants[i].access & access))
        return -ENOGRANT;
    if (offset > grants[i].len || len > grants[i].len - offset)
        return -EFAULT;
    *at = (char *)grants[i].addr + offset;
    return OK;
}

int fake_copy_from(grant_id_t g, size_t offset, void *dst, size_t len)
{
    void *at;
    int r = lookup(g, offset, len, GRANT_READ, &at);
    if (r == OK)
        memcpy(dst, at, len);
    return r;
}

int fake_copy_to(grant_id_t g, size_t offset, const void *src, size_t len)
{
    void *at;
    int r = lookup(g, offset, len, GRANT_WRITE, &at);
    if (r == OK)
        memcpy(at, src, len);
    return r;
}

const struct fake_call *fake_last(void)
{
    assert_true(fake_nr_calls > 0);
    return &fake_calls[fake_nr_calls - 1];
}

/* What a readable grant holds, as the server would see it. */
static void record_grant(struct fake_call *c, int which, grant_id_t g)
{
    uint32_t i = GRANT_INDEX(g);
    if (g < 0 || i >= NR_GRANTS || !grants[i].valid || grants[i].seq != GRANT_SEQ(g))
        return;
    c->access[which] = grants[i].access;
    if (!(grants[i].access & GRANT_READ))
        return;
    size_t n = grants[i].len < FAKE_IN_MAX ? grants[i].len : FAKE_IN_MAX;
    memcpy(c->in[which], grants[i].addr, n);
    c->in[which][n] = '\0';
    c->in_len[which] = grants[i].len;
}

static int log_server(message *m)
{
    char text[512];
    uint32_t len = m->m.log_grant.len < sizeof text ? m->m.log_grant.len : sizeof text;
    int r = fake_copy_from(m->m.log_grant.grant, 0, text, len);
    if (r == OK) {
        size_t used = strlen(fake_console);
        if (used + len < sizeof fake_console) {
            memcpy(fake_console + used, text, len);
            fake_console[used + len] = '\0';
        }
    }
    m->m_type = r == OK ? (int32_t)len : r;
    return OK;
}

int ipc_trap(uint32_t call, endpoint_t ep, message *m)
{
    assert_int_equal(call, IPC_SENDREC);
    assert_true(fake_nr_calls < FAKE_CALLS);
    struct fake_call *c = &fake_calls[fake_nr_calls++];
    c->to = ep;
    c->request = *m;
    if (ep == VFS_PROC) {
        record_grant(c, 0, m->m.vfs.grant);
        record_grant(c, 1, m->m.vfs.grant2);
    }
    called = ep;
    if (ep == LOG_PROC && m->m_type == LOG_WRITE_GRANT)
        return log_server(m);
    if (ep == VFS_PROC && fake_vfs)
        return fake_vfs(m);
    if (ep == PM_PROC && fake_pm)
        return fake_pm(m);
    return fake_missing_error;
}
