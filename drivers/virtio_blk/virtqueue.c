/* The split virtqueue as legacy and modern devices both accept it: descriptors at the start
 * of page-aligned DMA memory, the available ring right after them, the used ring on the
 * next page boundary. The driver keeps one chain on the queue at a time, in descriptors 0.. */
#include "virtio.h"
#include "../../lib/common/string.h"

#define AVAIL_IDX 1   /* avail and used rings: flags, then idx, then the ring */
#define USED_IDX  1

static uint32_t avail_end(uint32_t size)
{
    return 16 * size + 2 * (3 + size);   /* descriptors, flags, idx, ring, used_event */
}

uint32_t vq_bytes(uint32_t size)
{
    return PAGE_UP(avail_end(size)) + PAGE_UP(2 * 3 + 8 * size);
}

void vq_init(struct virtqueue *q, uint32_t size, void *va, phys_bytes pa)
{
    memset(va, 0, vq_bytes(size));
    uint32_t used = PAGE_UP(avail_end(size));
    q->size = size;
    q->pa = pa;
    q->avail_pa = pa + 16 * size;
    q->used_pa = pa + used;
    q->desc = va;
    q->avail = (volatile uint16_t *)((uint8_t *)va + 16 * size);
    q->used = (volatile uint16_t *)((uint8_t *)va + used);
    q->next_avail = q->used_seen = 0;
}

void vq_submit(struct virtqueue *q, const struct vq_buf *bufs, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        uint16_t flags = (i + 1 < n ? VRING_DESC_F_NEXT : 0) |
                         (bufs[i].device_writes ? VRING_DESC_F_WRITE : 0);
        q->desc[i] = (struct vring_desc){ bufs[i].pa, bufs[i].len, flags, (uint16_t)(i + 1) };
    }
    q->avail[2 + q->next_avail % q->size] = 0;   /* the chain starts at descriptor 0 */
    arch_dma_barrier();                           /* the chain before the index that shows it */
    q->avail[AVAIL_IDX] = ++q->next_avail;
    arch_dma_barrier();                           /* the index before the notification */
}

int vq_take_used(struct virtqueue *q)
{
    arch_dma_barrier();
    uint16_t idx = q->used[USED_IDX];
    if (idx == q->used_seen)
        return 0;
    q->used_seen = idx;
    arch_dma_barrier();                           /* the index before the data it covers */
    return 1;
}
