/* The data store server: typed key/value entries, the naming service (label -> endpoint)
 * and publish/subscribe. This file moves messages and grants; store.c and subs.c decide. */
#include <libsys.h>
#include "store.h"
#include "../../lib/common/string.h"

static uint8_t incoming[DS_VALUE_MAX];   /* a string or blob on its way into the table */

/* Non-blocking, so a subscriber that never receives cannot stall DS. */
static int notify(endpoint_t subscriber)
{
    return ipc_notify(subscriber);
}

static int publish(const message *m)
{
    const struct ds_payload *a = &m->m.ds;
    uint32_t len = 0;
    if (a->type == DS_STRING || a->type == DS_BLOB) {
        if (a->len > DS_VALUE_MAX)
            return -EINVAL;
        len = a->len;
        int r = len ? sys_safecopyfrom(m->m_source, a->grant, 0, incoming, len) : OK;
        if (r != OK)
            return r;
    }
    return store_publish(m->m_source, a->key, a->type, a->flags, a->value, incoming, len);
}

/* A buffer too small gets -E2BIG and, in len, the size it would take. */
static int retrieve(message *m)
{
    struct ds_payload *a = &m->m.ds;
    const void *data;
    uint32_t len;
    int r = store_retrieve(m->m_source, a->key, a->type, &a->value, &data, &len);
    if (r != OK || (a->type != DS_STRING && a->type != DS_BLOB))
        return r;
    if (len > a->len) {
        a->len = len;
        return -E2BIG;
    }
    a->len = len;
    if (len && (r = sys_safecopyto(m->m_source, a->grant, 0, data, len)) != OK)
        return r;
    return (int)len;
}

static int check(message *m)
{
    struct ds_payload *a = &m->m.ds;
    memset(a->key, 0, sizeof a->key);
    a->type = 0;
    return store_check(m->m_source, a->key, &a->type);
}

static int lookup(message *m)
{
    endpoint_t ep = NONE;
    int r = store_lookup(m->m.ds.key, &ep);
    m->m.ds.value = (uint32_t)ep;
    return r;
}

static int handle(message *m)
{
    struct ds_payload *a = &m->m.ds;
    int known = m->m_type >= DS_PUBLISH && m->m_type < DS_CALL_END;
    if (known && m->m_type != DS_CHECK && !key_ok(a->key))
        return -EINVAL;
    switch (m->m_type) {
    case DS_PUBLISH:
        return publish(m);
    case DS_RETRIEVE:
        return retrieve(m);
    case DS_DELETE:
        return store_delete(m->m_source, a->key);
    case DS_SUBSCRIBE:
        return store_subscribe(m->m_source, a->key);
    case DS_CHECK:
        return check(m);
    case DS_LOOKUP:
        return lookup(m);
    default:
        return -EBADREQUEST;
    }
}

int main(void)
{
    endpoint_t self;
    char name[16];
    if (sys_whoami(&self, name) != OK || self != DS_PROC)
        sys_diag("ds: not at the well-known endpoint; clients will not find it\n");
    store_init(notify);
    for (;;) {
        message m;
        if (ipc_receive(ANY, &m) != OK || m.m_type == NOTIFY_MESSAGE)
            continue;
        m.m_type = handle(&m);
        ipc_sendnb(m.m_source, &m);   /* a caller that did not wait loses its answer */
    }
}
