/* blktest: the virtio block driver. It looks for the test disk among the driver's minors
 * (sector 0 starts with "PHOENIX-BLKTEST <sectors>", written by
 * drivers/virtio_blk/mktestdisk.py), checks the pattern the host wrote (sector s, byte i
 * is (s * 7 + i) & 0xff for s >= 1), writes and reads back sectors, reads at and across the
 * end, and tries bad requests. Nothing is written to a disk without the signature (the
 * U-Boot boot disk is a virtio disk too). With no test disk it says so and checks nothing. */
#include <testjob.h>

#define SECTOR 512u
#define SIGNATURE "PHOENIX-BLKTEST "

static endpoint_t drv;
static uint8_t buf[128 * 1024 + SECTOR];

static int dev(int type, unsigned minor, uint64_t pos, grant_id_t g, uint32_t count)
{
    message m = { 0 };
    m.m_type = type;
    m.m.dev.minor = minor;
    m.m.dev.pos = pos;
    m.m.dev.grant = g;
    m.m.dev.count = count;
    int r = ipc_sendrec(drv, &m);
    return r != OK ? r : m.m_type;
}

static int io(int type, unsigned minor, uint64_t pos, uint32_t count)
{
    grant_id_t g = grant_make(drv, buf, sizeof buf, type == DEV_READ ? GRANT_WRITE : GRANT_READ);
    int r = dev(type, minor, pos, g, count);
    grant_revoke(g);
    return r;
}

static uint8_t host_byte(uint32_t sector, uint32_t i) { return (uint8_t)(sector * 7 + i); }
static uint8_t our_byte(uint32_t sector, uint32_t i) { return (uint8_t)(sector * 13 + i * 3 + 1); }

/* The number of sectors the signature gives, or 0 if minor is not the test disk. */
static uint32_t test_disk(unsigned minor)
{
    if (dev(DEV_OPEN, minor, 0, 0, 0) != OK || io(DEV_READ, minor, 0, SECTOR) != (int)SECTOR)
        return 0;
    const char *sig = SIGNATURE;
    unsigned i = 0;
    for (; sig[i]; i++)
        if (buf[i] != (uint8_t)sig[i])
            return 0;
    uint32_t n = 0;
    while (buf[i] >= '0' && buf[i] <= '9')
        n = n * 10 + (uint32_t)(buf[i++] - '0');
    return n;
}

static int pattern_ok(uint32_t first, uint32_t count, uint8_t (*byte)(uint32_t, uint32_t))
{
    for (uint32_t s = 0; s < count; s++)
        for (uint32_t i = 0; i < SECTOR; i++)
            if (buf[s * SECTOR + i] != byte(first + s, i))
                return 0;
    return 1;
}

static void fill(uint32_t first, uint32_t count, uint8_t (*byte)(uint32_t, uint32_t))
{
    for (uint32_t s = 0; s < count; s++)
        for (uint32_t i = 0; i < SECTOR; i++)
            buf[s * SECTOR + i] = byte(first + s, i);
}

int main(void)
{
    job_start("blktest");
    check("DS names the virtio_blk driver", ds_lookup("virtio_blk", &drv) == OK);
    unsigned minor = 0;
    uint32_t sectors = 0;
    for (; minor < 4 && !sectors; minor++)
        sectors = test_disk(minor);
    minor--;
    if (!sectors || sectors < 512) {
        log_printf("blktest: no test disk, nothing checked\n");
        return job_done();
    }
    log_printf("blktest: the test disk is minor %u, %u sectors\n", minor, (unsigned)sectors);

    check("reads the host's pattern (sectors 1-8)",
          io(DEV_READ, minor, SECTOR, 8 * SECTOR) == (int)(8 * SECTOR) && pattern_ok(1, 8, host_byte));

    fill(300, 4, our_byte);
    check("a write of 4 sectors", io(DEV_WRITE, minor, 300 * SECTOR, 4 * SECTOR) == (int)(4 * SECTOR));
    for (unsigned i = 0; i < 4 * SECTOR; i++)
        buf[i] = 0;
    check("reads back what was written",
          io(DEV_READ, minor, 300 * SECTOR, 4 * SECTOR) == (int)(4 * SECTOR) && pattern_ok(300, 4, our_byte));

    uint32_t big = 256;   /* 128 KiB: more than one bounce buffer */
    fill(40, big, our_byte);
    check("a write of 128 KiB", io(DEV_WRITE, minor, 40 * SECTOR, big * SECTOR) == (int)(big * SECTOR));
    for (unsigned i = 0; i < big * SECTOR; i++)
        buf[i] = 0;
    check("reads back 128 KiB",
          io(DEV_READ, minor, 40 * SECTOR, big * SECTOR) == (int)(big * SECTOR) && pattern_ok(40, big, our_byte));
    check("the host's pattern is still there",
          io(DEV_READ, minor, SECTOR, 8 * SECTOR) == (int)(8 * SECTOR) && pattern_ok(1, 8, host_byte));

    fill(sectors - 1, 1, our_byte);
    check("a write of the last sector", io(DEV_WRITE, minor, (uint64_t)(sectors - 1) * SECTOR, SECTOR) == (int)SECTOR);
    check("a read across the end gives what is left",
          io(DEV_READ, minor, (uint64_t)(sectors - 1) * SECTOR, 4 * SECTOR) == (int)SECTOR &&
          pattern_ok(sectors - 1, 1, our_byte));
    check("a read at the end of the device gives 0 bytes",
          io(DEV_READ, minor, (uint64_t)sectors * SECTOR, SECTOR) == 0);
    check("a read far past the end gives 0 bytes", io(DEV_READ, minor, 1ull << 40, SECTOR) == 0);
    check("an unaligned position gives EINVAL", io(DEV_READ, minor, 100, SECTOR) == -EINVAL);
    check("an unaligned count gives EINVAL", io(DEV_READ, minor, 0, 100) == -EINVAL);
    check("a bad minor gives ENXIO", dev(DEV_OPEN, 9, 0, 0, 0) == -ENXIO);
    check("a bad grant gives ENOGRANT", dev(DEV_READ, minor, 0, 12345, SECTOR) == -ENOGRANT);
    check("a read-only grant cannot be written", dev(DEV_READ, minor, 0,
          grant_make(drv, buf, SECTOR, GRANT_READ), SECTOR) == -EACCES);
    check("the driver still works after errors",
          io(DEV_READ, minor, SECTOR, SECTOR) == (int)SECTOR && pattern_ok(1, 1, host_byte));
    return job_done();
}
