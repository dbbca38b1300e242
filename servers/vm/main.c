/* The memory manager's loop: exec, fork and exit for PM; brk, mmap and munmap for every
 * process; and page faults from the kernel (copy-on-write, stack growth). */
#include "vm.h"
#include "../../lib/common/string.h"

static int do_fork(message *m)
{
    struct vmproc *parent = vmp_of(m->m.vm.target), *child = vmp_of(m->m.vm.child);
    if (!parent || !child || parent == child)
        return -EINVAL;
    pages_free_all(child);
    child = vmp_of(m->m.vm.child);
    child->heap_base = parent->heap_base;
    child->brk = parent->brk;
    child->stack_lo = parent->stack_lo;
    int r = pages_copy_cow(parent, child);
    if (r != OK) {
        vmctl(VMCTL_CLEAR, child->ep, 0, 0, 0, 0);
        pages_free_all(child);
    }
    return r;
}

static int do_exit(message *m)
{
    struct vmproc *vp = vmp_of(m->m.vm.target);
    if (!vp)
        return -EINVAL;
    vmctl(VMCTL_CLEAR, vp->ep, 0, 0, 0, 0);
    pages_free_all(vp);
    return OK;
}

static int do_brk(struct vmproc *vp, vir_bytes addr)
{
    if (addr < vp->heap_base || addr >= MMAP_BASE)
        return -ENOMEM;
    vir_bytes old_top = PAGE_UP(vp->brk), new_top = PAGE_UP(addr);
    for (vir_bytes va = old_top; va < new_top; va += PAGE_SIZE) {
        if (page_new(vp, va, PG_WRITE) != OK) {
            pages_remove_range(vp, old_top, va - old_top, 0);
            return -ENOMEM;
        }
    }
    if (new_top < old_top)
        pages_remove_range(vp, new_top, old_top - new_top, 0);
    vp->brk = addr;
    return OK;
}

static int do_mmap(struct vmproc *vp, message *m)
{
    vir_bytes len = PAGE_UP(m->m.vm.len);
    if (len == 0 || len > MMAP_LIMIT - MMAP_BASE)
        return -EINVAL;
    vir_bytes va = MMAP_BASE, used;
    while (va + len <= MMAP_LIMIT && (used = range_used_top(vp, va, len)) != 0)
        va = used + PAGE_SIZE;   /* past the last page in the way */
    if (va + len > MMAP_LIMIT)
        return -ENOMEM;
    for (vir_bytes off = 0; off < len; off += PAGE_SIZE) {
        if (page_new(vp, va + off, PG_WRITE | PG_MMAP) != OK) {
            pages_remove_range(vp, va, off, 0);
            return -ENOMEM;
        }
    }
    m->m.vm.addr = va;
    return OK;
}

static int do_munmap(struct vmproc *vp, message *m)
{
    vir_bytes va = m->m.vm.addr, len = PAGE_UP(m->m.vm.len);
    if ((va & (PAGE_SIZE - 1)) || va < MMAP_BASE || va >= MMAP_LIMIT || len > MMAP_LIMIT - va)
        return -EINVAL;
    pages_remove_range(vp, va, len, PG_MMAP);
    return OK;
}

/* A write to a copy-on-write page: the last sharer takes the frame, the others copy it. */
static int break_cow(struct vmproc *vp, int rec)
{
    phys_bytes old = page_frame(rec);
    uint32_t flags = page_flags(rec) & ~PG_COW;
    if (frame_refs(old) == 1)
        return page_remap(vp, rec, old, flags);
    phys_bytes pa = frame_alloc();
    if (!pa)
        return -ENOMEM;
    void *from = scratch_map(0, old), *to = scratch_map(1, pa);
    if (from && to)
        memcpy(to, from, PAGE_SIZE);
    scratch_unmap(0);
    scratch_unmap(1);
    int r = page_remap(vp, rec, pa, flags);
    if (r != OK) {
        frame_unref(pa);
        return r;
    }
    frame_unref(old);
    return OK;
}

static int grow_stack(struct vmproc *vp, vir_bytes va)
{
    vir_bytes page = PAGE_DOWN(va);
    if (!vp->stack_lo || page >= vp->stack_lo || page < USER_STACK_TOP - STACK_MAX)
        return -EFAULT;
    for (vir_bytes p = page; p < vp->stack_lo; p += PAGE_SIZE)
        if (page_find(vp, p) < 0 && page_new(vp, p, PG_WRITE | PG_STACK) != OK)
            return -ENOMEM;
    vp->stack_lo = page;
    return OK;
}

static int resolve_fault(endpoint_t ep, vir_bytes va, uint32_t flags)
{
    struct vmproc *vp = vmp_of(ep);
    if (!vp)
        return -EINVAL;
    int rec = page_find(vp, va);
    if (rec >= 0) {
        uint32_t pf = page_flags(rec);
        if ((flags & PF_WRITE) && (pf & PG_COW) && (pf & PG_WRITE))
            return break_cow(vp, rec);
        return -EFAULT;
    }
    if (flags & PF_EXEC)
        return -EFAULT;
    return grow_stack(vp, va);
}

static void handle_faults(void)
{
    message m;
    for (;;) {
        memset(&m, 0, sizeof m);
        m.m.vmctl.op = VMCTL_GETPF;
        if (kernel_call(SYS_VMCTL, &m) != OK)
            return;
        endpoint_t ep = m.m.vmctl.target;
        int r = resolve_fault(ep, m.m.vmctl.va, m.m.vmctl.flags);
        vmctl(r == OK ? VMCTL_RESUME : VMCTL_FAULT_SIGNAL, ep, 0, 0, 0, 0);
    }
}

static int handle(message *m)
{
    int from_pm = m->m_source == PM_PROC;
    struct vmproc *caller = vmp_of(m->m_source);
    switch (m->m_type) {
    case VM_EXEC:
        return from_pm ? do_exec(m) : -EPERM;
    case VM_FORK:
        return from_pm ? do_fork(m) : -EPERM;
    case VM_EXIT:
        return from_pm ? do_exit(m) : -EPERM;
    case VM_BRK:
        return do_brk(caller, m->m.vm.addr);
    case VM_MMAP:
        return do_mmap(caller, m);
    case VM_MUNMAP:
        return do_munmap(caller, m);
    case VM_INFO: {
        uint32_t total, free_frames;
        frame_counts(&total, &free_frames);
        m->m.vm.len = total;       /* pages VM manages */
        m->m.vm.prot = free_frames; /* of them free */
        return OK;
    }
    default:
        return -EBADREQUEST;
    }
}

int main(void)
{
    frames_init();
    bootimg_init();
    for (;;) {
        message m;
        if (ipc_receive(ANY, &m) != OK)
            continue;
        if (m.m_type == NOTIFY_MESSAGE) {
            if (m.m_source == SYSTEM)
                handle_faults();
            continue;
        }
        m.m_type = handle(&m);
        ipc_sendnb(m.m_source, &m);
    }
}
