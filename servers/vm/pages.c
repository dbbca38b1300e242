/* Page records: which frame backs each mapped page of each process, and whether it is
 * copy-on-write. A static pool in a hash table keyed by slot and page number. */
#include "vm.h"

/* 1 GiB of mappings, shared frames counted per sharer: as many as the frames VM manages
 * (frames.c), so that a board with 1 GiB (orangepi-pc) can map all of it; 3 MiB of pool. */
#define MAX_PAGES (256u * 1024)
#define HASH_BITS 16

/* Index 0 is "none", so the zeroed static tables need no set-up. */
static struct page pool[MAX_PAGES + 1];
static int32_t heads[1u << HASH_BITS];
static int32_t free_list;
static uint32_t pool_top, nr_used;

_Static_assert(NR_SLOTS <= 4096 && USER_TOP <= 0x100000000ull, "slot and page number fit a key");

static uint32_t key_of(int slot, vir_bytes va)
{
    return (uint32_t)slot << 20 | va >> 12;
}

static int32_t *bucket(uint32_t key)
{
    return &heads[(key * 2654435761u) >> (32 - HASH_BITS)];
}

struct page *page_find(int slot, vir_bytes va)
{
    uint32_t key = key_of(slot, va);
    for (int32_t i = *bucket(key); i; i = pool[i].next)
        if (pool[i].key == key)
            return &pool[i];
    return NULL;
}

/* The caller knows the page has no record yet. */
int page_insert(int slot, vir_bytes va, phys_bytes pa, uint32_t flags)
{
    int32_t i;
    if (free_list) {
        i = free_list;
        free_list = pool[i].next;
    } else if (pool_top < MAX_PAGES) {
        i = (int32_t)++pool_top;
    } else {
        return -ENOMEM;
    }
    uint32_t key = key_of(slot, va);
    int32_t *head = bucket(key);
    pool[i] = (struct page){ key, pa | flags, *head };
    *head = i;
    nr_used++;
    return OK;
}

int page_remove(int slot, vir_bytes va, phys_bytes *pa)
{
    uint32_t key = key_of(slot, va);
    for (int32_t *link = bucket(key); *link; link = &pool[*link].next) {
        int32_t i = *link;
        if (pool[i].key != key)
            continue;
        *pa = page_pa(&pool[i]);
        *link = pool[i].next;
        pool[i].next = free_list;
        free_list = i;
        nr_used--;
        return OK;
    }
    return -ENOENT;
}

uint32_t pages_free(void)
{
    return MAX_PAGES - nr_used;
}
