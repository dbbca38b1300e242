/* ata: the ATA (IDE) disk driver for one channel, in PIO mode, on the block layer of
 * lib/driver. Minor i is the i-th disk found (master first); ATAPI devices are left alone.
 * Sectors below 2^28 go by LBA28 commands, the rest by LBA48 ones when the disk has them.
 * The drive interrupts once per sector moved; a write chunk ends with a cache flush, so
 * that a completed write is on the disk. A restarted driver resets the channel first.
 *
 * args: <command ports> <control port> <irq>   pc primary channel: "0x1f0 0x3f6 14" */
#include <blockdev.h>

/* Command block registers (offsets from the command ports). */
#define R_DATA    0
#define R_ERROR   1
#define R_COUNT   2
#define R_LBA0    3
#define R_LBA1    4
#define R_LBA2    5
#define R_DRIVE   6
#define R_STATUS  7   /* reading it acknowledges the interrupt */
#define R_COMMAND 7
/* The control port: the alternate status (read) and device control (write). */
#define CTL_NIEN  0x02   /* no interrupts */
#define CTL_SRST  0x04   /* software reset of both drives */
#define CTL_HOB   0x80   /* reads show the LBA48 registers' high halves */

#define ST_ERR  0x01
#define ST_DRQ  0x08
#define ST_DF   0x20
#define ST_DRDY 0x40
#define ST_BSY  0x80

#define CMD_READ        0x20
#define CMD_READ_EXT    0x24
#define CMD_WRITE       0x30
#define CMD_WRITE_EXT   0x34
#define CMD_FLUSH       0xe7
#define CMD_FLUSH_EXT   0xea
#define CMD_IDENTIFY    0xec

#define LBA28_LIMIT   (1u << 28)
#define BUF_BYTES     (64u * 1024)   /* 128 sectors: within one LBA28 command */
#define POLL_LIMIT    200000         /* status reads before a busy drive counts as hung */
#define MAX_DISKS     2

struct disk {
    unsigned drive;           /* 0 master, 1 slave */
    int lba48;
    uint64_t sectors;
};

enum phase { IDLE, MOVING, FLUSHING };

static uint32_t cmd_base, ctl_port, irq;
static struct disk disks[MAX_DISKS];
static uint8_t buf[BUF_BYTES];
static struct {               /* the chunk on the drive */
    enum phase phase;
    unsigned unit;
    int write;
    uint64_t sector;
    uint32_t count, done;     /* sectors */
} op;

static uint32_t in8(uint32_t port)
{
    uint32_t v = 0xff;
    sys_devio(port, 1, 0, &v);
    return v;
}

static void out8(uint32_t port, uint32_t v) { sys_devio(port, 1, 1, &v); }
static uint32_t alt_status(void) { return in8(ctl_port); }

/* Waits until the drive is not busy; its status, or -EIO if it stays busy. */
static int wait_ready(void)
{
    for (int i = 0; i < POLL_LIMIT; i++) {
        uint32_t s = alt_status();
        if (!(s & ST_BSY))
            return (int)s;
    }
    return -EIO;
}

/* Waits until the drive wants data (DRQ) or reports an error. */
static int wait_drq(void)
{
    for (int i = 0; i < POLL_LIMIT; i++) {
        uint32_t s = alt_status();
        if (!(s & ST_BSY) && (s & (ST_DRQ | ST_ERR | ST_DF)))
            return s & ST_DRQ ? OK : -EIO;
    }
    return -EIO;
}

/* Makes `drive` the one the registers speak to, once it is not busy: a busy channel ignores
 * the write (and an absent drive reads as idle), so it is repeated until it shows. */
static int select_drive(unsigned drive, uint32_t bits)
{
    uint32_t value = 0xa0 | bits | drive << 4;
    for (int i = 0; i < POLL_LIMIT; i++) {
        out8(cmd_base + R_DRIVE, value);
        for (int j = 0; j < 4; j++)
            alt_status();   /* 400 ns for the drive to answer */
        if (in8(cmd_base + R_DRIVE) == value && !(alt_status() & ST_BSY))
            return OK;
    }
    return -EIO;
}

/* Resets both drives of the channel; interrupts stay off until init is done. */
static int reset_channel(void)
{
    out8(ctl_port, CTL_NIEN | CTL_SRST);
    for (int i = 0; i < 10; i++)
        alt_status();   /* SRST must last 5 us */
    out8(ctl_port, CTL_NIEN);
    return select_drive(0, 0);
}

static uint64_t words(const uint16_t *id, unsigned first, unsigned count)
{
    uint64_t v = 0;
    for (unsigned i = count; i-- > 0;)
        v = v << 16 | id[first + i];
    return v;
}

/* IDENTIFY DEVICE: whether an ATA disk answers as `drive`, and its size. */
static int identify(unsigned drive, struct disk *d)
{
    static uint16_t id[256];
    if (select_drive(drive, 0) != OK)
        return -ENODEV;
    out8(cmd_base + R_COMMAND, CMD_IDENTIFY);
    uint32_t s = alt_status();
    if (s == 0 || s == 0xff)
        return -ENODEV;   /* nothing there */
    if (wait_ready() < 0 || in8(cmd_base + R_LBA1) != 0 || in8(cmd_base + R_LBA2) != 0)
        return -ENODEV;   /* hung, or a packet (ATAPI) device */
    int r = wait_drq();
    if (r == OK)
        r = sys_sdevio(cmd_base + R_DATA, 2, 0, id, sizeof id);
    in8(cmd_base + R_STATUS);
    if (r != OK)
        return r;
    d->drive = drive;
    d->lba48 = (id[83] >> 10) & 1;
    d->sectors = d->lba48 ? words(id, 100, 4) : words(id, 60, 2);
    return d->sectors ? OK : -ENODEV;
}

/* The task file as the drive holds it, before the command goes: LBA48's high halves are
 * read with the HOB bit; an LBA28 address's top bits are in the drive register. */
static void check_task_file(int ext, uint32_t command)
{
    uint64_t lba = in8(cmd_base + R_LBA0) | in8(cmd_base + R_LBA1) << 8 |
                   in8(cmd_base + R_LBA2) << 16;
    uint32_t count = in8(cmd_base + R_COUNT);
    if (ext) {
        out8(ctl_port, CTL_HOB);
        lba |= (uint64_t)in8(cmd_base + R_LBA0) << 24 | (uint64_t)in8(cmd_base + R_LBA1) << 32 |
               (uint64_t)in8(cmd_base + R_LBA2) << 40;
        count |= in8(cmd_base + R_COUNT) << 8;
        out8(ctl_port, 0);
    } else {
        lba |= (uint64_t)(in8(cmd_base + R_DRIVE) & 0xf) << 24;
    }
    int write = command == CMD_WRITE || command == CMD_WRITE_EXT;
    int known = write || command == CMD_READ || command == CMD_READ_EXT;
    struct blockdev_told told = { known ? write : -1, lba, count * BLOCK_SECTOR };
    blockdev_check(&told);
}

/* Sector count and address, LBA28 or LBA48 (the high halves first), then the command. */
static int issue(const struct disk *d, uint64_t lba, uint32_t count, int write)
{
    int ext = lba + count > LBA28_LIMIT;
    int r = select_drive(d->drive, 0x40 | (ext ? 0 : (uint32_t)(lba >> 24 & 0xf)));
    if (r != OK)
        return r;
    if (ext) {
        out8(cmd_base + R_COUNT, count >> 8);
        out8(cmd_base + R_LBA0, (uint32_t)(lba >> 24));
        out8(cmd_base + R_LBA1, (uint32_t)(lba >> 32));
        out8(cmd_base + R_LBA2, (uint32_t)(lba >> 40));
    }
    out8(cmd_base + R_COUNT, count & 0xff);
    out8(cmd_base + R_LBA0, (uint32_t)lba);
    out8(cmd_base + R_LBA1, (uint32_t)(lba >> 8));
    out8(cmd_base + R_LBA2, (uint32_t)(lba >> 16));
    uint32_t command = write ? (ext ? CMD_WRITE_EXT : CMD_WRITE) : (ext ? CMD_READ_EXT : CMD_READ);
    check_task_file(ext, command);
    out8(cmd_base + R_COMMAND, command);
    return OK;
}

static int ata_start(unsigned unit, int write, uint64_t sector, uint32_t bytes)
{
    const struct disk *d = &disks[unit];
    uint32_t count = bytes / BLOCK_SECTOR;
    if (sector + count > LBA28_LIMIT && !d->lba48)
        return -EIO;
    op.unit = unit;
    op.write = write;
    op.sector = sector;
    op.count = count;
    op.done = 0;
    int r = issue(d, sector, count, write);
    if (r != OK)
        return r;
    op.phase = MOVING;
    if (!write)
        return OK;
    r = wait_drq();   /* a write's first sector goes without an interrupt */
    if (r == OK)
        r = sys_sdevio(cmd_base + R_DATA, 2, 1, buf, BLOCK_SECTOR);
    if (r != OK)
        op.phase = IDLE;
    return r;
}

static void end_chunk(int status)
{
    op.phase = IDLE;
    blockdev_done(status);
}

/* Reading the status register acknowledges the interrupt; the chunk then moves on. */
static void ata_interrupt(uint32_t bits)
{
    (void)bits;
    uint32_t s = in8(cmd_base + R_STATUS);
    if (op.phase != IDLE && (s & (ST_ERR | ST_DF))) {
        log_printf("ata: minor %u: %s at sector %u failed: status 0x%02x, error 0x%02x\n",
                   op.unit, op.phase == FLUSHING ? "cache flush" : op.write ? "write" : "read",
                   (unsigned)(op.sector + op.done), (unsigned)s, (unsigned)in8(cmd_base + R_ERROR));
        end_chunk(-EIO);
    } else if (op.phase == FLUSHING) {
        end_chunk(OK);
    } else if (op.phase == MOVING && !op.write && (s & ST_DRQ)) {
        int r = sys_sdevio(cmd_base + R_DATA, 2, 0, buf + op.done * BLOCK_SECTOR, BLOCK_SECTOR);
        if (r != OK || ++op.done == op.count)
            end_chunk(r);
    } else if (op.phase == MOVING && op.write && ++op.done < op.count) {
        int r = sys_sdevio(cmd_base + R_DATA, 2, 1, buf + op.done * BLOCK_SECTOR, BLOCK_SECTOR);
        if (r != OK)
            end_chunk(r);
    } else if (op.phase == MOVING && op.write) {
        op.phase = FLUSHING;
        out8(cmd_base + R_COMMAND, disks[op.unit].lba48 ? CMD_FLUSH_EXT : CMD_FLUSH);
    }
    sys_irqctl(IRQ_ENABLE, irq, 0);
}

/* No interrupt came: a drive still busy is reset; the block layer fails the chunk. */
static void ata_timeout(unsigned unit)
{
    log_printf("ata: minor %u: status 0x%02x; resetting the channel\n", unit,
               (unsigned)alt_status());
    op.phase = IDLE;
    reset_channel();
    out8(ctl_port, 0);
}

static int ata_init(int argc, char **argv)
{
    if (argc < 4 || arg_number(argv[1], &cmd_base) != OK || arg_number(argv[2], &ctl_port) != OK ||
        arg_number(argv[3], &irq) != OK)
        return -EINVAL;
    int r = reset_channel();
    if (r != OK)
        log_printf("ata: the channel at 0x%x stays busy after a reset\n", (unsigned)cmd_base);
    unsigned found = 0;
    for (unsigned drive = 0; r == OK && drive < MAX_DISKS; drive++) {
        struct disk d;
        if (identify(drive, &d) != OK)
            continue;
        int minor = blockdev_unit(d.sectors, 0, buf, sizeof buf);
        if (minor < 0)
            continue;
        disks[minor] = d;
        found++;
        log_printf("ata: minor %d: %s at 0x%x, irq %u, %u sectors, LBA%s\n", minor,
                   drive ? "slave" : "master", (unsigned)cmd_base, (unsigned)irq,
                   (unsigned)d.sectors, d.lba48 ? "48" : "28");
    }
    if (found == 0) {
        log_printf("ata: no disk on the channel at 0x%x\n", (unsigned)cmd_base);
        return OK;
    }
    r = sys_irqctl(IRQ_SETPOLICY, irq, 0);
    out8(ctl_port, 0);   /* interrupts on */
    return r;
}

static const struct blockdev_ops ata_ops = {
    .name = "ata",
    .init = ata_init,
    .start = ata_start,
    .timeout = ata_timeout,
    .interrupt = ata_interrupt,
};

int main(int argc, char **argv)
{
    blockdev_task(&ata_ops, argc, argv);
}
