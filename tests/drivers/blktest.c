/* blktest: the block drivers named in its arguments, each on the test disk boot/qemu.py
 * attaches to it (boot/mktestdisk.py: sector 0 says "PHOENIX-BLKTEST <sectors> <bad sector>",
 * sector s of the first 2048 holds (s * 7 + i) & 0xff, every read of the bad sector fails).
 * Per driver: its size, the host's pattern, writes read back (one beyond LBA28's reach, one
 * across the end), the bad sector, bad requests, and a restart by RS. Nothing is written to
 * a disk without the signature (the U-Boot boot disk is a virtio disk too). An argument
 * LABEL:no-media-errors leaves out the bad sector, for a disk that cannot fail a read. */
#include <testjob.h>
#include <string.h>
#include "../../lib/common/fmt.h"

#define SECTOR     512u
#define SIGNATURE  "PHOENIX-BLKTEST "
#define MINORS     8
#define LBA28_END  (1u << 28)

static const char *label;
static int media_errors;      /* the test disk's bad sector fails reads */
static endpoint_t drv;
static uint8_t buf[128 * 1024 + SECTOR];

static void expect(const char *what, int ok)
{
    char line[128];
    fmt_snprintf(line, sizeof line, "%s: %s", label, what);
    check(line, ok);
}

static int dev(int type, unsigned minor, uint64_t pos, grant_id_t g, uint32_t count)
{
    return t_dev(drv, type, minor, pos, g, count);
}

static int io(int type, unsigned minor, uint64_t pos, uint32_t count)
{
    return t_dev_io(drv, type, minor, pos, buf, sizeof buf, count);
}

static uint64_t number(const uint8_t **p)
{
    uint64_t n = 0;
    while (**p >= '0' && **p <= '9')
        n = n * 10 + (uint64_t)(*(*p)++ - '0');
    while (**p == ' ')
        (*p)++;
    return n;
}

/* Whether minor is the test disk; if so its size and bad sector from the signature. */
static int test_disk(unsigned minor, uint64_t *sectors, uint64_t *bad)
{
    if (dev(DEV_OPEN, minor, 0, 0, 0) != OK || io(DEV_READ, minor, 0, SECTOR) != (int)SECTOR)
        return 0;
    const char *sig = SIGNATURE;
    for (unsigned i = 0; sig[i]; i++)
        if (buf[i] != (uint8_t)sig[i])
            return 0;
    const uint8_t *p = buf + sizeof SIGNATURE - 1;
    *sectors = number(&p);
    *bad = number(&p);
    return *sectors > LBA28_END && *bad > 0;
}

static uint8_t host_byte(uint64_t sector, uint32_t i) { return (uint8_t)(sector * 7 + i); }
static uint8_t our_byte(uint64_t sector, uint32_t i) { return (uint8_t)(sector * 13 + i * 3 + 1); }

static int pattern_ok(uint64_t first, uint32_t count, uint8_t (*byte)(uint64_t, uint32_t))
{
    for (uint32_t s = 0; s < count; s++)
        for (uint32_t i = 0; i < SECTOR; i++)
            if (buf[s * SECTOR + i] != byte(first + s, i))
                return 0;
    return 1;
}

static void fill(uint64_t first, uint32_t count, uint8_t (*byte)(uint64_t, uint32_t))
{
    for (uint32_t s = 0; s < count; s++)
        for (uint32_t i = 0; i < SECTOR; i++)
            buf[s * SECTOR + i] = byte(first + s, i);
}

/* Writes count sectors of our pattern at first and reads them back over a cleared buffer. */
static void write_read(unsigned minor, const char *what, uint64_t first, uint32_t count)
{
    char line[96];
    int bytes = (int)(count * SECTOR);
    fill(first, count, our_byte);
    fmt_snprintf(line, sizeof line, "a write %s", what);
    expect(line, io(DEV_WRITE, minor, first * SECTOR, count * SECTOR) == bytes);
    for (uint32_t i = 0; i < count * SECTOR; i++)
        buf[i] = 0;
    fmt_snprintf(line, sizeof line, "reads back the write %s", what);
    expect(line, io(DEV_READ, minor, first * SECTOR, count * SECTOR) == bytes &&
           pattern_ok(first, count, our_byte));
}

static int host_pattern(unsigned minor)
{
    return io(DEV_READ, minor, SECTOR, 8 * SECTOR) == (int)(8 * SECTOR) &&
           pattern_ok(1, 8, host_byte);
}

static uint64_t disk_size(unsigned minor)
{
    uint64_t bytes = 0;
    grant_id_t g = grant_make(drv, &bytes, sizeof bytes, GRANT_WRITE);
    message m = { 0 };
    m.m.dev.minor = minor;
    m.m.dev.request = DIOCGETSIZE;
    m.m.dev.grant = g;
    int r = call(drv, &m, DEV_IOCTL);
    grant_revoke(g);
    return r == OK ? bytes : 0;
}

static void test_transfers(unsigned minor, uint64_t sectors, uint64_t bad)
{
    expect("reads the host's pattern (sectors 1-8)", host_pattern(minor));
    write_read(minor, "of 4 sectors", 300, 4);
    write_read(minor, "of 128 KiB", 40, 256);
    expect("the host's pattern is still there", host_pattern(minor));
    write_read(minor, "beyond LBA28's reach", LBA28_END + 10, 3);
    if (media_errors) {
        expect("a read of the bad sector gives EIO", io(DEV_READ, minor, bad * SECTOR, SECTOR) == -EIO);
        expect("a read across the bad sector gives EIO",
               io(DEV_READ, minor, (bad - 2) * SECTOR, 8 * SECTOR) == -EIO);
    } else {
        log_printf("blktest: %s: the bad sector checks left out: its disk cannot fail a read\n",
                   label);
    }
    write_read(minor, "of the last sector", sectors - 1, 1);
    buf[0] = (uint8_t)~buf[0];
    expect("a read across the end gives what is left",
           io(DEV_READ, minor, (sectors - 1) * SECTOR, 4 * SECTOR) == (int)SECTOR &&
           pattern_ok(sectors - 1, 1, our_byte));
    expect("a read at the end gives 0 bytes", io(DEV_READ, minor, sectors * SECTOR, SECTOR) == 0);
    expect("a read far past the end gives 0 bytes", io(DEV_READ, minor, 1ull << 50, SECTOR) == 0);
}

static void test_refusals(unsigned minor)
{
    expect("an unaligned position gives EINVAL", io(DEV_READ, minor, 100, SECTOR) == -EINVAL);
    expect("an unaligned count gives EINVAL", io(DEV_READ, minor, 0, 100) == -EINVAL);
    expect("a bad minor gives ENXIO", dev(DEV_OPEN, MINORS + 1, 0, 0, 0) == -ENXIO &&
           io(DEV_READ, MINORS + 1, 0, SECTOR) == -ENXIO);
    expect("a bad grant gives ENOGRANT", dev(DEV_READ, minor, 0, 12345, SECTOR) == -ENOGRANT);
    grant_id_t ro = grant_make(drv, buf, SECTOR, GRANT_READ);
    expect("a read-only grant cannot be written", dev(DEV_READ, minor, 0, ro, SECTOR) == -EACCES);
    grant_revoke(ro);
    message m = { 0 };
    m.m.dev.minor = minor;
    m.m.dev.request = 0x1234;
    expect("an unknown ioctl gives ENOTTY", call(drv, &m, DEV_IOCTL) == -ENOTTY);
    expect("the driver still works after errors", host_pattern(minor));
}

/* The driver starts again under a new endpoint and sets the device up anew. */
static void test_restart(unsigned minor)
{
    endpoint_t old = drv;
    expect("RS restarts the driver", t_rs(RS_RESTART, label) == OK &&
           (drv = t_next_endpoint(label, old)) != NONE);
    expect("after the restart it reads the host's pattern", host_pattern(minor));
    for (uint32_t i = 0; i < 4 * SECTOR; i++)
        buf[i] = 0;
    expect("and what was written before", io(DEV_READ, minor, 300 * SECTOR, 4 * SECTOR) ==
           (int)(4 * SECTOR) && pattern_ok(300, 4, our_byte));
}

static void test_driver(void)
{
    unsigned minor = 0;
    uint64_t sectors = 0, bad = 0;
    expect("DS names the driver", ds_lookup(label, &drv) == OK);
    while (minor < MINORS && !test_disk(minor, &sectors, &bad))
        minor++;
    expect("the test disk is one of its minors", minor < MINORS);
    if (minor == MINORS)
        return;
    log_printf("blktest: %s: the test disk is minor %u, %u MiB, bad sector %u\n", label, minor,
               (unsigned)(sectors / 2048), (unsigned)bad);
    expect("DIOCGETSIZE gives the disk's size", disk_size(minor) == sectors * SECTOR);
    test_transfers(minor, sectors, bad);
    test_refusals(minor);
    test_restart(minor);
}

int main(int argc, char **argv)
{
    job_start("blktest");
    static char name[DS_KEY_MAX];
    for (int i = 1; i < argc; i++) {
        const char *colon = strchr(argv[i], ':');
        size_t n = colon ? (size_t)(colon - argv[i]) : strlen(argv[i]);
        if (n >= sizeof name)
            n = sizeof name - 1;
        memcpy(name, argv[i], n);
        name[n] = '\0';
        label = name;
        media_errors = !colon || strcmp(colon, ":no-media-errors") != 0;
        test_driver();
    }
    return job_done();
}
