/* The data store server: typed key/value entries, the naming service (label -> endpoint)
 * and publish/subscribe; strings and blobs travel through the caller's grants. */
#include <libsys.h>
#include "store.h"
#include "../../lib/common/string.h"

static uint8_t buffer[DS_VALUE_MAX];

/* Subscribers learn of changes by a notification; one that has died is dropped. */
static void notify(endpoint_t ep)
{
    int r = ipc_notify(ep);
    if (r == -EDEADSRCDST || r == -EBADEPT)
        store_forget_subscriber(ep);
}

static int publish(message *m)
{
    struct ds_payload *a = &m->m.ds;
    uint32_t len = 0;
    if (a->type == DS_STRING || a->type == DS_BLOB) {
        if (a->len > DS_VALUE_MAX)
            return -EINVAL;
        len = a->len;
        int r = sys_safecopyfrom(m->m_source, a->grant, 0, buffer, len);
        if (r != OK)
            return r;
    }
    return store_publish(m->m_source, a->key, a->type, a->flags, a->value, buffer, len);
}

static int retrieve(message *m)
{
    struct ds_payload *a = &m->m.ds;
    const void *data;
    uint32_t len;
    int r = store_retrieve(m->m_source, a->key, a->type, &a->value, &data, &len);
    if (r != OK || (a->type != DS_STRING && a->type != DS_BLOB))
        return r;
    if (len > a->len)
        return -E2BIG;
    if ((r = sys_safecopyto(m->m_source, a->grant, 0, data, len)) != OK)
        return r;
    return (int)len;
}

static int handle(message *m)
{
    struct ds_payload *a = &m->m.ds;
    if (memchr(a->key, '\0', sizeof a->key) == NULL)
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
        return store_check(m->m_source, a->key, &a->type);
    case DS_LOOKUP: {
        endpoint_t ep;
        int r = store_lookup(a->key, &ep);
        a->value = (uint32_t)ep;
        return r;
    }
    default:
        return -EBADREQUEST;
    }
}

int main(void)
{
    store_init(notify);
    for (;;) {
        message m;
        if (ipc_receive(ANY, &m) != OK || m.m_type == NOTIFY_MESSAGE)
            continue;
        m.m_type = handle(&m);
        ipc_sendnb(m.m_source, &m);
    }
}
