/* Data store client calls: publish, retrieve, delete, subscribe, check and look up labels.
 * Strings and blobs travel through a grant made for DS alone and revoked after the call. */
#include <libsys.h>
#include "../common/string.h"

/* A key that does not fit is refused here: cutting it short would name another key. */
static int ds_call(message *m, int type, const char *key)
{
    size_t n = strnlen(key, DS_KEY_MAX);
    if (n == DS_KEY_MAX)
        return -EINVAL;
    memcpy(m->m.ds.key, key, n);
    m->m_type = type;
    int r = ipc_sendrec(DS_PROC, m);
    return r != OK ? r : m->m_type;
}

int ds_publish_u32(const char *key, uint32_t value, uint32_t flags)
{
    message m = { 0 };
    m.m.ds.type = DS_U32;
    m.m.ds.value = value;
    m.m.ds.flags = flags;
    return ds_call(&m, DS_PUBLISH, key);
}

static int publish_bytes(const char *key, uint32_t type, const void *data, size_t len,
                         uint32_t flags)
{
    message m = { 0 };
    if (len > DS_VALUE_MAX)
        return -EINVAL;
    grant_id_t g = grant_make(DS_PROC, (void *)(uintptr_t)data, len, GRANT_READ);
    if (g < 0)
        return g;
    m.m.ds.type = type;
    m.m.ds.flags = flags;
    m.m.ds.grant = g;
    m.m.ds.len = (uint32_t)len;
    int r = ds_call(&m, DS_PUBLISH, key);
    grant_revoke(g);
    return r;
}

int ds_publish_str(const char *key, const char *value, uint32_t flags)
{
    return publish_bytes(key, DS_STRING, value, strnlen(value, DS_VALUE_MAX) + 1, flags);
}

int ds_publish_blob(const char *key, const void *data, size_t len, uint32_t flags)
{
    return publish_bytes(key, DS_BLOB, data, len, flags);
}

int ds_retrieve_u32(const char *key, uint32_t *value)
{
    message m = { 0 };
    m.m.ds.type = DS_U32;
    int r = ds_call(&m, DS_RETRIEVE, key);
    if (r == OK)
        *value = m.m.ds.value;
    return r;
}

static int retrieve_bytes(const char *key, uint32_t type, void *buf, size_t size)
{
    message m = { 0 };
    if (size > DS_VALUE_MAX)
        size = DS_VALUE_MAX;   /* nothing in DS is bigger */
    grant_id_t g = grant_make(DS_PROC, buf, size, GRANT_WRITE);
    if (g < 0)
        return g;
    m.m.ds.type = type;
    m.m.ds.grant = g;
    m.m.ds.len = (uint32_t)size;
    int r = ds_call(&m, DS_RETRIEVE, key);
    grant_revoke(g);
    return r;
}

int ds_retrieve_str(const char *key, char *buf, size_t size)
{
    return retrieve_bytes(key, DS_STRING, buf, size);
}

int ds_retrieve_blob(const char *key, void *buf, size_t size)
{
    return retrieve_bytes(key, DS_BLOB, buf, size);
}

int ds_delete(const char *key)
{
    message m = { 0 };
    return ds_call(&m, DS_DELETE, key);
}

int ds_subscribe(const char *pattern)
{
    message m = { 0 };
    return ds_call(&m, DS_SUBSCRIBE, pattern);
}

int ds_check(char key[DS_KEY_MAX], uint32_t *type)
{
    message m = { 0 };
    int r = ds_call(&m, DS_CHECK, "");
    if (r != OK)
        return r;
    memcpy(key, m.m.ds.key, DS_KEY_MAX);
    key[DS_KEY_MAX - 1] = '\0';
    if (type)
        *type = m.m.ds.type;
    return OK;
}

int ds_lookup(const char *label, endpoint_t *ep)
{
    message m = { 0 };
    int r = ds_call(&m, DS_LOOKUP, label);
    if (r == OK)
        *ep = (endpoint_t)m.m.ds.value;
    return r;
}
