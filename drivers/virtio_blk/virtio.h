/* virtio for the block driver: the split virtqueue in DMA memory (virtqueue.c) and the two
 * transports that reach a device's registers, virtio-mmio (virtio_mmio.c, ARM virt) and
 * legacy virtio over PCI (virtio_pci.c, pc). The block device itself is virtio_blk.c. */
#ifndef VIRTIO_BLK_VIRTIO_H
#define VIRTIO_BLK_VIRTIO_H

#include <blockdev.h>

/* Device status bits. */
#define VIRTIO_ACKNOWLEDGE 1
#define VIRTIO_DRIVER      2
#define VIRTIO_DRIVER_OK   4
#define VIRTIO_FEATURES_OK 8
#define VIRTIO_FAILED      128

#define VIRTIO_ID_BLOCK    2
#define VIRTIO_MAX_DEVS    4

/* The split virtqueue: descriptors, the ring of chains offered to the device (avail) and the
 * ring of chains it has finished (used), laid out as legacy devices require. */
struct vring_desc { uint64_t addr; uint32_t len; uint16_t flags; uint16_t next; };
struct vring_used_elem { uint32_t id; uint32_t len; };
#define VRING_DESC_F_NEXT  1
#define VRING_DESC_F_WRITE 2   /* the device writes this buffer */

struct virtqueue {
    uint32_t size;                     /* entries, a power of two */
    phys_bytes pa;                     /* descriptors; avail follows, used on the next page */
    phys_bytes avail_pa, used_pa;
    volatile struct vring_desc *desc;
    volatile uint16_t *avail;          /* flags, idx, ring[size] */
    volatile uint16_t *used;           /* flags, idx, then struct vring_used_elem[size] */
    uint16_t next_avail, used_seen;
};

/* One buffer of a request: its physical address and length, and whether the device writes it. */
struct vq_buf { phys_bytes pa; uint32_t len; int device_writes; };

uint32_t vq_bytes(uint32_t size);      /* DMA memory a queue of `size` entries takes */
void vq_init(struct virtqueue *q, uint32_t size, void *va, phys_bytes pa);
/* Offers one chain of n buffers (the only one on the queue: one request at a time). */
void vq_submit(struct virtqueue *q, const struct vq_buf *bufs, unsigned n);
int vq_take_used(struct virtqueue *q); /* 1 if the device has finished chains since last asked */

struct vdev;

/* What differs between transports; every call works on the device's queue 0. */
struct virtio_transport {
    void (*set_status)(struct vdev *d, uint32_t status);   /* 0 resets the device */
    uint32_t (*get_status)(struct vdev *d);
    /* Reads the device's features (the low 32 bits), accepts those in `wanted`; OK or -EIO. */
    int (*negotiate)(struct vdev *d, uint32_t wanted, uint32_t *offered);
    uint32_t (*queue_size)(struct vdev *d);                 /* the size to use; 0: no queue */
    int (*queue_setup)(struct vdev *d, const struct virtqueue *q);
    void (*notify)(struct vdev *d);
    uint32_t (*interrupt_ack)(struct vdev *d);              /* reads and clears the cause */
    uint32_t (*config_read)(struct vdev *d, uint32_t offset);   /* 32 bits of device config */
};

struct vdev {
    const struct virtio_transport *t;
    volatile uint32_t *regs;           /* virtio-mmio: the slot's registers */
    uint32_t port;                     /* PCI: the I/O BAR */
    unsigned version;                  /* virtio-mmio: 1 (legacy) or 2 */
    unsigned irq;
    char where[24];                    /* for messages: "mmio slot 31 v2", "pci 00:03.0" */
    struct virtqueue q;
    uint8_t *mem;                      /* DMA memory: queue, request header page, data buffer */
    phys_bytes mem_pa;
};

/* Each fills devs with the block devices it finds and returns how many, or an error. */
int virtio_mmio_probe(int argc, char **argv, struct vdev *devs, unsigned max);
int virtio_pci_probe(int argc, char **argv, struct vdev *devs, unsigned max);

#endif
