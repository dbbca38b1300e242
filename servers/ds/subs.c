/* Subscriptions: glob patterns per subscriber and one "changed" bit per entry, so a subscriber
 * hears of a changed key once however often it changed; a dead one goes when a notify fails. */
#include "store.h"
#include "../../lib/common/string.h"

#define WORDS ((DS_MAX_ENTRIES + 31) / 32)
_Static_assert(DS_MAX_SUBSCRIBERS <= 32, "one bit per subscriber in subs_changed");

struct subscriber {
    endpoint_t ep;   /* NONE: a free slot */
    uint32_t changed[WORDS];
};

struct pattern {
    int subscriber;   /* index in subscribers, -1: a free slot */
    char text[DS_KEY_MAX];
};

static struct subscriber subscribers[DS_MAX_SUBSCRIBERS];
static struct pattern patterns[DS_MAX_PATTERNS];
static store_notify_fn notify;

void subs_init(store_notify_fn fn)
{
    notify = fn;
    memset(subscribers, 0, sizeof subscribers);
    for (int s = 0; s < DS_MAX_SUBSCRIBERS; s++)
        subscribers[s].ep = NONE;
    for (int p = 0; p < DS_MAX_PATTERNS; p++)
        patterns[p].subscriber = -1;
}

static int has_bit(const struct subscriber *s, int i)
{
    return (s->changed[i / 32] >> (i % 32)) & 1;
}

static void set_bit(struct subscriber *s, int i)
{
    s->changed[i / 32] |= 1u << (i % 32);
}

static void clear_bit(struct subscriber *s, int i)
{
    s->changed[i / 32] &= ~(1u << (i % 32));
}

static int subscriber_of(endpoint_t ep)
{
    for (int s = 0; s < DS_MAX_SUBSCRIBERS; s++)
        if (subscribers[s].ep == ep)
            return s;
    return -1;
}

static int matches(int s, const char *key)
{
    for (int p = 0; p < DS_MAX_PATTERNS; p++)
        if (patterns[p].subscriber == s && glob_match(patterns[p].text, key))
            return 1;
    return 0;
}

/* The subscriber's marks go too, which may free deleted entries only it had to check. */
static void drop(int s)
{
    struct subscriber *sub = &subscribers[s];
    sub->ep = NONE;
    for (int p = 0; p < DS_MAX_PATTERNS; p++)
        if (patterns[p].subscriber == s)
            patterns[p].subscriber = -1;
    for (int i = 0; i < DS_MAX_ENTRIES; i++) {
        if (!has_bit(sub, i))
            continue;
        clear_bit(sub, i);
        store_entry_seen(i);
    }
}

/* Marks first and notifies after, so a subscriber dropped on the way cannot free the entry
 * before the others have been marked. */
void subs_changed(int i)
{
    const char *key, *private_owner;
    uint32_t type, marked = 0;
    if (!store_entry(i, &key, &type, &private_owner))
        return;
    for (int s = 0; s < DS_MAX_SUBSCRIBERS; s++) {
        struct subscriber *sub = &subscribers[s];
        if (sub->ep == NONE || !matches(s, key))
            continue;
        if (private_owner && !store_is_owner(sub->ep, private_owner))
            continue;   /* not even the key of another label's private entry */
        set_bit(sub, i);
        marked |= 1u << s;
    }
    for (int s = 0; s < DS_MAX_SUBSCRIBERS && notify; s++) {
        if (!(marked & (1u << s)))
            continue;
        int r = notify(subscribers[s].ep);
        if (r == -EDEADSRCDST || r == -EBADEPT)
            drop(s);
    }
}

int subs_pending(int i)
{
    for (int s = 0; s < DS_MAX_SUBSCRIBERS; s++)
        if (subscribers[s].ep != NONE && has_bit(&subscribers[s], i))
            return 1;
    return 0;
}

void subs_reset(int i)
{
    for (int s = 0; s < DS_MAX_SUBSCRIBERS; s++)
        clear_bit(&subscribers[s], i);
}

static int has_pattern(int s, const char *pattern)
{
    for (int p = 0; p < DS_MAX_PATTERNS; p++)
        if (patterns[p].subscriber == s && strcmp(patterns[p].text, pattern) == 0)
            return 1;
    return 0;
}

static int new_subscriber(endpoint_t ep)
{
    int s = subscriber_of(NONE);
    if (s >= 0) {
        memset(&subscribers[s], 0, sizeof subscribers[s]);
        subscribers[s].ep = ep;
    }
    return s;
}

int store_subscribe(endpoint_t caller, const char *pattern)
{
    if (!key_ok(pattern))
        return -EINVAL;
    int s = subscriber_of(caller);
    if (s >= 0 && has_pattern(s, pattern))
        return OK;
    int p;
    for (p = 0; p < DS_MAX_PATTERNS && patterns[p].subscriber >= 0; p++)
        ;
    if (p == DS_MAX_PATTERNS || (s < 0 && (s = new_subscriber(caller)) < 0))
        return -ENOSPC;
    patterns[p].subscriber = s;
    strcpy(patterns[p].text, pattern);
    return OK;
}

int store_check(endpoint_t caller, char key[DS_KEY_MAX], uint32_t *type)
{
    int s = subscriber_of(caller);
    if (s < 0)
        return -ENOENT;
    struct subscriber *sub = &subscribers[s];
    for (int i = 0; i < DS_MAX_ENTRIES; i++) {
        const char *k, *private_owner;
        if (!has_bit(sub, i))
            continue;
        clear_bit(sub, i);
        if (!store_entry(i, &k, type, &private_owner))
            continue;
        strcpy(key, k);
        store_entry_seen(i);
        return OK;
    }
    return -ENOENT;
}

void store_forget_subscriber(endpoint_t ep)
{
    int s = subscriber_of(ep);
    if (s >= 0)
        drop(s);
}
