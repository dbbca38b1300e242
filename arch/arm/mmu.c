/* Short-descriptor translation tables: the kernel half (TTBR1) is shared and global; each
 * process has its own first-level table for 0 .. 2 GiB (TTBR0) and an address-space
 * identifier, so a switch changes TTBR0 and the ASID and flushes nothing. */
#include "../../kernel/kernel.h"
#include "arm.h"
#include <string.h>

#define L1_USER_ENTRIES 2048            /* 1 MiB each: 0 .. 2 GiB */
#define L1_PAGE_TABLE   0x1             /* first level: points to a second-level table */
#define PTE_SMALL       0x2             /* second level: a 4 KiB page */
#define PTE_XN          0x1
#define PTE_B           0x4
#define PTE_C           0x8
#define PTE_AP_KERNEL   0x10            /* AP = 01: kernel read-write, user none */
#define PTE_AP_USER_RO  0x220           /* AP2 = 1, AP = 10: read-only for both */
#define PTE_AP_USER_RW  0x30            /* AP = 11: read-write for both */
#define PTE_NORMAL      (0x40 | PTE_C | PTE_B)   /* TEX = 001, C, B: write-back write-allocate */
#define PTE_DEVICE      PTE_B           /* shareable device */
#define PTE_NG          0x800           /* tagged with the ASID */
#define TTB_FLAGS       0x48

/* A second-level page holds the hardware tables for 2 MiB (two of 1 KiB), then one word
 * per entry that remembers whether the page came from the kernel pool. */
#define L2_PAGE_ENTRIES 512
#define OWNED_OFFSET    (L2_PAGE_ENTRIES)

static uint32_t user_l1[NR_SLOTS][L1_USER_ENTRIES] __attribute__((aligned(8192)));
static uint32_t empty_l1[L1_USER_ENTRIES] __attribute__((aligned(8192)));
static uint32_t loaded_asid;            /* 0: the empty table, no process */
static uint32_t dcache_line = 16;

static phys_bytes kernel_to_phys(const void *va)
{
    return (phys_bytes)((uintptr_t)va - KERNEL_BASE);
}

void *arch_phys_to_kernel(phys_bytes pa)
{
    KASSERT(pa < KERNEL_BASE);
    return (void *)(pa + KERNEL_BASE);
}

/* Table walks may not look in the data cache: push table writes out to memory. */
static void clean_dcache(const void *va, size_t len)
{
    uintptr_t end = (uintptr_t)va + len;
    for (uintptr_t a = (uintptr_t)va & ~(dcache_line - 1); a < end; a += dcache_line)
        CP15_WRITE(c7, 0, c10, 1, a);    /* DCCMVAC */
    dsb();
}

/* New code in a page: make the instruction side see what was written through the data side. */
static void sync_icache(const void *va)
{
    for (uintptr_t a = (uintptr_t)va; a < (uintptr_t)va + PAGE_SIZE; a += dcache_line)
        CP15_WRITE(c7, 0, c11, 1, a);    /* DCCMVAU */
    dsb();
    CP15_WRITE(c7, 0, c5, 0, 0);         /* ICIALLU */
    CP15_WRITE(c7, 0, c5, 6, 0);         /* BPIALL */
    dsb();
    isb();
}

static void set_ttbr0(const uint32_t *l1, uint32_t asid)
{
    /* Through ASID 0 so no walk mixes the old table with the new ASID. */
    CP15_WRITE(c13, 0, c0, 1, 0);
    isb();
    CP15_WRITE(c2, 0, c0, 0, kernel_to_phys(l1) | TTB_FLAGS);
    isb();
    CP15_WRITE(c13, 0, c0, 1, asid);
    isb();
    loaded_asid = asid;
}

void arm_mmu_init(void)
{
    uint32_t ctr = CP15_READ(c0, 0, c0, 1);
    dcache_line = 4u << ((ctr >> 16) & 0xf);
    clean_dcache(empty_l1, sizeof empty_l1);
    set_ttbr0(empty_l1, 0);
    CP15_WRITE(c8, 0, c7, 0, 0);         /* TLBIALL: forget the boot identity map */
    dsb();
    isb();
}

void arm_mmu_activate(struct proc *p)
{
    if (p->mm.asid != loaded_asid)
        set_ttbr0(p->mm.l1, p->mm.asid);
}

static void flush_asid(uint32_t asid)
{
    dsb();
    CP15_WRITE(c8, 0, c7, 2, asid);      /* TLBIASID */
    CP15_WRITE(c7, 0, c5, 6, 0);
    dsb();
    isb();
}

int arch_mm_create(struct proc *p)
{
    KASSERT(p->slot < NR_SLOTS);
    p->mm.l1 = user_l1[p->slot];
    p->mm.asid = (uint32_t)p->slot + 1;  /* slots are fewer than 255 */
    memset(p->mm.l1, 0, sizeof user_l1[0]);
    clean_dcache(p->mm.l1, sizeof user_l1[0]);
    flush_asid(p->mm.asid);
    return OK;
}

static uint32_t *l2_page(uint32_t l1_entry, unsigned index)
{
    return arch_phys_to_kernel((l1_entry & ~0x3ffu) - (index & 1) * 1024);
}

void arch_mm_destroy(struct proc *p)
{
    if (!p->mm.l1)
        return;
    if (p->mm.asid == loaded_asid)
        set_ttbr0(empty_l1, 0);
    for (unsigned i = 0; i < L1_USER_ENTRIES; i += 2) {
        if (!(p->mm.l1[i] & L1_PAGE_TABLE))
            continue;
        uint32_t *l2 = l2_page(p->mm.l1[i], i);
        for (unsigned e = 0; e < L2_PAGE_ENTRIES; e++)
            if ((l2[e] & PTE_SMALL) && l2[OWNED_OFFSET + e])
                mem_free_page(l2[e] & ~0xfffu);
        mem_free_page(kernel_to_phys(l2));
    }
    memset(p->mm.l1, 0, sizeof user_l1[0]);
    clean_dcache(p->mm.l1, sizeof user_l1[0]);
    flush_asid(p->mm.asid);
    p->mm.l1 = NULL;
    p->mm.asid = 0;
}

/* The second-level entry for va, or NULL; with create, a missing table is made. */
static uint32_t *pte_of(const struct proc *p, vir_bytes va, int create)
{
    if (va >= USER_TOP || !p->mm.l1)
        return NULL;
    unsigned i = va >> 20;
    uint32_t *l1 = p->mm.l1;
    if (!(l1[i] & L1_PAGE_TABLE)) {
        phys_bytes pa;
        if (!create || !(pa = mem_alloc_page()))
            return NULL;
        clean_dcache(arch_phys_to_kernel(pa), PAGE_SIZE);
        l1[i & ~1u] = pa | L1_PAGE_TABLE;
        l1[i | 1u] = (pa + 1024) | L1_PAGE_TABLE;
        clean_dcache(&l1[i & ~1u], 2 * sizeof l1[0]);
    }
    return &l2_page(l1[i], i)[((i & 1) << 8) | ((va >> 12) & 0xff)];
}

static uint32_t descriptor(phys_bytes pa, uint32_t flags)
{
    uint32_t d = pa | PTE_SMALL | PTE_NG;
    d |= flags & MAP_DEVICE ? PTE_DEVICE : PTE_NORMAL;
    if (!(flags & MAP_USER))
        d |= PTE_AP_KERNEL;
    else
        d |= flags & MAP_WRITE ? PTE_AP_USER_RW : PTE_AP_USER_RO;
    if (!(flags & MAP_EXEC) || (flags & MAP_DEVICE))
        d |= PTE_XN;
    return d;
}

int arch_mm_map(struct proc *p, vir_bytes va, phys_bytes pa, uint32_t flags)
{
    if (va >= USER_TOP || (va & (PAGE_SIZE - 1)) || (pa & (PAGE_SIZE - 1)) || pa >= KERNEL_BASE)
        return -EINVAL;
    uint32_t *pte = pte_of(p, va, 1);
    if (!pte)
        return -ENOMEM;
    uint32_t *owned = pte + OWNED_OFFSET;
    if ((*pte & PTE_SMALL) && *owned)
        mem_free_page(*pte & ~0xfffu);
    if ((flags & MAP_EXEC) && !(flags & MAP_DEVICE))
        sync_icache(arch_phys_to_kernel(pa));
    *pte = descriptor(pa, flags);
    *owned = (flags & MAP_OWNED) != 0;
    clean_dcache(pte, sizeof *pte);
    CP15_WRITE(c8, 0, c7, 1, va | p->mm.asid);   /* TLBIMVA */
    CP15_WRITE(c7, 0, c5, 6, 0);
    dsb();
    isb();
    return OK;
}

void arch_mm_unmap(struct proc *p, vir_bytes va)
{
    uint32_t *pte = pte_of(p, va, 0);
    if (!pte || !(*pte & PTE_SMALL))
        return;
    if (pte[OWNED_OFFSET])
        mem_free_page(*pte & ~0xfffu);
    *pte = 0;
    pte[OWNED_OFFSET] = 0;
    clean_dcache(pte, sizeof *pte);
    CP15_WRITE(c8, 0, c7, 1, (va & ~0xfffu) | p->mm.asid);
    dsb();
    isb();
}

/* Only normal memory: device registers are never touched by kernel copies. */
int arch_user_translate(const struct proc *p, vir_bytes va, int write, phys_bytes *pa)
{
    uint32_t *pte = pte_of(p, va, 0);
    if (!pte || !(*pte & PTE_SMALL) || !(*pte & PTE_C))
        return -EFAULT;
    uint32_t ap = *pte & 0x230;
    if (ap != PTE_AP_USER_RW && (write || ap != PTE_AP_USER_RO))
        return -EFAULT;
    *pa = (*pte & ~0xfffu) | (va & (PAGE_SIZE - 1));
    return OK;
}
