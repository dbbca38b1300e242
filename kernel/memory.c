/* Physical pages for page tables and boot processes: a bitmap over the free range the
 * board reports. The bitmap is static, so the kernel never allocates its own data. */
#include "kernel.h"
#include <string.h>

#define MAX_PAGES (1024u * 1024u * 1024u / PAGE_SIZE)   /* at most 1 GiB managed */

static uint32_t used[MAX_PAGES / 32];
static phys_bytes pool_base;
static uint32_t pool_pages;
static uint32_t high_water;
static phys_bytes memory_end;
#define MAX_RESERVED 4
static struct mem_range reserved[MAX_RESERVED];   /* what the loader left in memory */
static int nr_reserved;  /* set by mem_seal */   /* pages below this index have been handed out at some time */

void mem_init(phys_bytes base, phys_bytes limit)
{
    pool_base = PAGE_UP(base);
    limit = PAGE_DOWN(limit);
    pool_pages = limit > pool_base ? (limit - pool_base) / PAGE_SIZE : 0;
    if (pool_pages > MAX_PAGES)
        pool_pages = MAX_PAGES;
    memset(used, 0, sizeof used);
    nr_reserved = 0;
    high_water = 0;
    memory_end = 0;
}

phys_bytes mem_alloc_page(void)
{
    for (uint32_t i = 0; i < pool_pages; i++) {
        if (used[i / 32] & (1u << (i % 32)))
            continue;
        used[i / 32] |= 1u << (i % 32);
        if (i + 1 > high_water)
            high_water = i + 1;
        phys_bytes pa = pool_base + i * PAGE_SIZE;
        memset(arch_phys_to_kernel(pa), 0, PAGE_SIZE);
        return pa;
    }
    return 0;
}

/* The memory left to the memory manager: [mem_free_base, mem_end) without what is reserved. */

static void note_reserved(phys_bytes base, phys_bytes size)
{
    if (nr_reserved < MAX_RESERVED && size)
        reserved[nr_reserved++] = (struct mem_range){ PAGE_DOWN(base), PAGE_UP(base + size) };
}

/* Splits [base, limit) around the reserved ranges, from reserved range i on. */
static int split_free(phys_bytes base, phys_bytes limit, int i, struct mem_range *out, int max)
{
    if (base >= limit || max <= 0)
        return 0;
    for (; i < nr_reserved; i++) {
        const struct mem_range *r = &reserved[i];
        if (r->limit <= base || r->base >= limit)
            continue;
        int n = split_free(base, r->base, i + 1, out, max);
        return n + split_free(r->limit, limit, i + 1, out + n, max - n);
    }
    out[0] = (struct mem_range){ base, limit };
    return 1;
}

int mem_free_ranges(struct mem_range *out, int max)
{
    return split_free(mem_free_base(), mem_end(), 0, out, max);
}

/* Keeps [base, base + size) out of the pool for good: what the boot loader left in memory
 * (the boot image, the device tree) stays where it is. */
void mem_reserve(phys_bytes base, phys_bytes size)
{
    note_reserved(base, size);
    for (phys_bytes pa = PAGE_DOWN(base); pa < base + size; pa += PAGE_SIZE) {
        if (pa < pool_base || pa >= pool_base + pool_pages * PAGE_SIZE)
            continue;
        uint32_t i = (pa - pool_base) / PAGE_SIZE;
        used[i / 32] |= 1u << (i % 32);
    }
}

void mem_free_page(phys_bytes pa)
{
    KASSERT(pa >= pool_base && pa < pool_base + pool_pages * PAGE_SIZE);
    uint32_t i = (pa - pool_base) / PAGE_SIZE;
    KASSERT(used[i / 32] & (1u << (i % 32)));
    used[i / 32] &= ~(1u << (i % 32));
}

/* After the boot processes are loaded the pool shrinks to what they use plus a reserve
 * for later page tables; everything above is left to a user-mode memory manager. */
void mem_seal(uint32_t reserve_pages)
{
    memory_end = pool_base + pool_pages * PAGE_SIZE;
    if (high_water + reserve_pages < pool_pages)
        pool_pages = high_water + reserve_pages;
}

/* The first physical byte the kernel will never hand out. */
phys_bytes mem_free_base(void)
{
    return pool_base + pool_pages * PAGE_SIZE;
}

phys_bytes mem_end(void)
{
    return memory_end ? memory_end : pool_base + pool_pages * PAGE_SIZE;
}
