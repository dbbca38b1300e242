/* The data store's logic, kept apart from messages so the host tests can drive it: typed
 * entries with owners, labels as names for endpoints, and subscriptions by glob pattern. */
#ifndef DS_STORE_H
#define DS_STORE_H

#include <os/com.h>
#include <os/errno.h>

#define DS_MAX_ENTRIES     128
#define DS_MAX_SUBSCRIBERS 32
#define DS_MAX_PATTERNS    64
#define DS_OWNER_MAX       DS_KEY_MAX   /* a label, or "#<endpoint>" */

/* How DS tells a subscriber that something changed: OK, or the kernel's error for a
 * dead endpoint (-EDEADSRCDST, -EBADEPT), which drops the subscriber. */
typedef int (*store_notify_fn)(endpoint_t subscriber);

int glob_match(const char *pattern, const char *text);

void store_init(store_notify_fn notify);
/* The caller's identity: the label RS published for its endpoint, else "#<endpoint>". */
void store_owner_of(endpoint_t ep, char owner[DS_OWNER_MAX]);
/* data/len: the bytes of a DS_STRING (with its NUL) or DS_BLOB; value: DS_U32, DS_LABEL. */
int store_publish(endpoint_t caller, const char *key, uint32_t type, uint32_t flags, uint32_t value,
                  const void *data, uint32_t len);
int store_retrieve(endpoint_t caller, const char *key, uint32_t type, uint32_t *value,
                   const void **data, uint32_t *len);
int store_delete(endpoint_t caller, const char *key);
int store_lookup(const char *label, endpoint_t *ep);
int store_subscribe(endpoint_t caller, const char *pattern);
/* The next changed key for the caller; *type is 0 if the key has been deleted since. */
int store_check(endpoint_t caller, char key[DS_KEY_MAX], uint32_t *type);
void store_forget_subscriber(endpoint_t ep);

/* A key or pattern: NUL-terminated within DS_KEY_MAX bytes and not empty. */
int key_ok(const char *key);

/* Between the entry table (store.c) and the subscriptions (subs.c). */
int store_is_owner(endpoint_t ep, const char *owner);
/* Entry i's key, its type (0: deleted) and whether only its owner may see it. */
int store_entry(int i, const char **key, uint32_t *type, const char **private_owner);
void store_entry_seen(int i);                 /* nobody waits to hear about entry i any more */
void subs_init(store_notify_fn notify);
void subs_changed(int i);                     /* mark entry i for its subscribers, notify them */
int subs_pending(int i);                      /* does a subscriber still have to check entry i? */
void subs_reset(int i);                       /* entry i is reused for another key */

#endif
