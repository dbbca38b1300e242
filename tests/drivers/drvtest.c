/* drvtest: the driver framework through the memory driver: RAM disk writes read back,
 * /dev/zero and /dev/null, the end of the device, and bad minors, grants and requests. */
#include <testjob.h>

static endpoint_t drv;
static uint8_t buf[8192];

static int dev(int type, unsigned minor, uint64_t pos, grant_id_t g, uint32_t count)
{
    return t_dev(drv, type, minor, pos, g, count);
}

static int io(int type, unsigned minor, uint64_t pos, uint32_t count)
{
    return t_dev_io(drv, type, minor, pos, buf, sizeof buf, count);
}

int main(void)
{
    job_start("drvtest");
    check("DS names the memory driver", ds_lookup("memory", &drv) == OK);
    check("open of the RAM disk", dev(DEV_OPEN, 0, 0, 0, 0) == OK);
    for (unsigned i = 0; i < sizeof buf; i++)
        buf[i] = (uint8_t)(i * 7 + 3);
    check("a write of 8 KiB", io(DEV_WRITE, 0, 4096, sizeof buf) == (int)sizeof buf);
    for (unsigned i = 0; i < sizeof buf; i++)
        buf[i] = 0;
    int r = io(DEV_READ, 0, 4096, sizeof buf);
    int same = r == (int)sizeof buf;
    for (unsigned i = 0; same && i < sizeof buf; i++)
        same = buf[i] == (uint8_t)(i * 7 + 3);
    check("reads back what was written", same);
    check("a read at the end of the device gives 0 bytes", io(DEV_READ, 0, 1u << 30, 512) == 0);
    buf[0] = 1;
    check("/dev/zero reads zeros", io(DEV_READ, 2, 0, 4096) == 4096 && buf[0] == 0 && buf[4095] == 0);
    check("/dev/null takes everything", io(DEV_WRITE, 1, 0, 4096) == 4096);
    check("/dev/null reads nothing", io(DEV_READ, 1, 0, 4096) == 0);
    check("a bad minor gives ENXIO", dev(DEV_OPEN, 9, 0, 0, 0) == -ENXIO);
    check("a bad grant gives ENOGRANT", dev(DEV_READ, 0, 0, 12345, 64) == -ENOGRANT);
    check("a read-only grant cannot be written", dev(DEV_READ, 0, 0,
          grant_make(drv, buf, 64, GRANT_READ), 64) == -EACCES);
    check("an unknown request gives EBADREQUEST", dev(0x8ff, 0, 0, 0, 0) == -EBADREQUEST);
    return job_done();
}
