/* The data store's entry table: typed values with owners. Ownership is by label, so a service
 * RS restarts (same label, new endpoint) finds its private entries again. */
#include "store.h"
#include "../../lib/common/string.h"

/* A deleted entry stays until its subscribers have checked it, so they learn of the delete. */
enum state { FREE, LIVE, DELETED };

struct entry {
    uint32_t state;
    char key[DS_KEY_MAX];
    char owner[DS_OWNER_MAX];
    uint32_t type, flags, value, len;
    uint8_t data[DS_VALUE_MAX];
};

static struct entry entries[DS_MAX_ENTRIES];

void store_init(store_notify_fn notify)
{
    memset(entries, 0, sizeof entries);
    subs_init(notify);
}

/* Reads no further than the terminator: keys from the host tests are short literals. */
int key_ok(const char *key)
{
    for (int i = 0; i < DS_KEY_MAX; i++)
        if (key[i] == '\0')
            return i > 0;
    return 0;
}

static struct entry *find(const char *key, enum state state)
{
    for (int i = 0; i < DS_MAX_ENTRIES; i++)
        if (entries[i].state == state && strcmp(entries[i].key, key) == 0)
            return &entries[i];
    return NULL;
}

static const struct entry *label_of(endpoint_t ep)
{
    for (int i = 0; i < DS_MAX_ENTRIES; i++) {
        const struct entry *e = &entries[i];
        if (e->state == LIVE && e->type == DS_LABEL && (endpoint_t)e->value == ep)
            return e;
    }
    return NULL;
}

/* "#<endpoint>": labels never start with '#', so the two kinds of owner cannot collide. */
static void endpoint_name(endpoint_t ep, char out[DS_OWNER_MAX])
{
    char digits[12];
    int n = 0;
    uint32_t v = (uint32_t)ep;
    do
        digits[n++] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    out[0] = '#';
    for (int i = 0; i < n; i++)
        out[1 + i] = digits[n - 1 - i];
    out[n + 1] = '\0';
}

void store_owner_of(endpoint_t ep, char owner[DS_OWNER_MAX])
{
    const struct entry *label = label_of(ep);
    if (label)
        strcpy(owner, label->key);
    else
        endpoint_name(ep, owner);
}

/* Also by endpoint: what a process published before RS named it stays its own. */
int store_is_owner(endpoint_t ep, const char *owner)
{
    const struct entry *label = label_of(ep);
    if (label && strcmp(label->key, owner) == 0)
        return 1;
    char name[DS_OWNER_MAX];
    endpoint_name(ep, name);
    return strcmp(name, owner) == 0;
}

/* Checks a value against its type; *len becomes the number of bytes to keep. */
static int check_value(endpoint_t caller, const char *key, uint32_t type, const void *data,
                       uint32_t *len)
{
    switch (type) {
    case DS_U32:
        *len = 0;
        return OK;
    case DS_LABEL:
        if (caller != RS_PROC)
            return -EPERM;   /* only RS names endpoints */
        *len = 0;
        return key[0] == '#' ? -EINVAL : OK;
    case DS_STRING: {
        const char *nul = *len && *len <= DS_VALUE_MAX ? memchr(data, '\0', *len) : NULL;
        if (!nul)
            return -EINVAL;
        *len = (uint32_t)(nul - (const char *)data) + 1;
        return OK;
    }
    case DS_BLOB:
        return *len <= DS_VALUE_MAX ? OK : -EINVAL;
    default:
        return -EINVAL;
    }
}

static int may_replace(endpoint_t caller, const struct entry *e, uint32_t type, uint32_t flags)
{
    if (!(flags & DSF_OVERWRITE))
        return -EEXIST;
    if (type == DS_LABEL && caller == RS_PROC)
        return OK;   /* nobody can squat on a service's name before RS publishes it */
    return store_is_owner(caller, e->owner) ? OK : -EPERM;
}

/* A slot for a new key. A deleted entry of the same key is taken over, so its subscribers
 * see one change; when the table is full, an unchecked delete gives way. */
static struct entry *alloc(const char *key)
{
    struct entry *e = find(key, DELETED);
    if (e)
        return e;
    for (int i = 0; i < DS_MAX_ENTRIES && !e; i++)
        if (entries[i].state == FREE)
            e = &entries[i];
    for (int i = 0; i < DS_MAX_ENTRIES && !e; i++)
        if (entries[i].state == DELETED)
            e = &entries[i];
    if (e)
        subs_reset((int)(e - entries));
    return e;
}

int store_publish(endpoint_t caller, const char *key, uint32_t type, uint32_t flags, uint32_t value,
                  const void *data, uint32_t len)
{
    if (!key_ok(key) || (flags & ~(uint32_t)(DSF_PRIVATE | DSF_OVERWRITE)))
        return -EINVAL;
    int r = check_value(caller, key, type, data, &len);
    if (r != OK)
        return r;
    struct entry *e = find(key, LIVE);
    if (e && (r = may_replace(caller, e, type, flags)) != OK)
        return r;
    char owner[DS_OWNER_MAX];
    store_owner_of(caller, owner);
    if (!e && !(e = alloc(key)))
        return -ENOSPC;
    e->state = LIVE;
    strcpy(e->key, key);
    strcpy(e->owner, owner);
    e->type = type;
    e->flags = type == DS_LABEL ? 0 : flags & DSF_PRIVATE;   /* names are public */
    e->value = value;
    e->len = len;
    if (len)
        memcpy(e->data, data, len);
    subs_changed((int)(e - entries));
    return OK;
}

int store_retrieve(endpoint_t caller, const char *key, uint32_t type, uint32_t *value,
                   const void **data, uint32_t *len)
{
    if (!key_ok(key))
        return -EINVAL;
    const struct entry *e = find(key, LIVE);
    if (!e)
        return -ENOENT;
    if ((e->flags & DSF_PRIVATE) && !store_is_owner(caller, e->owner))
        return -EPERM;   /* before the type check, which would tell the type */
    if (e->type != type)
        return -EINVAL;
    *value = e->value;
    *data = e->data;
    *len = e->len;
    return OK;
}

int store_delete(endpoint_t caller, const char *key)
{
    if (!key_ok(key))
        return -EINVAL;
    struct entry *e = find(key, LIVE);
    if (!e)
        return -ENOENT;
    if (!store_is_owner(caller, e->owner) && !(caller == RS_PROC && e->type == DS_LABEL))
        return -EPERM;
    e->state = DELETED;
    subs_changed((int)(e - entries));
    store_entry_seen((int)(e - entries));
    return OK;
}

int store_lookup(const char *label, endpoint_t *ep)
{
    if (!key_ok(label))
        return -EINVAL;
    const struct entry *e = find(label, LIVE);
    if (!e || e->type != DS_LABEL)
        return -ENOENT;
    *ep = (endpoint_t)e->value;
    return OK;
}

int store_entry(int i, const char **key, uint32_t *type, const char **private_owner)
{
    const struct entry *e = &entries[i];
    if (e->state == FREE)
        return 0;
    *key = e->key;
    *type = e->state == LIVE ? e->type : 0;
    *private_owner = (e->flags & DSF_PRIVATE) ? e->owner : NULL;
    return 1;
}

void store_entry_seen(int i)
{
    if (entries[i].state == DELETED && !subs_pending(i))
        entries[i].state = FREE;
}
