/* The data store's tables: entries (key, type, owner, value) and subscriptions with a
 * "changed" bit per entry. Ownership is by label, so a restarted service, which RS
 * publishes under the same label with its new endpoint, finds its private entries again. */
#include "store.h"
#include "../../lib/common/fmt.h"
#include "../../lib/common/string.h"

struct entry {
    int used;
    char key[DS_KEY_MAX];
    uint32_t type, flags, value;
    char owner[DS_OWNER_MAX];
    uint32_t len;
    uint8_t data[DS_VALUE_MAX];
};

struct subscription {
    int used;
    endpoint_t ep;
    char pattern[DS_KEY_MAX];
    uint32_t changed[DS_MAX_ENTRIES / 32];
};

static struct entry entries[DS_MAX_ENTRIES];
static struct subscription subs[DS_MAX_SUBS];
static void (*notify_subscriber)(endpoint_t);

void store_init(void (*notify)(endpoint_t))
{
    memset(entries, 0, sizeof entries);
    memset(subs, 0, sizeof subs);
    notify_subscriber = notify;
}

static int key_ok(const char *key)
{
    return key[0] != '\0' && memchr(key, '\0', DS_KEY_MAX) != NULL;
}

static struct entry *find(const char *key)
{
    for (int i = 0; i < DS_MAX_ENTRIES; i++)
        if (entries[i].used && strcmp(entries[i].key, key) == 0)
            return &entries[i];
    return NULL;
}

void store_owner_of(endpoint_t ep, char owner[DS_OWNER_MAX])
{
    for (int i = 0; i < DS_MAX_ENTRIES; i++) {
        const struct entry *e = &entries[i];
        if (e->used && e->type == DS_LABEL && (endpoint_t)e->value == ep && strlen(e->key) < DS_OWNER_MAX) {
            strcpy(owner, e->key);
            return;
        }
    }
    fmt_snprintf(owner, DS_OWNER_MAX, "#%d", (int)ep);
}

/* Marks the entry changed for every matching subscription and tells the subscribers. */
static void changed(const struct entry *e)
{
    int index = (int)(e - entries);
    for (int i = 0; i < DS_MAX_SUBS; i++) {
        struct subscription *s = &subs[i];
        if (!s->used || !glob_match(s->pattern, e->key))
            continue;
        s->changed[index / 32] |= 1u << (index % 32);
        if (notify_subscriber)
            notify_subscriber(s->ep);
    }
}

int store_publish(endpoint_t caller, const char *key, uint32_t type, uint32_t flags, uint32_t value,
                  const void *data, uint32_t len)
{
    if (!key_ok(key) || type < DS_U32 || type > DS_LABEL || len > DS_VALUE_MAX)
        return -EINVAL;
    if (type == DS_LABEL && caller != RS_PROC)
        return -EPERM;   /* only RS names endpoints */
    if (type == DS_STRING && (len == 0 || !memchr(data, '\0', len)))
        return -EINVAL;
    char owner[DS_OWNER_MAX];
    store_owner_of(caller, owner);
    struct entry *e = find(key);
    if (e && (strcmp(e->owner, owner) != 0 || !(flags & DSF_OVERWRITE)))
        return strcmp(e->owner, owner) != 0 ? -EPERM : -EEXIST;
    if (!e) {
        for (int i = 0; i < DS_MAX_ENTRIES && !e; i++)
            if (!entries[i].used)
                e = &entries[i];
        if (!e)
            return -ENOSPC;
    }
    memset(e, 0, sizeof *e);
    e->used = 1;
    strcpy(e->key, key);
    strcpy(e->owner, owner);
    e->type = type;
    e->flags = flags & DSF_PRIVATE;
    e->value = value;
    e->len = (type == DS_U32 || type == DS_LABEL) ? 0 : len;
    if (e->len)
        memcpy(e->data, data, len);
    changed(e);
    return OK;
}

int store_retrieve(endpoint_t caller, const char *key, uint32_t type, uint32_t *value,
                   const void **data, uint32_t *len)
{
    if (!key_ok(key))
        return -EINVAL;
    struct entry *e = find(key);
    if (!e)
        return -ENOENT;
    if (e->type != type)
        return -EINVAL;
    if (e->flags & DSF_PRIVATE) {
        char owner[DS_OWNER_MAX];
        store_owner_of(caller, owner);
        if (strcmp(owner, e->owner) != 0)
            return -EPERM;
    }
    *value = e->value;
    *data = e->data;
    *len = e->len;
    return OK;
}

int store_delete(endpoint_t caller, const char *key)
{
    if (!key_ok(key))
        return -EINVAL;
    struct entry *e = find(key);
    if (!e)
        return -ENOENT;
    char owner[DS_OWNER_MAX];
    store_owner_of(caller, owner);
    if (strcmp(owner, e->owner) != 0)
        return -EPERM;
    changed(e);
    e->used = 0;
    return OK;
}

int store_subscribe(endpoint_t caller, const char *pattern)
{
    if (!key_ok(pattern))
        return -EINVAL;
    for (int i = 0; i < DS_MAX_SUBS; i++) {
        struct subscription *s = &subs[i];
        if (s->used)
            continue;
        memset(s, 0, sizeof *s);
        s->used = 1;
        s->ep = caller;
        strcpy(s->pattern, pattern);
        return OK;
    }
    return -ENOSPC;
}

int store_check(endpoint_t caller, char key[DS_KEY_MAX], uint32_t *type)
{
    for (int i = 0; i < DS_MAX_SUBS; i++) {
        struct subscription *s = &subs[i];
        if (!s->used || s->ep != caller)
            continue;
        for (int n = 0; n < DS_MAX_ENTRIES; n++) {
            if (!(s->changed[n / 32] & (1u << (n % 32))))
                continue;
            s->changed[n / 32] &= ~(1u << (n % 32));
            strcpy(key, entries[n].key);
            *type = entries[n].used ? entries[n].type : 0;   /* 0: deleted */
            return OK;
        }
    }
    return -ENOENT;
}

int store_lookup(const char *label, endpoint_t *ep)
{
    if (!key_ok(label))
        return -EINVAL;
    struct entry *e = find(label);
    if (!e || e->type != DS_LABEL)
        return -ENOENT;
    *ep = (endpoint_t)e->value;
    return OK;
}

void store_forget_subscriber(endpoint_t ep)
{
    for (int i = 0; i < DS_MAX_SUBS; i++)
        if (subs[i].used && subs[i].ep == ep)
            subs[i].used = 0;
}
