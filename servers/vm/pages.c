/* The pages each process has mapped: a pool of records, one list per process, and the
 * operations that keep a record and the kernel's mapping in step. */
#include "vm.h"
#include "../../lib/common/string.h"

#define MAX_PAGES 32768

struct page {
    vir_bytes va;
    phys_bytes pa;
    uint32_t flags;
    int next;
};

struct vmproc vmproc[NR_SLOTS];
static struct page pool[MAX_PAGES];
static int free_head = -1, pool_used;

int vmctl(uint32_t op, endpoint_t target, vir_bytes va, phys_bytes pa, uint32_t len, uint32_t flags)
{
    message m = { 0 };
    m.m.vmctl = (struct kc_vmctl){ op, target, va, pa, len, flags };
    return kernel_call(SYS_VMCTL, &m);
}

/* The record of an endpoint VM knows, made on first sight (a boot process, a new child). */
struct vmproc *vmp_of(endpoint_t ep)
{
    if (ep < 0)
        return NULL;
    struct vmproc *vp = &vmproc[ENDPOINT_SLOT(ep)];
    if (vp->used && vp->ep != ep)
        pages_free_all(vp);   /* the slot was reused: the old owner is gone */
    if (!vp->used) {
        memset(vp, 0, sizeof *vp);
        vp->used = 1;
        vp->ep = ep;
        vp->pages = -1;
    }
    return vp;
}

static int record_alloc(void)
{
    if (free_head >= 0) {
        int r = free_head;
        free_head = pool[r].next;
        return r;
    }
    return pool_used < MAX_PAGES ? pool_used++ : -1;
}

int page_find(struct vmproc *vp, vir_bytes va)
{
    va = PAGE_DOWN(va);
    for (int r = vp->pages; r >= 0; r = pool[r].next)
        if (pool[r].va == va)
            return r;
    return -1;
}

phys_bytes page_frame(int rec) { return pool[rec].pa; }
uint32_t page_flags(int rec) { return pool[rec].flags; }

static uint32_t vmf_of(uint32_t flags)
{
    if (flags & PG_COW)
        return flags & PG_EXEC ? VMF_EXEC : 0;
    return (flags & PG_WRITE ? VMF_WRITE : 0) | (flags & PG_EXEC ? VMF_EXEC : 0);
}

/* Maps pa at va in the process and keeps a record; the frame reference is the caller's. */
int page_add(struct vmproc *vp, vir_bytes va, phys_bytes pa, uint32_t flags)
{
    int r = record_alloc();
    if (r < 0)
        return -ENOMEM;
    int err = vmctl(VMCTL_MAP, vp->ep, va, pa, PAGE_SIZE, vmf_of(flags));
    if (err != OK) {
        pool[r].next = free_head;
        free_head = r;
        return err;
    }
    pool[r] = (struct page){ va, pa, flags, vp->pages };
    vp->pages = r;
    return OK;
}

int page_new(struct vmproc *vp, vir_bytes va, uint32_t flags)
{
    phys_bytes pa = frame_alloc();
    if (!pa)
        return -ENOMEM;
    int r = page_add(vp, va, pa, flags);
    if (r != OK)
        frame_unref(pa);
    return r;
}

int page_remap(struct vmproc *vp, int rec, phys_bytes pa, uint32_t flags)
{
    int r = vmctl(VMCTL_MAP, vp->ep, pool[rec].va, pa, PAGE_SIZE, vmf_of(flags));
    if (r == OK) {
        pool[rec].pa = pa;
        pool[rec].flags = flags;
    }
    return r;
}

/* Removes, in one pass, the pages in [va, va + len) that have all of `flags`. */
void pages_remove_range(struct vmproc *vp, vir_bytes va, vir_bytes len, uint32_t flags)
{
    for (int *link = &vp->pages; *link >= 0;) {
        int r = *link;
        if (pool[r].va < va || pool[r].va - va >= len || (pool[r].flags & flags) != flags) {
            link = &pool[r].next;
            continue;
        }
        vmctl(VMCTL_UNMAP, vp->ep, pool[r].va, 0, PAGE_SIZE, 0);
        frame_unref(pool[r].pa);
        *link = pool[r].next;
        pool[r].next = free_head;
        free_head = r;
    }
}

/* Forgets every page (the caller clears the mappings in the kernel). */
void pages_free_all(struct vmproc *vp)
{
    while (vp->pages >= 0) {
        int r = vp->pages;
        frame_unref(pool[r].pa);
        vp->pages = pool[r].next;
        pool[r].next = free_head;
        free_head = r;
    }
    vp->used = 0;
}

/* Fork: text is shared, writable data becomes copy-on-write in both, stacks are copied at
 * once (the kernel copies messages into stacks and cannot wait for a fault there). */
int pages_copy_cow(struct vmproc *parent, struct vmproc *child)
{
    for (int r = parent->pages; r >= 0; r = pool[r].next) {
        struct page *p = &pool[r];
        int err;
        if (p->flags & PG_STACK) {
            phys_bytes pa = frame_alloc();
            if (!pa)
                return -ENOMEM;
            void *from = scratch_map(0, p->pa), *to = scratch_map(1, pa);
            if (from && to)
                memcpy(to, from, PAGE_SIZE);
            scratch_unmap(0);
            scratch_unmap(1);
            if ((err = page_add(child, p->va, pa, p->flags)) != OK) {
                frame_unref(pa);
                return err;
            }
            continue;
        }
        if (p->flags & PG_WRITE) {
            p->flags |= PG_COW;
            if ((err = page_remap(parent, r, p->pa, p->flags)) != OK)
                return err;
        }
        frame_ref(p->pa);
        if ((err = page_add(child, p->va, p->pa, p->flags)) != OK) {
            frame_unref(p->pa);
            return err;
        }
    }
    return OK;
}

/* The highest page in [va, va + len) that is in use, or 0 if the range is free. */
vir_bytes range_used_top(struct vmproc *vp, vir_bytes va, vir_bytes len)
{
    vir_bytes top = 0;
    for (int r = vp->pages; r >= 0; r = pool[r].next)
        if (pool[r].va >= va && pool[r].va - va < len && pool[r].va > top)
            top = pool[r].va;
    return top;
}
