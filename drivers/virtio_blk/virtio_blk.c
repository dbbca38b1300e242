/* virtio_blk: the virtio block driver for QEMU's ARM `virt` board (virtio-mmio transport,
 * legacy version 1 and modern version 2 register layouts). Minor i is the i-th virtio
 * block device found scanning the slots upwards. DEV_READ and DEV_WRITE move 512-byte
 * sectors between the caller's grant and a bounce buffer in a physical range the policy
 * gives the driver for DMA; one request is on the device at a time, the rest wait in a
 * queue. Completion comes as an interrupt notification; an alarm catches a device that
 * never answers.
 *
 * args: <mmio base> <slots> <first irq> <dma base> <dma size>
 *   e.g. "0x0a000000 32 48 0x47f00000 0x100000"
 *
 * The DMA range must be RAM that nobody else uses: the driver asks the kernel for the
 * memory left to VM (GET_MEMMAP) and refuses a range that overlaps it. */
#include <driver.h>

#define MMIO_VA  0x68000000u   /* where the driver sees the virtio-mmio slots */
#define DMA_VA   0x68100000u   /* and its DMA range */
#define SLOT_SIZE 0x200u

/* virtio-mmio registers (byte offsets). */
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
#define R_CONFIG       0x100   /* virtio-blk: capacity (u64, sectors) first */

#define VIRTIO_MAGIC   0x74726976u   /* "virt" */
#define VIRTIO_ID_BLOCK 2

#define ST_ACK         1
#define ST_DRIVER      2
#define ST_DRIVER_OK   4
#define ST_FEATURES_OK 8
#define ST_FAILED      128

#define BLK_F_RO       5      /* device feature bit: read-only */
#define F_VERSION_1    32     /* modern devices insist on it */

#define VRING_DESC_F_NEXT  1
#define VRING_DESC_F_WRITE 2

#define BLK_T_IN  0
#define BLK_T_OUT 1
#define BLK_S_OK  0

#define SECTOR     512u
#define QSIZE      8u                 /* descriptors: a request uses 3 */
#define BOUNCE     (64u * 1024)       /* bytes per device request */
#define DEV_DMA    (PAGE_SIZE * 3 + BOUNCE)   /* ring pages, header page, bounce buffer */
#define MAX_DEVS   4
#define MAX_PENDING 16
#define TIMEOUT_S  3

struct vring_desc { uint64_t addr; uint32_t len; uint16_t flags; uint16_t next; };
struct vring_avail { uint16_t flags; uint16_t idx; uint16_t ring[QSIZE]; uint16_t used_event; };
struct vring_used_elem { uint32_t id; uint32_t len; };
struct vring_used { uint16_t flags; uint16_t idx; struct vring_used_elem ring[QSIZE]; uint16_t avail_event; };
struct blk_req_hdr { uint32_t type; uint32_t reserved; uint64_t sector; };

struct vdev {
    volatile uint32_t *regs;
    unsigned slot, irq, version;
    uint64_t sectors;
    int ro;
    int broken;
    phys_bytes pa;                     /* its part of the DMA range */
    uint8_t *va;
    volatile struct vring_desc *desc;  /* page 0 */
    volatile struct vring_avail *avail;
    volatile struct vring_used *used;  /* page 1 */
    volatile struct blk_req_hdr *hdr;  /* page 2 */
    volatile uint8_t *status;
    volatile uint32_t *data;           /* pages 3.. */
    uint16_t avail_idx, used_seen;
};

struct request {
    endpoint_t caller;
    grant_id_t grant;
    unsigned minor;
    int write;
    uint64_t pos;
    uint32_t count, done, chunk;
};

static struct vdev devs[MAX_DEVS];
static unsigned nr_devs;
static struct request cur;            /* on the device if cur_active */
static int cur_active;
static struct request pending[MAX_PENDING];
static unsigned pend_head, pend_count;
static uint32_t hz = 100;
static uint8_t staging[BOUNCE] __attribute__((aligned(8)));   /* normal memory for safecopy */

/* Orders the driver's memory accesses against the device's. */
static inline void barrier(void)
{
#if defined(__arm__)
    __asm__ volatile("dsb" ::: "memory");
#else
    __asm__ volatile("mfence" ::: "memory");   /* pc: no virtio-mmio there, but it builds */
#endif
}

static uint32_t rd(struct vdev *d, uint32_t off) { return d->regs[off / 4]; }
static void wr(struct vdev *d, uint32_t off, uint32_t v) { d->regs[off / 4] = v; }

static uint32_t parse_number(const char *s)
{
    uint32_t v = 0, base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        base = 16, s += 2;
    for (;; s++) {
        uint32_t digit;
        if (*s >= '0' && *s <= '9')
            digit = (uint32_t)(*s - '0');
        else if (base == 16 && *s >= 'a' && *s <= 'f')
            digit = (uint32_t)(*s - 'a' + 10);
        else if (base == 16 && *s >= 'A' && *s <= 'F')
            digit = (uint32_t)(*s - 'A' + 10);
        else
            return v;
        v = v * base + digit;
    }
}

/* Word copies: the DMA range is mapped as device memory, which takes no unaligned access. */
static void copy_to_dma(volatile uint32_t *to, const uint8_t *from, uint32_t n)
{
    const uint32_t *f = (const uint32_t *)(const void *)from;
    for (uint32_t i = 0; i < n / 4; i++)
        to[i] = f[i];
}

static void copy_from_dma(uint8_t *to, const volatile uint32_t *from, uint32_t n)
{
    uint32_t *t = (uint32_t *)(void *)to;
    for (uint32_t i = 0; i < n / 4; i++)
        t[i] = from[i];
}

/* Resets the device and sets up its one virtqueue; OK or -EIO. */
static int setup_device(struct vdev *d)
{
    wr(d, R_STATUS, 0);
    barrier();
    wr(d, R_STATUS, ST_ACK);
    wr(d, R_STATUS, ST_ACK | ST_DRIVER);

    wr(d, R_DEV_FEAT_SEL, 0);
    uint32_t feat = rd(d, R_DEV_FEATURES);
    d->ro = (feat >> BLK_F_RO) & 1;
    wr(d, R_DRV_FEAT_SEL, 0);
    wr(d, R_DRV_FEATURES, feat & (1u << BLK_F_RO));
    if (d->version >= 2) {
        wr(d, R_DEV_FEAT_SEL, 1);
        if (!(rd(d, R_DEV_FEATURES) & (1u << (F_VERSION_1 - 32))))
            return -EIO;
        wr(d, R_DRV_FEAT_SEL, 1);
        wr(d, R_DRV_FEATURES, 1u << (F_VERSION_1 - 32));
        wr(d, R_STATUS, ST_ACK | ST_DRIVER | ST_FEATURES_OK);
        if (!(rd(d, R_STATUS) & ST_FEATURES_OK))
            return -EIO;
    }

    for (uint32_t i = 0; i < 3 * PAGE_SIZE / 4; i++)
        ((volatile uint32_t *)d->va)[i] = 0;
    d->avail_idx = d->used_seen = 0;

    wr(d, R_QUEUE_SEL, 0);
    uint32_t max = rd(d, R_QUEUE_MAX);
    if (max < QSIZE)
        return -EIO;
    if (d->version == 1) {
        wr(d, R_GUEST_PAGE, PAGE_SIZE);
        wr(d, R_QUEUE_NUM, QSIZE);
        wr(d, R_QUEUE_ALIGN, PAGE_SIZE);
        wr(d, R_QUEUE_PFN, d->pa / PAGE_SIZE);
    } else {
        if (rd(d, R_QUEUE_READY))
            return -EIO;
        phys_bytes avail = d->pa + sizeof(struct vring_desc) * QSIZE, used = d->pa + PAGE_SIZE;
        wr(d, R_QUEUE_NUM, QSIZE);
        wr(d, R_DESC_LO, (uint32_t)d->pa);
        wr(d, R_DESC_HI, 0);
        wr(d, R_AVAIL_LO, (uint32_t)avail);
        wr(d, R_AVAIL_HI, 0);
        wr(d, R_USED_LO, (uint32_t)used);
        wr(d, R_USED_HI, 0);
        wr(d, R_QUEUE_READY, 1);
    }
    barrier();
    wr(d, R_STATUS, rd(d, R_STATUS) | ST_DRIVER_OK);
    if (rd(d, R_STATUS) & ST_FAILED)
        return -EIO;
    return OK;
}

/* Puts one request for `n` bytes at `sector` on the device (the data already in the bounce
 * buffer for a write). */
static void submit(struct vdev *d, int write, uint64_t sector, uint32_t n)
{
    phys_bytes hdr = d->pa + 2 * PAGE_SIZE, data = d->pa + 3 * PAGE_SIZE;
    d->hdr->type = write ? BLK_T_OUT : BLK_T_IN;
    d->hdr->reserved = 0;
    d->hdr->sector = sector;
    *d->status = 0xff;
    d->desc[0] = (struct vring_desc){ hdr, sizeof(struct blk_req_hdr), VRING_DESC_F_NEXT, 1 };
    d->desc[1] = (struct vring_desc){ data, n, VRING_DESC_F_NEXT | (write ? 0 : VRING_DESC_F_WRITE), 2 };
    d->desc[2] = (struct vring_desc){ hdr + 64, 1, VRING_DESC_F_WRITE, 0 };
    d->avail->ring[d->avail_idx % QSIZE] = 0;
    barrier();
    d->avail->idx = ++d->avail_idx;
    barrier();
    wr(d, R_QUEUE_NOTIFY, 0);
}

static void start_next(void);

static void finish(int status)
{
    driver_reply(cur.caller, status);
    cur_active = 0;
    sys_setalarm(0);
    start_next();
}

/* Starts the current request's next chunk; an error ends the request. */
static void start_chunk(void)
{
    struct vdev *d = &devs[cur.minor];
    if (d->broken) {
        finish(-EIO);
        return;
    }
    uint32_t n = cur.count - cur.done < BOUNCE ? cur.count - cur.done : BOUNCE;
    if (cur.write) {
        int r = sys_safecopyfrom(cur.caller, cur.grant, cur.done, staging, n);
        if (r != OK) {
            finish(r);
            return;
        }
        copy_to_dma(d->data, staging, n);
    }
    cur.chunk = n;
    submit(d, cur.write, (cur.pos + cur.done) / SECTOR, n);
    sys_setalarm(TIMEOUT_S * hz);
}

static void start_next(void)
{
    while (!cur_active && pend_count > 0) {
        cur = pending[pend_head];
        pend_head = (pend_head + 1) % MAX_PENDING;
        pend_count--;
        cur_active = 1;
        start_chunk();
    }
}

/* The device finished the current chunk if the used ring moved: go on with the request.
 * Returns 1 if it had. */
static int check_done(struct vdev *d)
{
    barrier();
    if (!cur_active || &devs[cur.minor] != d || d->used->idx == d->used_seen)
        return 0;
    d->used_seen = d->used->idx;
    barrier();
    if (*d->status != BLK_S_OK) {
        log_printf("virtio_blk: device %u: %s of sector %u failed: status %u\n", cur.minor,
                   cur.write ? "write" : "read", (unsigned)((cur.pos + cur.done) / SECTOR),
                   (unsigned)*d->status);
        finish(-EIO);
        return 1;
    }
    if (!cur.write) {
        copy_from_dma(staging, d->data, cur.chunk);
        int r = sys_safecopyto(cur.caller, cur.grant, cur.done, staging, cur.chunk);
        if (r != OK) {
            finish(r);
            return 1;
        }
    }
    cur.done += cur.chunk;
    if (cur.done < cur.count)
        start_chunk();
    else
        finish((int)cur.done);
    return 1;
}

static void vblk_interrupt(uint32_t bits)
{
    for (unsigned i = 0; i < nr_devs; i++) {
        if (!(bits & (1u << i)))
            continue;
        struct vdev *d = &devs[i];
        wr(d, R_INT_ACK, rd(d, R_INT_STATUS));
        check_done(d);
        sys_irqctl(IRQ_ENABLE, d->irq, 0);
    }
}

static void vblk_alarm(void)
{
    if (!cur_active)
        return;
    struct vdev *d = &devs[cur.minor];
    if (check_done(d))
        return;   /* a lost interrupt: the request went on */
    log_printf("virtio_blk: device %u: no answer in %u s, resetting it\n", cur.minor, TIMEOUT_S);
    d->broken = setup_device(d) != OK;
    finish(-EIO);
}

static int vblk_open(unsigned minor, uint32_t access)
{
    if (minor >= nr_devs)
        return -ENXIO;
    if ((access & DEV_ACCESS_WRITE) && devs[minor].ro)
        return -EPERM;
    return OK;
}

static int vblk_transfer(unsigned minor, int write, uint64_t pos, endpoint_t caller,
                         grant_id_t grant, uint32_t count)
{
    if (minor >= nr_devs)
        return -ENXIO;
    struct vdev *d = &devs[minor];
    if (pos % SECTOR || count % SECTOR)
        return -EINVAL;
    if (write && d->ro)
        return -EPERM;
    uint64_t size = d->sectors * SECTOR;
    if (pos >= size || count == 0)
        return 0;   /* the end of the device */
    if (count > size - pos)
        count = (uint32_t)(size - pos);
    if (pend_count == MAX_PENDING)
        return -EBUSY;
    pending[(pend_head + pend_count++) % MAX_PENDING] =
        (struct request){ caller, grant, minor, write, pos, count, 0, 0 };
    start_next();
    return DRIVER_SUSPEND;   /* answered when the device is done */
}

static int overlaps_vm_memory(phys_bytes base, phys_bytes limit)
{
    struct mem_range map[MEMMAP_MAX];
    int n = sys_getinfo(GET_MEMMAP, 0, map, sizeof map);
    if (n < 0)
        return 1;
    for (int i = 0; i < n && i < MEMMAP_MAX; i++)
        if (map[i].base < limit && base < map[i].limit)
            return 1;
    return 0;
}

static int vblk_init(int argc, char **argv)
{
    struct machine_info mi;
    if (sys_machine(&mi) == OK && mi.hz)
        hz = mi.hz;
    for (unsigned i = 0; i < sizeof staging; i += PAGE_SIZE)
        staging[i] = 0;   /* present before the kernel copies into it */
    if (argc < 6)
        return -EINVAL;
    phys_bytes mmio = parse_number(argv[1]);
    unsigned slots = parse_number(argv[2]), irq0 = parse_number(argv[3]);
    phys_bytes dma = parse_number(argv[4]);
    uint32_t dma_len = parse_number(argv[5]);
    if (slots == 0 || slots > 64)
        return -EINVAL;

    /* The board's slots, then the block devices among them. */
    uint32_t mmio_len = PAGE_UP(slots * SLOT_SIZE);
    int r = sys_physmap(mmio, MMIO_VA, mmio_len);
    if (r != OK) {
        log_printf("virtio_blk: cannot map the virtio-mmio slots at 0x%08x: %s\n", (unsigned)mmio,
                   err_name(r));
        return OK;   /* no devices: every request gets ENXIO */
    }
    unsigned found = 0;
    for (unsigned s = 0; s < slots && found < MAX_DEVS; s++) {
        volatile uint32_t *regs = (volatile uint32_t *)(uintptr_t)(MMIO_VA + s * SLOT_SIZE);
        uint32_t version = regs[R_VERSION / 4];
        if (regs[R_MAGIC / 4] != VIRTIO_MAGIC || regs[R_DEVICE_ID / 4] != VIRTIO_ID_BLOCK)
            continue;
        if (version != 1 && version != 2) {
            log_printf("virtio_blk: slot %u: virtio-mmio version %u not supported\n", s,
                       (unsigned)version);
            continue;
        }
        devs[found++] = (struct vdev){ .regs = regs, .slot = s, .irq = irq0 + s, .version = version };
    }
    if (found == 0) {
        log_printf("virtio_blk: no virtio block device\n");
        return OK;
    }

    /* Memory for the rings and bounce buffers, which must be nobody else's. */
    if (dma % PAGE_SIZE || dma_len < DEV_DMA || dma + dma_len < dma) {
        log_printf("virtio_blk: bad DMA range 0x%08x+0x%x\n", (unsigned)dma, (unsigned)dma_len);
        return OK;
    }
    if (overlaps_vm_memory(dma, dma + dma_len)) {
        log_printf("virtio_blk: DMA range 0x%08x-0x%08x is memory VM hands out: not using it\n",
                   (unsigned)dma, (unsigned)(dma + dma_len));
        return OK;
    }
    r = sys_physmap(dma, DMA_VA, PAGE_DOWN(dma_len));
    if (r != OK) {
        log_printf("virtio_blk: cannot map the DMA range 0x%08x: %s\n", (unsigned)dma, err_name(r));
        return OK;
    }
    if (found > dma_len / DEV_DMA)
        found = dma_len / DEV_DMA;

    for (unsigned i = 0; i < found; i++) {
        struct vdev *d = &devs[nr_devs];
        *d = devs[i];
        d->pa = dma + i * DEV_DMA;
        d->va = (uint8_t *)(uintptr_t)(DMA_VA + i * DEV_DMA);
        d->desc = (volatile struct vring_desc *)d->va;
        d->avail = (volatile struct vring_avail *)(d->va + sizeof(struct vring_desc) * QSIZE);
        d->used = (volatile struct vring_used *)(d->va + PAGE_SIZE);
        d->hdr = (volatile struct blk_req_hdr *)(d->va + 2 * PAGE_SIZE);
        d->status = d->va + 2 * PAGE_SIZE + 64;
        d->data = (volatile uint32_t *)(void *)(d->va + 3 * PAGE_SIZE);
        r = setup_device(d);
        if (r == OK)
            r = sys_irqctl(IRQ_SETPOLICY, d->irq, nr_devs);
        if (r != OK) {
            wr(d, R_STATUS, ST_FAILED);
            log_printf("virtio_blk: slot %u: cannot set up the device: %s\n", d->slot, err_name(r));
            continue;
        }
        d->sectors = (uint64_t)rd(d, R_CONFIG) | (uint64_t)rd(d, R_CONFIG + 4) << 32;
        log_printf("virtio_blk: minor %u: slot %u (0x%08x, irq %u), virtio-mmio v%u, %u sectors%s\n",
                   nr_devs, d->slot, (unsigned)(mmio + d->slot * SLOT_SIZE), d->irq,
                   d->version, (unsigned)d->sectors, d->ro ? ", read-only" : "");
        nr_devs++;
    }
    return OK;
}

static const struct driver vblk_driver = {
    .name = "virtio_blk",
    .init = vblk_init,
    .open = vblk_open,
    .transfer = vblk_transfer,
    .interrupt = vblk_interrupt,
    .alarm = vblk_alarm,
};

int main(int argc, char **argv)
{
    driver_task(&vblk_driver, argc, argv);
}
