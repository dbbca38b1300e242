/* The caller's grant table: a static array in the process's own memory, registered with
 * the kernel on first use. A slot's sequence number grows on every reuse, so an old grant
 * id stops working once revoked. */
#include <libsys.h>

#define NR_GRANTS 64

static struct grant table[NR_GRANTS];
static int registered;

static int register_table(void)
{
    message m = { 0 };
    m.m.setgrant.table = (vir_bytes)(uintptr_t)table;
    m.m.setgrant.count = NR_GRANTS;
    int r = kernel_call(SYS_SETGRANT, &m);
    registered = r == OK;
    return r;
}

static grant_id_t grant_fill(endpoint_t to, vir_bytes addr, size_t len, uint32_t flags,
                             endpoint_t from, grant_id_t from_grant)
{
    if (!registered) {
        int r = register_table();
        if (r != OK)
            return r;
    }
    for (int i = 0; i < NR_GRANTS; i++) {
        struct grant *g = &table[i];
        if (g->flags & GRANT_VALID)
            continue;
        g->grantee = to;
        g->addr = addr;
        g->size = (vir_bytes)len;
        g->from = from;
        g->from_grant = from_grant;
        g->moved = 0;
        g->seq = (g->seq + 1) & 0x7fff;
        g->flags = GRANT_VALID | flags;
        return GRANT_ID(i, g->seq);
    }
    return -ENOSPC;
}

grant_id_t grant_make(endpoint_t to, void *addr, size_t len, uint32_t access)
{
    return grant_fill(to, (vir_bytes)(uintptr_t)addr, len, access & (GRANT_READ | GRANT_WRITE),
                      NONE, -1);
}

grant_id_t grant_indirect(endpoint_t to, endpoint_t from, grant_id_t from_grant, vir_bytes offset,
                          size_t len, uint32_t access)
{
    return grant_fill(to, offset, len, GRANT_INDIRECT | (access & (GRANT_READ | GRANT_WRITE)),
                      from, from_grant);
}

/* A server restarted under a new endpoint takes over the grants made for its dead
 * instance, so a request can go again to the new one as it was. */
void grant_regrant(endpoint_t dead, endpoint_t successor)
{
    for (int i = 0; i < NR_GRANTS; i++)
        if ((table[i].flags & GRANT_VALID) && table[i].grantee == dead)
            table[i].grantee = successor;
}

void grant_revoke(grant_id_t id)
{
    uint32_t i = GRANT_INDEX(id);
    if (id >= 0 && i < NR_GRANTS && table[i].seq == GRANT_SEQ(id))
        table[i].flags = 0;
}

/* The kernel adds to the entry behind the compiler's back, while we wait for a reply. */
size_t grant_moved(grant_id_t id)
{
    uint32_t i = GRANT_INDEX(id);
    if (id < 0 || i >= NR_GRANTS || table[i].seq != GRANT_SEQ(id))
        return 0;
    return ((volatile struct grant *)&table[i])->moved;
}
