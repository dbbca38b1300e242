/* The block-driver layer: checks and queues DEV_READ and DEV_WRITE, copies each chunk
 * between the caller's grant and the unit's buffer, answers DIOCGETSIZE, and tries again a
 * chunk the device does not finish in time (a lost interrupt after a restart), then fails
 * it, so that no caller waits forever. A disk's MBR partitions are units of their own. */
#include "blockdev.h"
#include <string.h>

#define QUEUE_MAX 16

struct unit {
    uint64_t sectors;
    int readonly;
    uint8_t *buf;
    uint32_t buf_size;
    unsigned disk;            /* the unit the driver knows: itself, or a partition's disk */
    uint64_t first;           /* where a partition starts on its disk */
};

struct request {
    endpoint_t caller;
    grant_id_t grant;
    unsigned unit;
    int write;
    uint64_t pos;
    uint32_t count, done, chunk;
    struct dev_req req;       /* whom to answer */
    unsigned tries;           /* of the current chunk */
};

static const struct blockdev_ops *ops;
static struct unit units[BLOCK_UNITS_MAX];
static unsigned nr_units;
static struct request cur;             /* its chunk is on the device while busy */
static int busy;
static uint64_t deadline;              /* uptime tick by which the chunk must be done */
static uint32_t chunks_started;        /* tells one chunk from the next */
static int device_worked;              /* a chunk finished well for this instance */
static uint32_t read_mark;             /* in every sector of a read chunk until it arrives */
static int told_checked;               /* blockdev_check found the chunk on the device */
static struct request queue[QUEUE_MAX];
static unsigned queue_head, queue_len;

int blockdev_unit(uint64_t sectors, int readonly, void *buf, uint32_t buf_size)
{
    if (nr_units == BLOCK_UNITS_MAX)
        return -ENOSPC;
    if (buf_size < BLOCK_SECTOR || buf_size % BLOCK_SECTOR)
        return -EINVAL;
    units[nr_units] = (struct unit){ sectors, readonly, buf, buf_size, nr_units, 0 };
    return (int)nr_units++;
}

#define MBR_TABLE     446
#define MBR_ENTRIES   4
#define MBR_SIGNATURE 510

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* A boot sector of a file system also ends in 55 aa; its bytes where the table would be
 * are code, whose "boot flags" are seldom all 0x00 or 0x80. */
static int is_mbr(const uint8_t *s)
{
    if (s[MBR_SIGNATURE] != 0x55 || s[MBR_SIGNATURE + 1] != 0xaa)
        return 0;
    for (unsigned i = 0; i < MBR_ENTRIES; i++) {
        uint8_t flag = s[MBR_TABLE + 16 * i];
        if (flag != 0x00 && flag != 0x80)
            return 0;
    }
    return 1;
}

/* An entry that is empty, extended (its logical partitions are not read), a GPT's guard, or
 * past the disk's end gets a unit of no sectors, so that minors keep to the table's order. */
static uint64_t entry_sectors(const struct unit *d, const uint8_t *e, uint64_t *first)
{
    uint8_t type = e[4];
    *first = le32(e + 8);
    uint64_t n = le32(e + 12);
    if (type == 0 || type == 0x05 || type == 0x0f || type == 0x85 || type == 0xee)
        return 0;
    return *first + n <= d->sectors ? n : 0;
}

int blockdev_partitions(unsigned disk, const uint8_t *sector0)
{
    if (disk >= nr_units || !is_mbr(sector0))
        return 0;
    if (nr_units + MBR_ENTRIES > BLOCK_UNITS_MAX)
        return -ENOSPC;
    const struct unit *d = &units[disk];
    int found = 0;
    for (unsigned i = 0; i < MBR_ENTRIES; i++) {
        uint64_t first;
        uint64_t n = entry_sectors(d, sector0 + MBR_TABLE + 16 * i, &first);
        units[nr_units++] = (struct unit){ n, d->readonly, d->buf, d->buf_size, disk, first };
        found += n > 0;
    }
    return found;
}

static uint64_t uptime(uint32_t *hz)
{
    struct kc_times t;
    if (sys_times(SELF, &t) != OK)
        return 0;
    if (hz)
        *hz = t.hz;
    return t.uptime;
}

static void start_next(void);

static void finish(int status)
{
    driver_reply(&cur.req, status);
    busy = 0;
    start_next();
    if (!busy)
        sys_setalarm(0);
}

/* A read's buffer is marked in every sector before the device fills it, and the marks must
 * be gone when it says it has: a driver a flipped bit has broken may tell the device to put
 * the data elsewhere, or nowhere, and still see success; the caller would get old data. */
static uint32_t mark_of(uint32_t chunk)
{
    return (chunk + 1) * 0x9e3779b9u | 0x01010101u;   /* no zero byte: zeroed sectors differ */
}

static void mark_sectors(uint8_t *buf, uint32_t bytes, uint32_t mark)
{
    for (uint32_t s = 0; s < bytes; s += BLOCK_SECTOR) {
        memcpy(buf + s, &mark, sizeof mark);
        uint32_t tail = ~mark;
        memcpy(buf + s + BLOCK_SECTOR - sizeof tail, &tail, sizeof tail);
    }
}

static int sectors_filled(const uint8_t *buf, uint32_t bytes, uint32_t mark)
{
    for (uint32_t s = 0; s < bytes; s += BLOCK_SECTOR) {
        uint32_t head, tail;
        memcpy(&head, buf + s, sizeof head);
        memcpy(&tail, buf + s + BLOCK_SECTOR - sizeof tail, sizeof tail);
        if (head == mark && tail == ~mark)
            return 0;
    }
    return 1;
}

/* Puts the current request's next chunk on the device; an error ends the request. */
static void start_chunk(void)
{
    struct unit *u = &units[cur.unit];
    uint32_t n = cur.count - cur.done < u->buf_size ? cur.count - cur.done : u->buf_size;
    int r = OK;
    if (cur.write)
        r = sys_safecopyfrom(cur.caller, cur.grant, cur.done, u->buf, n);
    else
        mark_sectors(u->buf, n, read_mark = mark_of(chunks_started));
    cur.chunk = n;
    told_checked = 0;
    if (r == OK)
        r = ops->start(u->disk, cur.write,
                       u->first + (cur.pos + cur.done) / BLOCK_SECTOR + fi_misdirecting, n);
    if (r != OK) {
        finish(r);
        return;
    }
    chunks_started++;
    uint32_t hz = 100;
    uint64_t now = uptime(&hz);
    uint32_t ticks = BLOCK_TIMEOUT_MS * hz / 1000;
    deadline = now + ticks;
    sys_setalarm(ticks);
}

static void start_next(void)
{
    while (!busy && queue_len > 0) {
        cur = queue[queue_head];
        queue_head = (queue_head + 1) % QUEUE_MAX;
        queue_len--;
        busy = 1;
        start_chunk();
    }
}

/* The chunk again, from the request rather than from what start_chunk passed on: a flipped
 * bit in one of the two computations makes them differ. */
void blockdev_check(const struct blockdev_told *told)
{
    const struct unit *u = &units[cur.unit];
    uint32_t left = cur.count - cur.done;
    uint32_t bytes = u->buf_size < left ? u->buf_size : left;
    uint64_t sector = (cur.pos + cur.done) / BLOCK_SECTOR + u->first;
    if (busy && told->write == cur.write && told->sector == sector && told->bytes == bytes) {
        told_checked = 1;
        return;
    }
    log_printf("%s: the device was told to %s %u bytes at sector %u, but the request is to %s "
               "%u at %u; ending for a fresh copy\n", ops->name,
               told->write == 1 ? "write" : told->write == 0 ? "read" : "move in no known direction",
               (unsigned)told->bytes, (unsigned)told->sector, cur.write ? "write" : "read",
               (unsigned)bytes, (unsigned)sector);
    sys_exit(1);
}

void blockdev_done(int status)
{
    if (!busy)
        return;
    if (status == OK && !told_checked) {   /* skipped: the data may have gone anywhere */
        log_printf("%s: a chunk ended that was never checked on the device; ending for a "
                   "fresh copy\n", ops->name);
        sys_exit(1);
    }
    if (status == OK && !cur.write &&
        !sectors_filled(units[cur.unit].buf, cur.chunk, read_mark)) {
        log_printf("%s: the device says it read %u bytes, but left some sectors "
                   "unwritten\n", ops->name, (unsigned)cur.chunk);
        status = -EIO;
    }
    if (status == OK && !cur.write)
        status = sys_safecopyto(cur.caller, cur.grant, cur.done, units[cur.unit].buf, cur.chunk);
    if (status != OK) {
        finish(status);
        return;
    }
    cur.done += cur.chunk;
    cur.tries = 0;
    device_worked = 1;
    if (cur.done < cur.count)
        start_chunk();
    else
        finish((int)cur.done);
}

static int block_open(unsigned minor, uint32_t access)
{
    if (minor >= nr_units)
        return -ENXIO;
    return (access & DEV_ACCESS_WRITE) && units[minor].readonly ? -EROFS : OK;
}

/* Positions and counts are whole sectors; what lies past the end is not there (0 bytes). */
static int block_transfer(unsigned minor, int write, uint64_t pos, endpoint_t caller,
                          grant_id_t grant, uint32_t count)
{
    if (minor >= nr_units)
        return -ENXIO;
    struct unit *u = &units[minor];
    if (pos % BLOCK_SECTOR || count % BLOCK_SECTOR)
        return -EINVAL;
    if (write && u->readonly)
        return -EROFS;
    uint64_t size = u->sectors * BLOCK_SECTOR;
    if (pos >= size || count == 0)
        return 0;
    if (count > size - pos)
        count = (uint32_t)(size - pos);
    if (queue_len == QUEUE_MAX)
        return -EBUSY;
    queue[(queue_head + queue_len++) % QUEUE_MAX] =
        (struct request){ caller, grant, minor, write, pos, count, 0, 0, *driver_current(), 0 };
    start_next();
    return DRIVER_SUSPEND;   /* answered when the device is done */
}

static int block_ioctl(unsigned minor, uint32_t request, endpoint_t caller, grant_id_t grant)
{
    if (minor >= nr_units)
        return -ENXIO;
    if (request != DIOCGETSIZE)
        return -ENOTTY;
    uint64_t bytes = units[minor].sectors * BLOCK_SECTOR;
    return sys_safecopyto(caller, grant, 0, &bytes, sizeof bytes);
}

/* The device worked for this instance and no longer does, even after resets: the fault may
 * be in the driver (a flipped bit in its code that still answers heartbeats). It ends, and
 * RS starts a fresh copy from the boot image, to which the caller repeats the request; a
 * fresh copy that never gets the device to work fails its requests with EIO instead. */
static void doubt_itself(void)
{
    log_printf("%s: the device stopped answering after it worked; ending for a fresh copy\n",
               ops->name);
    sys_exit(1);
}

/* An alarm for an earlier chunk can arrive after a new one started: only a chunk past its
 * deadline is given up. */
static void block_alarm(void)
{
    if (!busy)
        return;
    uint64_t now = uptime(NULL);
    if (now < deadline) {
        sys_setalarm((uint32_t)(deadline - now));
        return;
    }
    uint32_t chunk = chunks_started;
    ops->timeout(units[cur.unit].disk);
    if (!busy || chunks_started != chunk)
        return;   /* the timeout found it done */
    int again = ++cur.tries < BLOCK_TRIES;
    log_printf("%s: unit %u: no answer from the device in %u ms at sector %u; %s\n", ops->name,
               cur.unit, BLOCK_TIMEOUT_MS, (unsigned)((cur.pos + cur.done) / BLOCK_SECTOR),
               again ? "trying again" : "giving up");
    if (again)
        start_chunk();
    else if (device_worked)
        doubt_itself();
    else
        finish(-EIO);
}

static void block_interrupt(uint32_t bits)
{
    if (ops->interrupt)
        ops->interrupt(bits);
}

static int block_init(int argc, char **argv)
{
    return ops->init(argc, argv);
}

_Noreturn void blockdev_task(const struct blockdev_ops *o, int argc, char **argv)
{
    static struct driver d;
    ops = o;
    busy = 0;                 /* a fresh instance: nothing queued, nothing worked yet */
    queue_len = 0;
    device_worked = 0;
    d = (struct driver){
        .name = o->name,
        .init = block_init,
        .open = block_open,
        .transfer = block_transfer,
        .ioctl = block_ioctl,
        .interrupt = block_interrupt,
        .alarm = block_alarm,
    };
    driver_task(&d, argc, argv);
}
