/* Grant-checked copies: the grantee names a grant in the granter's table, and the kernel
 * copies only inside the range, in the direction, and for the grantee that grant allows. */
#include "kernel.h"
#include <os/grant.h>

static vir_bytes grant_entry(const struct proc *granter, grant_id_t gid)
{
    return granter->grant_table + GRANT_INDEX(gid) * (vir_bytes)sizeof(struct grant);
}

/* Reads and validates the grant; on success *g describes what caller may do. */
static int grant_lookup(struct proc *caller, struct proc *granter, grant_id_t gid, struct grant *g)
{
    if (gid < 0 || GRANT_INDEX(gid) >= granter->grant_count)
        return -ENOGRANT;
    vir_bytes at = grant_entry(granter, gid);
    if (copy_from_user(granter, at, g, sizeof *g) != OK)
        return -ENOGRANT;
    if (!(g->flags & GRANT_VALID) || (g->seq & 0x7fff) != GRANT_SEQ(gid))
        return -ENOGRANT;
    if (g->grantee != ANY && g->grantee != caller->endpoint)
        return -ENOGRANT;
    return OK;
}

/* Follows an indirect grant to the grant it passes on: *granter and *g become that one, with
 * its range narrowed to the window the indirect grant allows. One level only. */
static int grant_follow(struct proc **granter, struct grant *g)
{
    struct proc *from;
    struct grant inner;
    int r = proc_lookup(g->from, &from);
    if (r != OK)
        return -ENOGRANT;
    if ((r = grant_lookup(*granter, from, g->from_grant, &inner)) != OK)
        return r;
    if ((inner.flags & GRANT_INDIRECT) || g->addr > inner.size || g->size > inner.size - g->addr)
        return -ENOGRANT;
    inner.flags &= g->flags;
    inner.addr += g->addr;
    inner.size = g->size;
    *granter = from;
    *g = inner;
    return OK;
}

static int copy_through(struct proc *caller, endpoint_t granter_ep, grant_id_t gid,
                        vir_bytes offset, vir_bytes addr, vir_bytes len, int to_granter)
{
    struct proc *named, *granter;
    struct grant g;
    int r = proc_lookup(granter_ep, &named);
    if (r != OK)
        return r;
    if ((r = grant_lookup(caller, named, gid, &g)) != OK)
        return r;
    vir_bytes moved = g.moved + len;
    granter = named;
    if ((g.flags & GRANT_INDIRECT) && (r = grant_follow(&granter, &g)) != OK)
        return r;
    if (!(g.flags & (to_granter ? GRANT_WRITE : GRANT_READ)))
        return -EACCES;
    if (offset > g.size || len > g.size - offset)
        return -EINVAL;
    if (to_granter)
        r = copy_user(granter, g.addr + offset, caller, addr, len);
    else
        r = copy_user(caller, addr, granter, g.addr + offset, len);
    if (r == OK)      /* the granter's own table: if it cannot be written, that is its loss */
        copy_to_user(named, grant_entry(named, gid) + offsetof(struct grant, moved), &moved,
                     sizeof moved);
    return r;
}

static const char *refusal(int r)
{
    switch (r) {
    case -ENOGRANT: return "no such grant for it";
    case -EACCES: return "the grant does not allow that direction";
    case -EINVAL: return "outside the granted range";
    case -EFAULT: return "a bad address";
    default: return "no such granter";
    }
}

/* A refused copy is logged where only the kernel sees it: a forged, expired or stolen
 * grant id, or a range past the grant's end, means a process tried what it must not. */
int grant_copy(struct proc *caller, endpoint_t granter_ep, grant_id_t gid, vir_bytes offset,
               vir_bytes addr, vir_bytes len, int to_granter)
{
    int r = copy_through(caller, granter_ep, gid, offset, addr, len, to_granter);
    struct proc *granter;
    if (r != OK)
        printk_denied("kernel: refused copy by %s through grant 0x%x of %s (endpoint %d): %s\n",
                      caller->name, (unsigned)gid,
                      proc_lookup(granter_ep, &granter) == OK ? granter->name : "nobody",
                      (int)granter_ep, refusal(r));
    return r;
}
