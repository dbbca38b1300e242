/* The memory driver: minor 0 a RAM disk (its size in KiB from argv[1], memory from VM),
 * minor 1 /dev/null, minor 2 /dev/zero. Built on the driver framework. */
#include <driver.h>

enum { MINOR_RAMDISK, MINOR_NULL, MINOR_ZERO, NR_MINORS };

static uint8_t *disk;
static uint32_t disk_size;
static const uint8_t zeros[4096];

static int parse_kib(const char *s)
{
    int v = 0;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (*s++ - '0');
    return v;
}

static int memory_init(int argc, char **argv)
{
    uint32_t kib = argc > 1 ? (uint32_t)parse_kib(argv[1]) : 1024;
    message m = { 0 };
    m.m_type = VM_MMAP;
    m.m.vm.len = kib * 1024;
    int r = ipc_sendrec(VM_PROC, &m);
    if (r != OK || m.m_type != OK)
        return r != OK ? r : m.m_type;
    disk = (uint8_t *)(uintptr_t)m.m.vm.addr;
    disk_size = kib * 1024;
    log_printf("memory: RAM disk of %u KiB, null, zero\n", (unsigned)kib);
    return OK;
}

static int memory_open(unsigned minor, uint32_t access)
{
    (void)access;
    return minor < NR_MINORS ? OK : -ENXIO;
}

static int ramdisk_transfer(int write, uint64_t pos, endpoint_t caller, grant_id_t g, uint32_t count)
{
    if (pos >= disk_size)
        return 0;   /* end of the device */
    if (count > disk_size - pos)
        count = disk_size - (uint32_t)pos;
    uint8_t *at = disk + pos;
    int r = write ? sys_safecopyfrom(caller, g, 0, at, count) : sys_safecopyto(caller, g, 0, at, count);
    return r != OK ? r : (int)count;
}

static int zero_fill(endpoint_t caller, grant_id_t g, uint32_t count)
{
    for (uint32_t done = 0; done < count;) {
        uint32_t n = count - done < sizeof zeros ? count - done : sizeof zeros;
        int r = sys_safecopyto(caller, g, done, zeros, n);
        if (r != OK)
            return r;
        done += n;
    }
    return (int)count;
}

static int memory_transfer(unsigned minor, int write, uint64_t pos, endpoint_t caller,
                           grant_id_t g, uint32_t count)
{
    switch (minor) {
    case MINOR_RAMDISK:
        return ramdisk_transfer(write, pos, caller, g, count);
    case MINOR_NULL:
        return write ? (int)count : 0;
    case MINOR_ZERO:
        return write ? (int)count : zero_fill(caller, g, count);
    default:
        return -ENXIO;
    }
}

static const struct driver memory_driver = {
    .name = "memory",
    .init = memory_init,
    .open = memory_open,
    .transfer = memory_transfer,
};

int main(int argc, char **argv)
{
    driver_task(&memory_driver, argc, argv);
}
