/* Block drivers on the driver framework: requests are checked against the unit's size,
 * queued, and moved one chunk at a time through the unit's buffer. A driver only finds its
 * units, starts a chunk on the device and says when the device is done with it. */
#ifndef LIB_BLOCKDEV_H
#define LIB_BLOCKDEV_H

#include <driver.h>

#define BLOCK_SECTOR     512u
#define BLOCK_UNITS_MAX  8
#define BLOCK_TIMEOUT_MS 500  /* a chunk the device has not finished by then is tried again, */
#define BLOCK_TRIES      3    /* after a reset of the device, and fails with EIO at the last */

struct blockdev_ops {
    const char *name;
    /* Finds the devices and calls blockdev_unit for each; an error ends the driver. */
    int (*init)(int argc, char **argv);
    /* Starts moving `bytes` at `sector` between the unit's device and its buffer (which holds
     * the data of a write). Returns OK and calls blockdev_done later, from an interrupt or the
     * timeout, never from here; or returns an error. */
    int (*start)(unsigned unit, int write, uint64_t sector, uint32_t bytes);
    /* The chunk took too long: call blockdev_done if the device did finish (a lost
     * interrupt), else reset the device so that it can take the next request. */
    void (*timeout)(unsigned unit);
    void (*interrupt)(uint32_t irq_bits);
};

/* A unit of `sectors` sectors whose chunks move through buf (buf_size bytes, a multiple of
 * BLOCK_SECTOR); returns its minor or a negative error. */
int blockdev_unit(uint64_t sectors, int readonly, void *buf, uint32_t buf_size);
/* The primary partitions of `disk`'s MBR (its first sector, which the driver read) as four
 * more units, the table's entries in order (an empty entry: a unit of no sectors); their
 * chunks go to the driver as the disk's. Returns how many hold sectors, 0 when sector0 is
 * no MBR (the disk is not partitioned), or a negative error. */
int blockdev_partitions(unsigned disk, const uint8_t *sector0);
/* What a device was told for the chunk now starting, as the driver reads it back from the
 * device (its registers, or the request in DMA memory). */
struct blockdev_told {
    int write;                /* 1 or 0; -1: what the device holds is no well-formed transfer */
    uint64_t sector;          /* of the disk (a partition's chunks are the disk's) */
    uint32_t bytes;
};
/* Called by the driver while it starts a chunk, after the device is told and before any data
 * moves. A flipped bit in a driver's code can send a write to the wrong place, and no check
 * after it can tell: the sectors hit were someone else's. So the layer compares what the
 * device holds with the chunk, computed again by its own code; if they differ, the driver
 * ends before the data moves, and its caller repeats the request to a fresh copy. */
void blockdev_check(const struct blockdev_told *told);
/* The device finished the chunk it was given: OK, or a negative error for the request. */
void blockdev_done(int status);
_Noreturn void blockdev_task(const struct blockdev_ops *ops, int argc, char **argv);

#endif
