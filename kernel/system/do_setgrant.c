/* SYS_SETGRANT: register the caller's grant table (address and number of entries).
 * In: table, count. */
#include "../system.h"
#include <os/grant.h>

int do_setgrant(struct proc *caller, message *m)
{
    const struct kc_setgrant *a = &m->m.setgrant;
    if (a->count > 0x10000)
        return -EINVAL;
    if (a->count && !user_range_ok(caller, a->table, a->count * sizeof(struct grant), 0))
        return -EFAULT;
    caller->grant_table = a->table;
    caller->grant_count = a->count;
    return OK;
}
