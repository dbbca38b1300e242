/* SYS_SAFECOPYFROM and SYS_SAFECOPYTO: copy through a grant made by another process.
 * In: granter, grant, offset, addr (in the caller), len. */
#include "../system.h"

int do_safecopyfrom(struct proc *caller, message *m)
{
    const struct kc_safecopy *a = &m->m.safecopy;
    return grant_copy(caller, a->granter, a->grant, a->offset, a->addr, a->len, 0);
}

int do_safecopyto(struct proc *caller, message *m)
{
    const struct kc_safecopy *a = &m->m.safecopy;
    return grant_copy(caller, a->granter, a->grant, a->offset, a->addr, a->len, 1);
}
