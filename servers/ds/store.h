/* The data store's logic, apart from messages so the host tests can drive it: typed entries
 * with owners, labels as names for endpoints, and subscriptions by glob pattern. */
#ifndef DS_STORE_H
#define DS_STORE_H

#include <os/com.h>
#include <os/errno.h>

#define DS_MAX_ENTRIES 128
#define DS_MAX_SUBS    32
#define DS_OWNER_MAX   16

int glob_match(const char *pattern, const char *text);

void store_init(void (*notify)(endpoint_t subscriber));
/* The caller's identity: the label RS published for its endpoint, else "#<endpoint>". */
void store_owner_of(endpoint_t ep, char owner[DS_OWNER_MAX]);
int store_publish(endpoint_t caller, const char *key, uint32_t type, uint32_t flags, uint32_t value,
                  const void *data, uint32_t len);
int store_retrieve(endpoint_t caller, const char *key, uint32_t type, uint32_t *value,
                   const void **data, uint32_t *len);
int store_delete(endpoint_t caller, const char *key);
int store_subscribe(endpoint_t caller, const char *pattern);
int store_check(endpoint_t caller, char key[DS_KEY_MAX], uint32_t *type);
int store_lookup(const char *label, endpoint_t *ep);
void store_forget_subscriber(endpoint_t ep);

#endif
