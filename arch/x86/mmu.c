/* PAE paging with NX: one page-directory-pointer table per process; the lower two entries
 * are the process's own (0 .. 2 GiB), the third is the kernel's shared direct map of
 * physical memory. Kernel copies to and from users walk the tables, never trust them. */
#include "../../kernel/kernel.h"
#include "x86.h"
#include <string.h>

#define PTE_P    0x1ull
#define PTE_W    0x2ull
#define PTE_U    0x4ull
#define PTE_PWT  0x8ull
#define PTE_PCD  0x10ull
#define PTE_OWN  0x200ull          /* available bit: page came from the kernel pool */
#define PTE_NX   (1ull << 63)
#define PTE_ADDR 0x000ffffffffff000ull

extern uint64_t boot_pd[512];      /* 2 MiB pages of physical 0 .. 1 GiB, from boot.S */
extern uint64_t boot_pdpt[4];
static uint32_t loaded_pdpt;       /* physical address in CR3 */

void *arch_phys_to_kernel(phys_bytes pa)
{
    KASSERT(pa < DIRECT_MAP_MAX);
    return (void *)(pa + KERNEL_BASE);
}

static phys_bytes kernel_to_phys(const void *va)
{
    return (phys_bytes)((uint32_t)va - KERNEL_BASE);
}

void x86_mmu_init(void)
{
    loaded_pdpt = read_cr3();
}

void x86_mmu_activate(struct proc *p)
{
    phys_bytes pdpt = kernel_to_phys(p->mm.pdpt);
    if (pdpt != loaded_pdpt) {
        write_cr3(pdpt);
        loaded_pdpt = pdpt;
    }
}

/* The user address space changed; if it is the one in CR3, make the CPU see it. */
static void flush(const struct proc *p)
{
    if (kernel_to_phys(p->mm.pdpt) == loaded_pdpt)
        write_cr3(loaded_pdpt);
}

int arch_mm_create(struct proc *p)
{
    memset(&p->mm, 0, sizeof p->mm);
    p->mm.pdpt[2] = kernel_to_phys(boot_pd) | PTE_P;
    return OK;
}

static uint64_t *table(phys_bytes pa)
{
    return arch_phys_to_kernel(pa);
}

void arch_mm_destroy(struct proc *p)
{
    for (int i = 0; i < 2; i++) {
        if (!p->mm.pd[i])
            continue;
        uint64_t *pd = table(p->mm.pd[i]);
        for (int d = 0; d < 512; d++) {
            if (!(pd[d] & PTE_P))
                continue;
            uint64_t *pt = table(pd[d] & PTE_ADDR);
            for (int t = 0; t < 512; t++)
                if ((pt[t] & PTE_P) && (pt[t] & PTE_OWN))
                    mem_free_page(pt[t] & PTE_ADDR);
            mem_free_page(pd[d] & PTE_ADDR);
        }
        mem_free_page(p->mm.pd[i]);
    }
    if (kernel_to_phys(p->mm.pdpt) == loaded_pdpt) {
        loaded_pdpt = kernel_to_phys(boot_pdpt);   /* the kernel-only tables from boot */
        write_cr3(loaded_pdpt);
    }
    memset(&p->mm, 0, sizeof p->mm);
}

/* The page-table entry for va, or NULL; with create, missing tables are made. */
static uint64_t *pte_of(struct proc *p, vir_bytes va, int create)
{
    unsigned i = va >> 30;
    if (i >= 2)
        return NULL;
    if (!p->mm.pd[i]) {
        if (!create || !(p->mm.pd[i] = mem_alloc_page()))
            return NULL;
        p->mm.pdpt[i] = p->mm.pd[i] | PTE_P;
    }
    uint64_t *pd = table(p->mm.pd[i]);
    uint64_t *pde = &pd[(va >> 21) & 511];
    if (!(*pde & PTE_P)) {
        phys_bytes pt;
        if (!create || !(pt = mem_alloc_page()))
            return NULL;
        *pde = pt | PTE_P | PTE_W | PTE_U;
    }
    return &table(*pde & PTE_ADDR)[(va >> 12) & 511];
}

int arch_mm_map(struct proc *p, vir_bytes va, phys_bytes pa, uint32_t flags)
{
    if (va >= USER_TOP || (va & (PAGE_SIZE - 1)) || (pa & (PAGE_SIZE - 1)))
        return -EINVAL;
    uint64_t *pte = pte_of(p, va, 1);
    if (!pte)
        return -ENOMEM;
    if ((*pte & PTE_P) && (*pte & PTE_OWN))
        mem_free_page(*pte & PTE_ADDR);
    *pte = pa | PTE_P | (flags & MAP_USER ? PTE_U : 0) | (flags & MAP_WRITE ? PTE_W : 0) |
           (flags & MAP_EXEC ? 0 : PTE_NX) | (flags & MAP_OWNED ? PTE_OWN : 0) |
           (flags & MAP_DEVICE ? PTE_PCD | PTE_PWT : 0);
    flush(p);
    return OK;
}

void arch_mm_unmap(struct proc *p, vir_bytes va)
{
    uint64_t *pte = pte_of(p, va, 0);
    if (!pte || !(*pte & PTE_P))
        return;
    if (*pte & PTE_OWN)
        mem_free_page(*pte & PTE_ADDR);
    *pte = 0;
    flush(p);
}

int arch_user_translate(const struct proc *p, vir_bytes va, int write, phys_bytes *pa)
{
    uint64_t *pte = pte_of((struct proc *)p, va, 0);
    if (!pte || !(*pte & PTE_P) || !(*pte & PTE_U) || (write && !(*pte & PTE_W)))
        return -EFAULT;
    phys_bytes page = *pte & PTE_ADDR;
    if (page >= DIRECT_MAP_MAX)
        return -EFAULT;
    *pa = page | (va & (PAGE_SIZE - 1));
    return OK;
}
