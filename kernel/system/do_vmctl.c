/* SYS_VMCTL: the memory manager's hold on address spaces: map its pages into any process,
 * unmap, clear before exec, and take, resolve or refuse page faults.
 * In: op, target, va, pa, len, flags. Out (VMCTL_GETPF): target, va, flags. */
#include "../system.h"

static int map_pages(struct proc *caller, struct proc *t, const struct kc_vmctl *a)
{
    if ((a->va | a->pa | a->len) & (PAGE_SIZE - 1) || a->va < USER_BASE || a->va >= USER_TOP ||
        a->len > USER_TOP - a->va)
        return -EINVAL;
    if (!priv_may_map(caller, a->pa, a->len))
        return -EIOPERM;
    uint32_t flags = MAP_USER | (a->flags & VMF_WRITE ? MAP_WRITE : 0) | (a->flags & VMF_EXEC ? MAP_EXEC : 0);
    if ((flags & MAP_WRITE) && (flags & MAP_EXEC))
        return -EINVAL;   /* W^X holds for every mapping, not just at boot */
    for (uint32_t off = 0; off < a->len; off += PAGE_SIZE) {
        int r = arch_mm_map(t, a->va + off, a->pa + off, flags);
        if (r != OK)
            return r;
    }
    return OK;
}

static int unmap_pages(struct proc *t, const struct kc_vmctl *a)
{
    if ((a->va | a->len) & (PAGE_SIZE - 1) || a->va >= USER_TOP || a->len > USER_TOP - a->va)
        return -EINVAL;
    for (uint32_t off = 0; off < a->len; off += PAGE_SIZE)
        arch_mm_unmap(t, a->va + off);
    return OK;
}

static int next_fault(struct kc_vmctl *a)
{
    for (int i = NR_TASKS; i < NR_SLOTS; i++) {
        struct proc *p = &proc_table[i];
        if ((p->rts_flags & RTS_PAGEFAULT) && !(p->rts_flags & RTS_SLOT_FREE) && !p->pf_reported) {
            p->pf_reported = 1;
            a->target = p->endpoint;
            a->va = p->pf_addr;
            a->flags = p->pf_flags;
            return OK;
        }
    }
    return -ENOENT;
}

int do_vmctl(struct proc *caller, message *m)
{
    struct kc_vmctl *a = &m->m.vmctl;
    struct proc *t;
    if (a->op == VMCTL_GETPF)
        return next_fault(a);
    int r = sys_target(caller, a->target, &t);
    if (r != OK)
        return r;
    switch (a->op) {
    case VMCTL_MAP:
        return map_pages(caller, t, a);
    case VMCTL_UNMAP:
        return unmap_pages(t, a);
    case VMCTL_CLEAR:
        if (t == caller)
            return -EINVAL;
        arch_mm_destroy(t);
        return arch_mm_create(t);
    case VMCTL_RESUME:
    case VMCTL_FAULT_SIGNAL:
        if (!(t->rts_flags & RTS_PAGEFAULT))
            return -EINVAL;
        proc_unblock(t, RTS_PAGEFAULT);
        if (a->op == VMCTL_FAULT_SIGNAL)
            raise_exception_signal(t, OS_SIGSEGV, "page fault the memory manager refused");
        return OK;
    default:
        return -EINVAL;
    }
}
