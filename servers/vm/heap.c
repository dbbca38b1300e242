/* Memory a process asks for: the heap's break (VM_BRK) and anonymous private mappings
 * (VM_MMAP, VM_MUNMAP), allocated at once so that running out is an error, not a fault. */
#include "vm.h"

/* prot and flags as lib/posix/include/sys/mman.h numbers them. */
#define PROT_WRITE_BIT 0x2
#define PROT_EXEC_BIT  0x4
#define MAP_SHARED_BIT 0x01
#define MAP_FIXED_BIT  0x10

static struct region *heap_region(struct vmproc *vp)
{
    for (struct region *r = region_of(vp->regions); r; r = region_of(r->next))
        if (r->kind == RK_HEAP)
            return r;
    return NULL;
}

/* The memory a process asked for: its heap, mappings and DMA memory, in bytes. */
static vir_bytes anonymous_bytes(struct vmproc *vp)
{
    vir_bytes n = 0;
    for (struct region *r = region_of(vp->regions); r; r = region_of(r->next))
        if (r->kind == RK_HEAP || r->kind == RK_MMAP || r->kind == RK_DMA)
            n += r->end - r->start;
    return n;
}

int within_limit(struct vmproc *vp, vir_bytes more)
{
    return !vp->limit || (more <= vp->limit && anonymous_bytes(vp) <= vp->limit - more);
}

/* RS gives each service its policy's limit, so one that leaks runs out of memory itself
 * (and is restarted) instead of starving every other process. */
int do_setlimit(message *m)
{
    if (m->m_source != RS_PROC)
        return -EPERM;
    struct vmproc *vp = vmp_known(m->m.vm.target);
    if (!vp)
        return -EINVAL;
    vir_bytes limit = PAGE_UP((vir_bytes)m->m.vm.len);
    if (limit && anonymous_bytes(vp) > limit)
        return -ENOMEM;
    vp->limit = limit;
    return OK;
}

static int heap_grow(struct vmproc *vp, vir_bytes old_top, vir_bytes new_top)
{
    if (new_top > STACK_LIMIT || !range_is_free(vp, old_top, new_top) ||
        !within_limit(vp, new_top - old_top))
        return -ENOMEM;
    struct region *h = heap_region(vp);
    if (!h && !(h = region_add(vp, vp->heap_base, vp->heap_base, RK_HEAP, RF_WRITE)))
        return -ENOMEM;
    int err = pages_fill(vp, h, old_top, new_top);
    if (err != OK) {
        if (h->end == h->start)
            region_remove(vp, h);
        return err;
    }
    h->end = new_top;
    return OK;
}

static void heap_shrink(struct vmproc *vp, vir_bytes new_top)
{
    struct region *h = heap_region(vp);
    if (!h)
        return;
    pages_drop(vp, new_top, h->end);
    h->end = new_top;
    if (h->end == h->start)
        region_remove(vp, h);
}

int do_brk(struct vmproc *vp, vir_bytes addr)
{
    if (addr < vp->heap_base || addr > PAGE_DOWN(~(vir_bytes)0))
        return -ENOMEM;
    vir_bytes old_top = PAGE_UP(vp->brk), new_top = PAGE_UP(addr);
    if (new_top > old_top) {
        int err = heap_grow(vp, old_top, new_top);
        if (err != OK)
            return err;
    } else if (new_top < old_top) {
        heap_shrink(vp, new_top);
    }
    vp->brk = addr;
    return OK;
}

/* The lowest gap of len bytes in the mmap area; 0 if there is none. */
vir_bytes mmap_place(struct vmproc *vp, vir_bytes len)
{
    vir_bytes va = MMAP_BASE;
    for (struct region *r = region_of(vp->regions); r; r = region_of(r->next)) {
        if (r->end <= va)
            continue;
        if (r->start >= va && r->start - va >= len)
            break;
        va = r->end;
    }
    return va <= MMAP_LIMIT && len <= MMAP_LIMIT - va ? va : 0;
}

/* prot 0 gives read-write memory, as for callers that leave the field alone; otherwise a
 * mapping is writable only with PROT_WRITE, and never both writable and executable. */
int do_mmap(struct vmproc *vp, message *m)
{
    uint32_t prot = m->m.vm.prot;
    if (m->m.vm.len == 0 || (m->m.vm.flags & (MAP_SHARED_BIT | MAP_FIXED_BIT)) ||
        ((prot & PROT_WRITE_BIT) && (prot & PROT_EXEC_BIT)))
        return -EINVAL;
    if (m->m.vm.len > MMAP_LIMIT - MMAP_BASE)
        return -ENOMEM;
    vir_bytes len = PAGE_UP(m->m.vm.len), va = mmap_place(vp, len);
    if (!va || !within_limit(vp, len))
        return -ENOMEM;
    int flags = (prot == 0 || (prot & PROT_WRITE_BIT) ? RF_WRITE : 0) |
                (prot & PROT_EXEC_BIT ? RF_EXEC : 0);
    struct region *r = region_add(vp, va, va + len, RK_MMAP, flags);
    if (!r)
        return -ENOMEM;
    int err = pages_fill(vp, r, va, va + len);
    if (err != OK) {
        region_remove(vp, r);
        return err;
    }
    m->m.vm.addr = va;
    return OK;
}

/* Takes [lo, hi) out of mapping r, which may leave a piece on each side. */
static int unmap_part(struct vmproc *vp, struct region *r, vir_bytes lo, vir_bytes hi)
{
    if (lo > r->start && hi < r->end) {
        if (!region_add(vp, hi, r->end, RK_MMAP, r->flags))
            return -ENOMEM;
        r->end = hi;   /* the new region owns the pages above */
    }
    pages_drop(vp, lo, hi);
    if (lo == r->start && hi == r->end)
        region_remove(vp, r);
    else if (lo == r->start)
        r->start = hi;
    else
        r->end = lo;
    return OK;
}

/* Only mappings are affected: the image, heap and stack in the range stay. */
int do_munmap(struct vmproc *vp, message *m)
{
    vir_bytes va = m->m.vm.addr, len = m->m.vm.len;
    if ((va & (PAGE_SIZE - 1)) || len == 0 || va < USER_BASE || va >= USER_TOP ||
        len > USER_TOP - va)
        return -EINVAL;
    vir_bytes end = PAGE_UP(va + len);
    struct region *next;
    for (struct region *r = region_of(vp->regions); r; r = next) {
        next = region_of(r->next);
        if (r->kind != RK_MMAP || r->end <= va || r->start >= end)
            continue;
        int err = unmap_part(vp, r, r->start > va ? r->start : va, r->end < end ? r->end : end);
        if (err != OK)
            return err;
    }
    return OK;
}
