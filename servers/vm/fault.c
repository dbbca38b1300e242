/* Page faults the kernel hands to VM: a write to a copy-on-write page and a touch below a
 * stack (within its limit) are resolved; anything else becomes SIGSEGV for the process. */
#include "vm.h"
#include "../../lib/common/string.h"

/* The last sharer takes the frame over; the others get their own copy. */
static int break_cow(struct vmproc *vp, const struct region *r, struct page *p, vir_bytes page)
{
    phys_bytes old = page_pa(p), pa = old;
    uint32_t flags = page_flags(p) & ~PAGE_COW;
    if (frame_refs(old) > 1 && !(pa = frame_alloc()))
        return -ENOMEM;
    int err = pa != old ? frame_copy(pa, old) : OK;
    if (err == OK)
        err = page_map(vp, r, page, pa, flags);
    if (err != OK) {
        if (pa != old)
            frame_unref(pa);
        return err;
    }
    p->entry = pa | flags;
    if (pa != old)
        frame_unref(old);
    return OK;
}

static struct region *stack_region(struct vmproc *vp)
{
    for (struct region *r = region_of(vp->regions); r; r = region_of(r->next))
        if (r->kind == RK_STACK)
            return r;
    return NULL;
}

/* Every page between the fault and the stack, so a stack region stays without holes. */
static int grow_stack(struct vmproc *vp, vir_bytes page)
{
    struct region *s = stack_region(vp);
    if (!s || page >= s->start || page < STACK_LIMIT || !range_is_free(vp, page, s->start))
        return -EFAULT;
    int err = pages_fill(vp, s, page, s->start);
    if (err == OK)
        s->start = page;
    return err;
}

static int resolve(endpoint_t ep, vir_bytes va, uint32_t pf)
{
    struct vmproc *vp = vmp_known(ep);
    if (!vp || va >= USER_TOP)
        return -EFAULT;
    vir_bytes page = PAGE_DOWN(va);
    struct region *r = region_at(vp, page);
    if (!r)
        return pf & PF_EXEC ? -EFAULT : grow_stack(vp, page);
    struct page *p = page_find(vmp_slot(vp), page);
    if (p && (pf & PF_WRITE) && (page_flags(p) & PAGE_COW) && (r->flags & RF_WRITE))
        return break_cow(vp, r, p, page);
    return -EFAULT;
}

/* Without a PM to take the signal the kernel ends the process at once: nobody will send
 * VM_EXIT for it, so its frames go back now. */
static void forget_if_dead(endpoint_t ep)
{
    struct vmproc *vp = vmp_known(ep);
    if (vp && !proc_alive(ep))
        vmp_release(vp);
}

/* After a notification from SYSTEM: every fault pending, one at a time. */
void faults_handle(void)
{
    for (;;) {
        message m;
        memset(&m, 0, sizeof m);
        m.m.vmctl.op = VMCTL_GETPF;
        if (kernel_call(SYS_VMCTL, &m) != OK)
            return;
        const struct kc_vmctl f = m.m.vmctl;
        int err = resolve(f.target, f.va, f.flags);
        if (err == -ENOMEM && vmp_reclaim_dead() > 0)
            err = resolve(f.target, f.va, f.flags);
        if (err == OK) {
            vmctl(VMCTL_RESUME, f.target, 0, 0, 0, 0);
            continue;
        }
        vmctl(VMCTL_FAULT_SIGNAL, f.target, 0, 0, 0, 0);
        forget_if_dead(f.target);
    }
}
