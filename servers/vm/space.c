/* Address spaces: per process a sorted list of regions (image, heap, stack, mmap) over the
 * page records, kept in step with the kernel's page tables; fork's copy-on-write copy. */
#include "vm.h"
#include "../../lib/common/string.h"

#define MAX_REGIONS 2048
#define MAX_PROC_REGIONS 512   /* so that no one process can take every region */

static struct vmproc vmproc[NR_SLOTS];
static struct region regions[MAX_REGIONS];   /* kind 0: free */

int vmctl(uint32_t op, endpoint_t target, vir_bytes va, phys_bytes pa, uint32_t len, uint32_t flags)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m.vmctl = (struct kc_vmctl){ op, target, va, pa, len, flags };
    return kernel_call(SYS_VMCTL, &m);
}

/* A freed slot moves to the next generation at once, so a match means the process lives. */
int proc_alive(endpoint_t ep)
{
    struct proc_info pi;
    if (ep < 0 || ENDPOINT_SLOT(ep) >= NR_SLOTS)
        return 0;
    return sys_getinfo(GET_PROC, ENDPOINT_SLOT(ep), &pi, sizeof pi) >= 0 && pi.endpoint == ep;
}

struct vmproc *vmp_take(endpoint_t ep)
{
    struct vmproc *vp = &vmproc[ENDPOINT_SLOT(ep)];
    if (vp->used)
        vmp_release(vp);
    memset(vp, 0, sizeof *vp);
    vp->used = 1;
    vp->ep = ep;
    vp->regions = -1;
    return vp;
}

/* ep's memory limit if VM has its record, else 0. */
vir_bytes vmp_limit(endpoint_t ep)
{
    if (ep < 0 || ENDPOINT_SLOT(ep) >= NR_SLOTS)
        return 0;
    const struct vmproc *vp = &vmproc[ENDPOINT_SLOT(ep)];
    return vp->used && vp->ep == ep ? vp->limit : 0;
}

/* A process VM manages; boot processes are taken on at first sight. A record under another
 * endpoint of the slot is a dead process's, which exec or fork into the slot drops. */
struct vmproc *vmp_known(endpoint_t ep)
{
    if (ep < 0 || ENDPOINT_SLOT(ep) >= NR_SLOTS)
        return NULL;
    struct vmproc *vp = &vmproc[ENDPOINT_SLOT(ep)];
    if (vp->used && vp->ep == ep)
        return vp;
    if (ENDPOINT_GEN(ep) != 0 || !proc_alive(ep))
        return NULL;
    vp = vmp_take(ep);
    if (boot_layout(vp) != OK) {
        vmp_release(vp);
        return NULL;
    }
    return vp;
}

static void drop_records(struct vmproc *vp, vir_bytes start, vir_bytes end)
{
    phys_bytes pa;
    for (vir_bytes va = start; va < end; va += PAGE_SIZE)
        if (page_remove(vmp_slot(vp), va, &pa) == OK)
            frame_unref(pa);
}

/* Forgets the whole space; the caller clears the kernel's side, if the process lives. */
void vmp_release(struct vmproc *vp)
{
    while (vp->regions >= 0) {
        struct region *r = &regions[vp->regions];
        drop_records(vp, r->start, r->end);
        region_remove(vp, r);
    }
    vp->used = 0;
}

int vmp_reclaim_dead(void)
{
    int n = 0;
    for (int i = 0; i < NR_SLOTS; i++) {
        if (vmproc[i].used && !proc_alive(vmproc[i].ep)) {
            vmp_release(&vmproc[i]);
            n++;
        }
    }
    return n;
}

struct region *region_of(int index)
{
    return index >= 0 ? &regions[index] : NULL;
}

struct region *region_at(struct vmproc *vp, vir_bytes va)
{
    for (struct region *r = region_of(vp->regions); r; r = region_of(r->next))
        if (va >= r->start && va < r->end)
            return r;
    return NULL;
}

int range_is_free(struct vmproc *vp, vir_bytes start, vir_bytes end)
{
    for (struct region *r = region_of(vp->regions); r; r = region_of(r->next))
        if (r->start < end && start < r->end)
            return 0;
    return 1;
}

struct region *region_add(struct vmproc *vp, vir_bytes start, vir_bytes end, int kind, int flags)
{
    static int cursor;
    if (vp->nr_regions >= MAX_PROC_REGIONS)
        return NULL;
    for (int n = 0; n < MAX_REGIONS; n++, cursor = (cursor + 1) % MAX_REGIONS) {
        if (regions[cursor].kind != 0)
            continue;
        struct region *r = &regions[cursor];
        int16_t *link = &vp->regions;
        while (*link >= 0 && regions[*link].start < start)
            link = &regions[*link].next;
        *r = (struct region){ start, end, (uint8_t)kind, (uint8_t)flags, *link };
        *link = (int16_t)cursor;
        vp->nr_regions++;
        return r;
    }
    return NULL;
}

/* Unlinks the region; its pages are the caller's business. */
void region_remove(struct vmproc *vp, struct region *r)
{
    int16_t index = (int16_t)(r - regions);
    for (int16_t *link = &vp->regions; *link >= 0; link = &regions[*link].next) {
        if (*link == index) {
            *link = r->next;
            vp->nr_regions--;
            break;
        }
    }
    r->kind = 0;
}

/* W^X holds because no region is both writable and executable. */
int page_map(struct vmproc *vp, const struct region *r, vir_bytes va, phys_bytes pa, uint32_t pflags)
{
    uint32_t flags = (r->flags & RF_EXEC ? VMF_EXEC : 0) |
                     ((r->flags & RF_WRITE) && !(pflags & PAGE_COW) ? VMF_WRITE : 0);
    return vmctl(VMCTL_MAP, vp->ep, va, pa, PAGE_SIZE, flags);
}

static int fill_one(struct vmproc *vp, const struct region *r, vir_bytes va)
{
    phys_bytes pa = frame_alloc_zeroed();
    if (!pa)
        return -ENOMEM;
    int err = page_insert(vmp_slot(vp), va, pa, 0);
    if (err != OK) {
        frame_unref(pa);
        return err;
    }
    if ((err = page_map(vp, r, va, pa, 0)) != OK)
        drop_records(vp, va, va + PAGE_SIZE);
    return err;
}

/* Zeroed frames for [start, end) of region r; all of them or, undone, none. */
int pages_fill(struct vmproc *vp, const struct region *r, vir_bytes start, vir_bytes end)
{
    for (vir_bytes va = start; va < end; va += PAGE_SIZE) {
        int err = fill_one(vp, r, va);
        if (err != OK) {
            pages_drop(vp, start, va);
            return err;
        }
    }
    return OK;
}

void pages_drop(struct vmproc *vp, vir_bytes start, vir_bytes end)
{
    if (end > start)
        vmctl(VMCTL_UNMAP, vp->ep, start, 0, end - start, 0);
    drop_records(vp, start, end);
}

/* A writable page becomes copy-on-write in both spaces; a read-only one is just shared. */
static int fork_share(struct vmproc *parent, const struct region *r, struct page *p,
                      struct vmproc *child, const struct region *c, vir_bytes va)
{
    uint32_t flags = page_flags(p);
    phys_bytes pa = page_pa(p);
    if ((r->flags & RF_WRITE) && !(flags & PAGE_COW)) {
        int err = page_map(parent, r, va, pa, flags | PAGE_COW);
        if (err != OK)
            return err;
        flags |= PAGE_COW;
        p->entry |= PAGE_COW;
    }
    int err = page_insert(vmp_slot(child), va, pa, flags);
    if (err != OK)
        return err;
    frame_ref(pa);
    return page_map(child, c, va, pa, flags);
}

/* Stacks are copied at once: the kernel writes messages into them and takes no faults. */
static int fork_copy(struct page *p, struct vmproc *child, const struct region *c, vir_bytes va)
{
    phys_bytes pa = frame_alloc();
    if (!pa)
        return -ENOMEM;
    int err = frame_copy(pa, page_pa(p));
    if (err == OK)
        err = page_insert(vmp_slot(child), va, pa, 0);
    if (err != OK) {
        frame_unref(pa);
        return err;
    }
    return page_map(child, c, va, pa, 0);
}

/* The child's space as a copy of the parent's; on an error the caller drops the child. */
int space_fork(struct vmproc *parent, struct vmproc *child)
{
    child->heap_base = parent->heap_base;
    child->brk = parent->brk;
    child->limit = parent->limit;
    for (struct region *r = region_of(parent->regions); r; r = region_of(r->next)) {
        if (r->kind == RK_DMA)
            continue;   /* the device writes there for the parent alone */
        struct region *c = region_add(child, r->start, r->end, r->kind, r->flags);
        if (!c)
            return -ENOMEM;
        for (vir_bytes va = r->start; va < r->end; va += PAGE_SIZE) {
            struct page *p = page_find(vmp_slot(parent), va);
            if (!p)
                continue;
            int err = r->kind == RK_STACK ? fork_copy(p, child, c, va)
                                          : fork_share(parent, r, p, child, c, va);
            if (err != OK)
                return err;
        }
    }
    return OK;
}
