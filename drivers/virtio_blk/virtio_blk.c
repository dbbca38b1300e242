/* virtio_blk: the virtio block driver, on the block layer of lib/driver. Minor i is the i-th
 * virtio block device the transport finds that works (virtio-mmio slots upwards, or PCI
 * order). Each device has one virtqueue and DMA memory from VM for the queue, the request
 * header and status, and a 64 KiB data buffer; one request chain is on a queue at a time.
 * The device reports completion by interrupt; the block layer's timeout resets a device
 * that never answers. A restarted driver resets every device before using it again.
 *
 * args: mmio <base> <slots> <irq of slot 0>   virt: "mmio 0x0a000000 32 48"
 *       pci                                   pc: the devices the PCI service knows */
#include "virtio.h"
#include <dma.h>
#include "../../lib/common/string.h"

#define BLK_F_RO      5        /* feature: the device is read-only */
#define BLK_T_IN      0
#define BLK_T_OUT     1
#define BLK_S_OK      0
#define CFG_CAPACITY  0        /* device config: u64 capacity in sectors */
#define DATA_BYTES    (64u * 1024)
#define STATUS_OFFSET 64       /* in the header page */
#define MAX_QUEUE     1024u

struct blk_req_hdr { uint32_t type; uint32_t reserved; uint64_t sector; };

static struct vdev devs[VIRTIO_MAX_DEVS];
static struct vdev *units[VIRTIO_MAX_DEVS];   /* by minor */
static int broken[VIRTIO_MAX_DEVS];           /* a reset after a timeout failed */

/* The device's DMA memory: the queue, then a page for the header and status, then data. */
static uint32_t header_offset(const struct vdev *d) { return vq_bytes(d->q.size); }
static volatile struct blk_req_hdr *header(struct vdev *d)
{
    return (volatile struct blk_req_hdr *)(d->mem + header_offset(d));
}
static volatile uint8_t *status(struct vdev *d)
{
    return d->mem + header_offset(d) + STATUS_OFFSET;
}
static uint8_t *data(struct vdev *d) { return d->mem + header_offset(d) + PAGE_SIZE; }

/* The queue's size is known only once the device is reset, so the memory comes then. */
static int queue_memory(struct vdev *d, uint32_t size)
{
    if (d->mem)
        return size == d->q.size ? OK : -EIO;
    void *va;
    int r = dma_alloc(vq_bytes(size) + PAGE_SIZE + DATA_BYTES, &va, &d->mem_pa);
    if (r != OK)
        return r;
    d->mem = va;
    d->q.size = size;
    return OK;
}

/* Resets the device and brings it up with its queue; returns its feature bits, or an error
 * (the device is then left failed). */
static int setup(struct vdev *d, uint32_t *features)
{
    const struct virtio_transport *t = d->t;
    t->set_status(d, 0);
    t->set_status(d, VIRTIO_ACKNOWLEDGE);
    t->set_status(d, VIRTIO_ACKNOWLEDGE | VIRTIO_DRIVER);
    uint32_t size = 0;
    int r = t->negotiate(d, 1u << BLK_F_RO, features);
    if (r == OK && ((size = t->queue_size(d)) == 0 || size > MAX_QUEUE))
        r = -EIO;
    if (r == OK)
        r = queue_memory(d, size);
    if (r == OK) {
        vq_init(&d->q, size, d->mem, d->mem_pa);
        r = t->queue_setup(d, &d->q);
    }
    arch_dma_barrier();
    if (r == OK) {
        t->set_status(d, t->get_status(d) | VIRTIO_DRIVER_OK);
        r = t->get_status(d) & VIRTIO_FAILED ? -EIO : OK;
    }
    if (r != OK)
        t->set_status(d, VIRTIO_FAILED);
    return r;
}

/* The chain as the device will find it: the header's type and sector, and the data
 * descriptor's buffer, length and direction. A chain that is not header, data and status in
 * descriptors 0, 1 and 2 matches no chunk. */
static void check_chain(struct vdev *d, phys_bytes hdr_pa)
{
    volatile struct vring_desc *desc = d->q.desc;
    volatile struct blk_req_hdr *h = header(d);
    int out = h->type == BLK_T_OUT;
    struct blockdev_told told = { out, h->sector, desc[1].len };
    uint16_t data_flags = VRING_DESC_F_NEXT | (out ? 0 : VRING_DESC_F_WRITE);
    if ((h->type != BLK_T_IN && !out) || desc[0].addr != hdr_pa ||
        desc[0].flags != VRING_DESC_F_NEXT || desc[0].next != 1 ||
        desc[1].addr != hdr_pa + PAGE_SIZE || desc[1].flags != data_flags || desc[1].next != 2 ||
        desc[2].addr != hdr_pa + STATUS_OFFSET || desc[2].flags != VRING_DESC_F_WRITE ||
        d->q.avail[2 + (uint16_t)(d->q.next_avail - 1) % d->q.size] != 0)
        told.write = -1;
    blockdev_check(&told);
}

static int vblk_start(unsigned unit, int write, uint64_t sector, uint32_t bytes)
{
    struct vdev *d = units[unit];
    if (broken[unit])
        return -EIO;
    volatile struct blk_req_hdr *h = header(d);
    h->type = write ? BLK_T_OUT : BLK_T_IN;
    h->reserved = 0;
    h->sector = sector;
    *status(d) = 0xff;
    phys_bytes hdr_pa = d->mem_pa + header_offset(d);
    const struct vq_buf bufs[3] = {
        { hdr_pa, sizeof(struct blk_req_hdr), 0 },
        { hdr_pa + PAGE_SIZE, bytes, !write },
        { hdr_pa + STATUS_OFFSET, 1, 1 },
    };
    vq_submit(&d->q, bufs, 3);
    check_chain(d, hdr_pa);   /* the device looks at the chain once notified */
    d->t->notify(d);
    return OK;
}

/* If the device finished the chain, ends the chunk with its status; 1 if it had. */
static int take_completion(unsigned unit)
{
    struct vdev *d = units[unit];
    if (!vq_take_used(&d->q))
        return 0;
    uint8_t s = *status(d);
    if (s != BLK_S_OK) {
        uint64_t sector = header(d)->sector;
        log_printf("virtio_blk: minor %u: %s at sector %u failed: device status %u\n", unit,
                   header(d)->type == BLK_T_OUT ? "write" : "read", (unsigned)sector, s);
    }
    blockdev_done(s == BLK_S_OK ? OK : -EIO);
    return 1;
}

static void vblk_interrupt(uint32_t bits)
{
    for (unsigned u = 0; u < VIRTIO_MAX_DEVS && units[u]; u++) {
        if (!(bits & (1u << u)))
            continue;
        units[u]->t->interrupt_ack(units[u]);
        take_completion(u);
        sys_irqctl(IRQ_ENABLE, units[u]->irq, 0);
    }
}

static void vblk_timeout(unsigned unit)
{
    if (take_completion(unit))
        return;   /* the interrupt was lost, the work was not */
    uint32_t features;
    log_printf("virtio_blk: minor %u: the device does not answer; resetting it\n", unit);
    broken[unit] = setup(units[unit], &features) != OK;
}

/* Brings up one device found by the transport as the next minor. */
static void add_device(struct vdev *d, unsigned minor)
{
    uint32_t features;
    int r = setup(d, &features);
    if (r == OK)
        r = sys_irqctl(IRQ_SETPOLICY, d->irq, minor);
    uint64_t sectors = 0;
    if (r == OK) {
        sectors = d->t->config_read(d, CFG_CAPACITY) |
                  (uint64_t)d->t->config_read(d, CFG_CAPACITY + 4) << 32;
        r = blockdev_unit(sectors, (features >> BLK_F_RO) & 1, data(d), DATA_BYTES);
    }
    if (r < 0) {
        sys_irqctl(IRQ_RMPOLICY, d->irq, 0);
        d->t->set_status(d, VIRTIO_FAILED);
        log_printf("virtio_blk: %s: cannot set the device up: %s\n", d->where, err_name(r));
        return;
    }
    units[minor] = d;
    log_printf("virtio_blk: minor %u: %s, irq %u, %u sectors%s\n", minor, d->where, d->irq,
               (unsigned)sectors, (features >> BLK_F_RO) & 1 ? ", read-only" : "");
}

static int vblk_init(int argc, char **argv)
{
    int found = -EINVAL;
    if (argc >= 2 && strcmp(argv[1], "mmio") == 0)
        found = virtio_mmio_probe(argc, argv, devs, VIRTIO_MAX_DEVS);
    else if (argc >= 2 && strcmp(argv[1], "pci") == 0)
        found = virtio_pci_probe(argc, argv, devs, VIRTIO_MAX_DEVS);
    if (found == -EINVAL)
        return found;   /* the policy's arguments are wrong */
    if (found <= 0)
        log_printf("virtio_blk: no virtio block device\n");
    unsigned minors = 0;
    for (int i = 0; i < found; i++) {
        add_device(&devs[i], minors);
        minors += units[minors] != NULL;
    }
    return OK;
}

static const struct blockdev_ops vblk_ops = {
    .name = "virtio_blk",
    .init = vblk_init,
    .start = vblk_start,
    .timeout = vblk_timeout,
    .interrupt = vblk_interrupt,
};

int main(int argc, char **argv)
{
    blockdev_task(&vblk_ops, argc, argv);
}
