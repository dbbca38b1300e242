/* SYS_PHYSMAP: map device memory the caller is allowed into its own address space,
 * read-write and never executable. In: phys, vaddr, len (page-aligned). */
#include "../system.h"

int do_physmap(struct proc *caller, message *m)
{
    const struct kc_physmap *a = &m->m.physmap;
    if ((a->phys | a->vaddr | a->len) & (PAGE_SIZE - 1) || a->len == 0)
        return -EINVAL;
    if (a->vaddr < USER_BASE || a->vaddr >= USER_TOP || a->len > USER_TOP - a->vaddr)
        return -EINVAL;
    if (!priv_may_map(caller, a->phys, a->len)) {
        printk_denied("kernel: denied physical range 0x%x to %s (endpoint %d)\n", (unsigned)a->phys,
               caller->name, (int)caller->endpoint);
        return -EIOPERM;
    }
    for (uint32_t off = 0; off < a->len; off += PAGE_SIZE) {
        int r = arch_mm_map(caller, a->vaddr + off, a->phys + off, MAP_USER | MAP_WRITE | MAP_DEVICE);
        if (r != OK)
            return r;
    }
    return OK;
}
