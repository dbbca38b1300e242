/* VM_DMA_ALLOC: physically contiguous pages for a driver's device to read and write, with
 * their physical address. Like mmap memory they are allocated at once and never move; they
 * stay until the process ends, and fork does not share them (only the owner drives the
 * device). */
#include "vm.h"
#include "../../lib/common/string.h"

#define DMA_MAX (4u * 1024 * 1024)   /* per request: enough for rings and bounce buffers */

/* Gives the run's pages [from, count) back, which no page record holds yet. */
static void free_run(phys_bytes pa, uint32_t from, uint32_t count)
{
    for (uint32_t i = from; i < count; i++)
        frame_unref(pa + i * PAGE_SIZE);
}

/* Zeroes, records and maps every page of the run at r; on an error undoes all of it. */
static int map_run(struct vmproc *vp, const struct region *r, phys_bytes pa, uint32_t count)
{
    for (uint32_t i = 0; i < count; i++) {
        phys_bytes frame = pa + i * PAGE_SIZE;
        vir_bytes va = r->start + i * PAGE_SIZE;
        void *p = frame_window(0, frame);
        int err = p ? page_insert(vmp_slot(vp), va, frame, 0) : -ENOMEM;
        if (err == OK) {
            memset(p, 0, PAGE_SIZE);
            err = page_map(vp, r, va, frame, 0);
            va += PAGE_SIZE;   /* recorded: dropped with the pages before it */
        }
        if (err != OK) {
            pages_drop(vp, r->start, va);
            free_run(pa, (va - r->start) / PAGE_SIZE, count);
            return err;
        }
    }
    return OK;
}

int do_dma_alloc(struct vmproc *vp, message *m)
{
    if (m->m.vm.len == 0 || m->m.vm.len > DMA_MAX)
        return -EINVAL;
    vir_bytes len = PAGE_UP(m->m.vm.len), va = mmap_place(vp, len);
    if (!va || !within_limit(vp, len))
        return -ENOMEM;
    uint32_t count = len / PAGE_SIZE;
    phys_bytes pa = frames_alloc_run(count);
    if (!pa)
        return -ENOMEM;
    struct region *r = region_add(vp, va, va + len, RK_DMA, RF_WRITE);
    if (!r) {
        free_run(pa, 0, count);
        return -ENOMEM;
    }
    int err = map_run(vp, r, pa, count);
    if (err != OK) {
        region_remove(vp, r);
        return err;
    }
    m->m.vm.addr = va;
    m->m.vm.phys = pa;
    return OK;
}
