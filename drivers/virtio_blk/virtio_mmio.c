/* The virtio-mmio transport (QEMU's ARM virt board): a row of register slots, each maybe
 * holding a device, in version 1 (legacy: the queue by page number) or 2 layout.
 * args: mmio <base> <slots> <irq of slot 0>, e.g. "mmio 0x0a000000 32 48". */
#include "virtio.h"
#include "../../lib/common/fmt.h"

#define MMIO_VA   0x70000000u   /* above the mmap area: where the driver sees the slots */
#define SLOT_SIZE 0x200u
#define MAX_SLOTS 64
#define QUEUE_SIZE 16u          /* the driver keeps one 3-buffer chain on the queue */

#define R_MAGIC        0x000
#define R_VERSION      0x004
#define R_DEVICE_ID    0x008
#define R_DEV_FEATURES 0x010
#define R_DEV_FEAT_SEL 0x014
#define R_DRV_FEATURES 0x020
#define R_DRV_FEAT_SEL 0x024
#define R_GUEST_PAGE   0x028   /* v1 */
#define R_QUEUE_SEL    0x030
#define R_QUEUE_MAX    0x034
#define R_QUEUE_NUM    0x038
#define R_QUEUE_ALIGN  0x03c   /* v1 */
#define R_QUEUE_PFN    0x040   /* v1 */
#define R_QUEUE_READY  0x044   /* v2 */
#define R_QUEUE_NOTIFY 0x050
#define R_INT_STATUS   0x060
#define R_INT_ACK      0x064
#define R_STATUS       0x070
#define R_DESC_LO      0x080   /* v2 */
#define R_DESC_HI      0x084
#define R_AVAIL_LO     0x090
#define R_AVAIL_HI     0x094
#define R_USED_LO      0x0a0
#define R_USED_HI      0x0a4
#define R_CONFIG       0x100

#define VIRTIO_MAGIC   0x74726976u   /* "virt" */
#define F_VERSION_1_HI 0x1u   /* feature bit 32 (VERSION_1), in the second feature word */

static uint32_t rd(struct vdev *d, uint32_t off) { return d->regs[off / 4]; }
static void wr(struct vdev *d, uint32_t off, uint32_t v) { d->regs[off / 4] = v; }

static void mmio_set_status(struct vdev *d, uint32_t status) { wr(d, R_STATUS, status); }
static uint32_t mmio_get_status(struct vdev *d) { return rd(d, R_STATUS); }

/* Version 2 devices insist on VERSION_1 and confirm the choice with FEATURES_OK. */
static int mmio_negotiate(struct vdev *d, uint32_t wanted, uint32_t *offered)
{
    wr(d, R_DEV_FEAT_SEL, 0);
    *offered = rd(d, R_DEV_FEATURES);
    wr(d, R_DRV_FEAT_SEL, 0);
    wr(d, R_DRV_FEATURES, *offered & wanted);
    if (d->version == 1)
        return OK;
    wr(d, R_DEV_FEAT_SEL, 1);
    if (!(rd(d, R_DEV_FEATURES) & F_VERSION_1_HI))
        return -EIO;
    wr(d, R_DRV_FEAT_SEL, 1);
    wr(d, R_DRV_FEATURES, F_VERSION_1_HI);
    wr(d, R_STATUS, rd(d, R_STATUS) | VIRTIO_FEATURES_OK);
    return rd(d, R_STATUS) & VIRTIO_FEATURES_OK ? OK : -EIO;
}

static uint32_t mmio_queue_size(struct vdev *d)
{
    wr(d, R_QUEUE_SEL, 0);
    uint32_t max = rd(d, R_QUEUE_MAX);
    if (d->version >= 2 && rd(d, R_QUEUE_READY))
        return 0;
    return max < QUEUE_SIZE ? 0 : QUEUE_SIZE;
}

static int mmio_queue_setup(struct vdev *d, const struct virtqueue *q)
{
    wr(d, R_QUEUE_SEL, 0);
    wr(d, R_QUEUE_NUM, q->size);
    if (d->version == 1) {
        wr(d, R_GUEST_PAGE, PAGE_SIZE);
        wr(d, R_QUEUE_ALIGN, PAGE_SIZE);
        wr(d, R_QUEUE_PFN, q->pa / PAGE_SIZE);
        return OK;
    }
    wr(d, R_DESC_LO, q->pa);
    wr(d, R_DESC_HI, 0);
    wr(d, R_AVAIL_LO, q->avail_pa);
    wr(d, R_AVAIL_HI, 0);
    wr(d, R_USED_LO, q->used_pa);
    wr(d, R_USED_HI, 0);
    wr(d, R_QUEUE_READY, 1);
    return OK;
}

static void mmio_notify(struct vdev *d) { wr(d, R_QUEUE_NOTIFY, 0); }

static uint32_t mmio_interrupt_ack(struct vdev *d)
{
    uint32_t cause = rd(d, R_INT_STATUS);
    wr(d, R_INT_ACK, cause);
    return cause;
}

static uint32_t mmio_config_read(struct vdev *d, uint32_t off) { return rd(d, R_CONFIG + off); }

static const struct virtio_transport mmio_transport = {
    mmio_set_status, mmio_get_status, mmio_negotiate, mmio_queue_size, mmio_queue_setup,
    mmio_notify, mmio_interrupt_ack, mmio_config_read,
};

int virtio_mmio_probe(int argc, char **argv, struct vdev *devs, unsigned max)
{
    uint32_t base, slots, irq0;
    if (argc < 5 || arg_number(argv[2], &base) != OK || arg_number(argv[3], &slots) != OK ||
        arg_number(argv[4], &irq0) != OK || slots == 0 || slots > MAX_SLOTS || base % PAGE_SIZE)
        return -EINVAL;
    int r = sys_physmap(base, MMIO_VA, PAGE_UP(slots * SLOT_SIZE));
    if (r != OK) {
        log_printf("virtio_blk: cannot map the virtio-mmio slots at 0x%08x: %s\n",
                   (unsigned)base, err_name(r));
        return r;
    }
    unsigned found = 0;
    for (unsigned s = 0; s < slots && found < max; s++) {
        struct vdev *d = &devs[found];
        *d = (struct vdev){ .t = &mmio_transport, .irq = irq0 + s,
                            .regs = (volatile uint32_t *)(uintptr_t)(MMIO_VA + s * SLOT_SIZE) };
        if (rd(d, R_MAGIC) != VIRTIO_MAGIC || rd(d, R_DEVICE_ID) != VIRTIO_ID_BLOCK)
            continue;
        d->version = rd(d, R_VERSION);
        fmt_snprintf(d->where, sizeof d->where, "mmio slot %u v%u", s, d->version);
        if (d->version != 1 && d->version != 2) {
            log_printf("virtio_blk: %s: virtio-mmio version %u not supported\n", d->where,
                       d->version);
            continue;
        }
        found++;
    }
    return (int)found;
}
