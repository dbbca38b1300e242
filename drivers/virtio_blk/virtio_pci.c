/* Legacy virtio over PCI (QEMU's transitional virtio-blk-pci on pc): the registers are an
 * I/O port range, BAR 0, which the PCI service reports together with the interrupt line;
 * the driver's policy must allow both. args: pci */
#include "virtio.h"
#include <pci.h>
#include "../../lib/common/fmt.h"

#define VENDOR_VIRTIO     0x1af4
#define DEVICE_BLOCK      0x1001   /* transitional: legacy registers in BAR 0 */

#define R_DEV_FEATURES 0x00
#define R_DRV_FEATURES 0x04
#define R_QUEUE_PFN    0x08
#define R_QUEUE_SIZE   0x0c    /* 16 bits, fixed by the device */
#define R_QUEUE_SEL    0x0e    /* 16 bits */
#define R_QUEUE_NOTIFY 0x10    /* 16 bits */
#define R_STATUS       0x12    /* 8 bits */
#define R_ISR          0x13    /* 8 bits, cleared by reading */
#define R_CONFIG       0x14    /* without MSI-X, which the driver never enables */
#define PORTS          0x20    /* the driver needs the ports up to the block config it reads */

static uint32_t in(struct vdev *d, uint32_t off, uint32_t width)
{
    uint32_t v = 0;
    sys_devio(d->port + off, width, 0, &v);
    return v;
}

static void out(struct vdev *d, uint32_t off, uint32_t width, uint32_t v)
{
    sys_devio(d->port + off, width, 1, &v);
}

static void pci_set_status(struct vdev *d, uint32_t status) { out(d, R_STATUS, 1, status); }
static uint32_t pci_get_status(struct vdev *d) { return in(d, R_STATUS, 1); }

static int pci_negotiate(struct vdev *d, uint32_t wanted, uint32_t *offered)
{
    *offered = in(d, R_DEV_FEATURES, 4);
    out(d, R_DRV_FEATURES, 4, *offered & wanted);
    return OK;
}

static uint32_t pci_queue_size(struct vdev *d)
{
    out(d, R_QUEUE_SEL, 2, 0);
    uint32_t size = in(d, R_QUEUE_SIZE, 2);
    return size && !(size & (size - 1)) ? size : 0;
}

static int pci_queue_setup(struct vdev *d, const struct virtqueue *q)
{
    out(d, R_QUEUE_SEL, 2, 0);
    out(d, R_QUEUE_PFN, 4, q->pa / PAGE_SIZE);
    return OK;
}

static void pci_notify(struct vdev *d) { out(d, R_QUEUE_NOTIFY, 2, 0); }
static uint32_t pci_interrupt_ack(struct vdev *d) { return in(d, R_ISR, 1); }
static uint32_t pci_config_read(struct vdev *d, uint32_t off) { return in(d, R_CONFIG + off, 4); }

static const struct virtio_transport pci_transport = {
    pci_set_status, pci_get_status, pci_negotiate, pci_queue_size, pci_queue_setup,
    pci_notify, pci_interrupt_ack, pci_config_read,
};

/* The device's ports and line, checked against what the policy allows; turns on its I/O
 * decoding and its DMA. */
static int take_device(const struct pci_dev *p, struct vdev *d)
{
    *d = (struct vdev){ .t = &pci_transport, .irq = p->irq };
    fmt_snprintf(d->where, sizeof d->where, "pci %02x:%02x.%x", (unsigned)(p->bdf >> 8),
                 (unsigned)((p->bdf >> 3) & 31), (unsigned)(p->bdf & 7));
    uint32_t size, command, probe;
    int io, r = pci_bar(p->bdf, 0, &d->port, &size, &io);
    if (r != OK || !io || size < PORTS || p->irq == PCI_NO_IRQ)
        return r != OK ? r : -ENODEV;
    if ((r = sys_devio(d->port + R_STATUS, 1, 0, &probe)) != OK) {
        log_printf("virtio_blk: %s: ports 0x%x-0x%x are not in the policy\n", d->where,
                   (unsigned)d->port, (unsigned)(d->port + size - 1));
        return r;
    }
    if ((r = pci_read(p->bdf, PCI_COMMAND, 2, &command)) != OK)
        return r;
    return pci_write(p->bdf, PCI_COMMAND, 2, command | PCI_COMMAND_IO | PCI_COMMAND_MASTER);
}

int virtio_pci_probe(int argc, char **argv, struct vdev *devs, unsigned max)
{
    (void)argc, (void)argv;
    unsigned found = 0;
    struct pci_dev p;
    for (unsigned i = 0; found < max && pci_find(VENDOR_VIRTIO, DEVICE_BLOCK, i, &p) == OK; i++) {
        int r = take_device(&p, &devs[found]);
        if (r == OK)
            found++;
        else
            log_printf("virtio_blk: %s: not usable: %s\n", devs[found].where, err_name(r));
    }
    return (int)found;
}
