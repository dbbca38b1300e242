/* sd: the SD memory card driver on the block layer of lib/driver: card identification and
 * block reads and writes by the SD protocol (Physical Layer Simplified Specification), over
 * a host controller back end (sd_host.h; pl181.c for the ARM MMCI, sunxi.c for Allwinner's).
 * One card, minor 0; with an MBR, its primary partitions as minors 1-4.
 * SDSC cards take byte addresses, SDHC/SDXC cards block addresses. A restarted driver, or
 * a chunk that timed out, identifies the card again from CMD0.
 *
 * args: <host> <registers> <irq>   versatilepb: "pl181 0x10005000 22",
 *                                   orangepi-pc: "sunxi 0x01c0f000 92" */
#include "sd_host.h"
#include <string.h>

#define CMD_GO_IDLE_STATE     0
#define CMD_ALL_SEND_CID      2
#define CMD_SEND_RELATIVE_ADDR 3
#define CMD_SELECT_CARD       7
#define CMD_SEND_IF_COND      8
#define CMD_SEND_CSD          9
#define CMD_STOP_TRANSMISSION 12
#define CMD_SEND_STATUS       13
#define CMD_SET_BLOCKLEN      16
#define CMD_READ_SINGLE       17
#define CMD_READ_MULTIPLE     18
#define CMD_WRITE_SINGLE      24
#define CMD_WRITE_MULTIPLE    25
#define CMD_APP_CMD           55
#define ACMD_SD_SEND_OP_COND  41

#define IF_COND_CHECK   0x1aa         /* 2.7-3.6 V, check pattern 0xaa */
#define OCR_VOLTAGES    0x00ff8000u   /* 2.7-3.6 V */
#define OCR_HCS         (1u << 30)    /* host takes high capacity; card's CCS in the answer */
#define OCR_POWERED_UP  (1u << 31)
#define R1_ERRORS       0xfdf80000u   /* out of range .. general error, not "locked" */
#define R1_READY        (1u << 8)
#define R1_STATE(r)     (((r) >> 9) & 0xf)
#define STATE_TRAN      4
#define OP_COND_TRIES   2000          /* ACMD41 until the card leaves its power-up */
#define STATUS_TRIES    100000

#define BUF_BYTES (32u * 1024)        /* 64 blocks: the PL181 moves at most 65535 bytes */

#define REGS_VA 0x20000000u   /* where the driver sees the host's registers */

static const struct sd_host_ops *host;
static volatile uint32_t *regs;
static uint32_t regs_base, irq, rca;
static int block_addressing;          /* SDHC/SDXC */
static uint64_t card_sectors;
static uint8_t buf[BUF_BYTES];
static struct {
    int busy;                         /* a chunk was given to the card */
    int status;                       /* how it ended, told to the block layer on the IRQ */
} op;

static int command(unsigned index, uint32_t arg, enum sd_response kind, uint32_t resp[4])
{
    return host->command(index, arg, kind, resp);
}

/* A command answered by R1: a card status whose error bits fail it. */
static int command_r1(unsigned index, uint32_t arg, uint32_t *status)
{
    uint32_t resp[4];
    int r = command(index, arg, RESP_SHORT, resp);
    if (r == OK && (resp[0] & R1_ERRORS))
        r = -EIO;
    if (status)
        *status = resp[0];
    return r;
}

static int app_command(unsigned index, uint32_t arg, enum sd_response kind, uint32_t resp[4])
{
    int r = command_r1(CMD_APP_CMD, rca << 16, 0);
    return r == OK ? command(index, arg, kind, resp) : r;
}

/* Bits hi..lo (at most 32 of them) of a 128-bit register from a long response. */
static uint32_t bits(const uint32_t resp[4], unsigned hi, unsigned lo)
{
    uint32_t v = 0;
    for (unsigned b = hi + 1; b-- > lo;)
        v = v << 1 | ((resp[3 - b / 32] >> (b % 32)) & 1);
    return v;
}

/* The card's size in 512-byte sectors from its CSD: version 1.0 (SDSC) or 2.0 (SDHC, SDXC). */
static uint64_t csd_sectors(const uint32_t csd[4])
{
    switch (bits(csd, 127, 126)) {
    case 0: {
        uint64_t c_size = bits(csd, 73, 62), mult = bits(csd, 49, 47), bl_len = bits(csd, 83, 80);
        return ((c_size + 1) << (mult + 2 + bl_len)) / BLOCK_SECTOR;
    }
    case 1:
        return ((uint64_t)bits(csd, 69, 48) + 1) * 1024;   /* units of 512 KiB */
    default:
        return 0;
    }
}

/* Powers the card up to the transfer state: CMD0, CMD8, ACMD41, CMD2, CMD3, CMD9, CMD7. */
static int identify_card(void)
{
    uint32_t resp[4];
    rca = 0;
    command(CMD_GO_IDLE_STATE, 0, RESP_NONE, resp);
    /* CMD8 tells a version 2.00 card from an older one, which does not answer it. */
    int v2 = command(CMD_SEND_IF_COND, IF_COND_CHECK, RESP_SHORT, resp) == OK;
    if (v2 && (resp[0] & 0xfff) != IF_COND_CHECK)
        return -EIO;   /* the card cannot take our voltage */
    uint32_t ocr = 0;
    for (int i = 0; i < OP_COND_TRIES && !(ocr & OCR_POWERED_UP); i++) {
        int r = app_command(ACMD_SD_SEND_OP_COND, OCR_VOLTAGES | (v2 ? OCR_HCS : 0),
                            RESP_SHORT_NOCRC, resp);
        if (r != OK)
            return -ENODEV;   /* no card, or not an SD memory card */
        ocr = resp[0];
    }
    if (!(ocr & OCR_POWERED_UP))
        return -EAGAIN;
    block_addressing = v2 && (ocr & OCR_HCS);
    int r = command(CMD_ALL_SEND_CID, 0, RESP_LONG, resp);
    if (r == OK)
        r = command(CMD_SEND_RELATIVE_ADDR, 0, RESP_SHORT, resp);
    if (r != OK)
        return r;
    rca = resp[0] >> 16;
    r = command(CMD_SEND_CSD, rca << 16, RESP_LONG, resp);
    if (r != OK)
        return r;
    card_sectors = csd_sectors(resp);
    if (card_sectors == 0)
        return -EIO;
    r = command_r1(CMD_SELECT_CARD, rca << 16, 0);
    /* SDHC blocks are always 512 bytes; an SDSC card is told. */
    if (r == OK && !block_addressing)
        r = command_r1(CMD_SET_BLOCKLEN, BLOCK_SECTOR, 0);
    if (r == OK)
        host->fast_clock();
    return r;
}

/* Waits until the card is back in the transfer state, ready for data (a write programmed). */
static int wait_transfer_state(void)
{
    for (int i = 0; i < STATUS_TRIES; i++) {
        uint32_t status;
        int r = command_r1(CMD_SEND_STATUS, rca << 16, &status);
        if (r != OK)
            return r;
        if ((status & R1_READY) && R1_STATE(status) == STATE_TRAN)
            return OK;
    }
    return -EAGAIN;
}

/* What the host sent, back in the block layer's terms: a command that moves no data, one
 * block where more were asked (or the reverse), or a direction the host does not share
 * matches no chunk. */
static void check_told(void)
{
    uint32_t arg, bytes;
    int host_write;
    unsigned index = host->sent(&arg, &bytes, &host_write);
    int single = index == CMD_READ_SINGLE || index == CMD_WRITE_SINGLE;
    int multiple = index == CMD_READ_MULTIPLE || index == CMD_WRITE_MULTIPLE;
    struct blockdev_told told = {
        .write = index == CMD_WRITE_SINGLE || index == CMD_WRITE_MULTIPLE,
        .sector = block_addressing ? arg : arg / BLOCK_SECTOR,
        .bytes = bytes,
    };
    if ((!(single && bytes == BLOCK_SECTOR) && !(multiple && bytes > BLOCK_SECTOR)) ||
        (host_write != -1 && host_write != told.write))
        told.write = -1;
    blockdev_check(&told);
}

/* Moves a chunk by PIO; multiple blocks end with CMD12 whether or not the data went well.
 * A chunk of the block layer's is checked on the host before its data moves. */
static int transfer(int write, uint64_t sector, uint32_t bytes, int layer_chunk)
{
    uint32_t blocks = bytes / BLOCK_SECTOR;
    uint32_t address = (uint32_t)(block_addressing ? sector : sector * BLOCK_SECTOR);
    unsigned index = write ? (blocks > 1 ? CMD_WRITE_MULTIPLE : CMD_WRITE_SINGLE)
                           : (blocks > 1 ? CMD_READ_MULTIPLE : CMD_READ_SINGLE);
    host->start_data(write, bytes);
    int r = command_r1(index, address, 0);
    if (r != OK)
        return r;
    if (layer_chunk)
        check_told();
    r = write ? host->write_data(buf, bytes) : host->read_data(buf, bytes);
    if (blocks > 1) {
        uint32_t resp[4];
        int stop = command(CMD_STOP_TRANSMISSION, 0, RESP_SHORT, resp);
        if (r == OK)
            r = stop;
    }
    if (r == OK && write)
        r = wait_transfer_state();
    return r;
}

static int sd_start(unsigned unit, int write, uint64_t sector, uint32_t bytes)
{
    (void)unit;
    if (!block_addressing && (sector + bytes / BLOCK_SECTOR) * BLOCK_SECTOR > 0xffffffffu)
        return -EIO;
    int r = transfer(write, sector, bytes, 1);
    if (r != OK) {
        log_printf("sd: %s of %u sectors at %u failed (%d)\n", write ? "write" : "read",
                   (unsigned)(bytes / BLOCK_SECTOR), (unsigned)sector, r);
        return -EIO;
    }
    /* The block layer hears of the end from the interrupt the host raises now. */
    op.busy = 1;
    op.status = OK;
    host->irq_arm();
    return OK;
}

static void sd_interrupt(uint32_t bits_)
{
    (void)bits_;
    host->irq_done();
    if (op.busy) {
        op.busy = 0;
        blockdev_done(op.status);
    }
    sys_irqctl(IRQ_ENABLE, irq, 0);
}

/* A lost interrupt ends the chunk that did finish; else the card starts over from CMD0. */
static void sd_timeout(unsigned unit)
{
    host->irq_done();
    if (op.busy) {
        op.busy = 0;
        blockdev_done(op.status);
        return;
    }
    log_printf("sd: minor %u: no answer; resetting the host and the card\n", unit);
    host->reset(regs);
    int r = identify_card();
    if (r != OK)
        log_printf("sd: the card does not answer after a reset (%d)\n", r);
}

static const struct sd_host_ops *find_host(const char *name)
{
    static const struct sd_host_ops *const hosts[] = { &pl181_host, &sunxi_host };
    for (unsigned i = 0; i < sizeof hosts / sizeof hosts[0]; i++)
        if (strcmp(hosts[i]->name, name) == 0)
            return hosts[i];
    return 0;
}

/* A card partitioned with an MBR (a board's boot card: the loader, a boot partition, the
 * root file system) gets minors 1-4 for its primary partitions. The read is polled: the
 * block layer's queue does not run yet. */
static void find_partitions(unsigned card)
{
    int r = transfer(0, 0, BLOCK_SECTOR, 0);
    if (r == OK)
        r = blockdev_partitions(card, buf);
    if (r < 0)
        log_printf("sd: the partition table cannot be read (%d)\n", r);
    else if (r > 0)
        log_printf("sd: minors %u-%u: the card's MBR partitions (%d in use)\n", card + 1,
                   card + 4, r);
}

static int sd_init(int argc, char **argv)
{
    if (argc < 4 || !(host = find_host(argv[1])) || arg_number(argv[2], &regs_base) != OK ||
        arg_number(argv[3], &irq) != OK)
        return -EINVAL;
    int r = sys_physmap(regs_base, REGS_VA, 4096);
    if (r != OK)
        return r;
    regs = (volatile uint32_t *)(uintptr_t)REGS_VA;
    host->reset(regs);
    r = identify_card();
    if (r != OK) {
        log_printf("sd: no usable card in the %s at 0x%x (%d)\n", host->name,
                   (unsigned)regs_base, r);
        return OK;
    }
    int minor = blockdev_unit(card_sectors, 0, buf, sizeof buf);
    if (minor < 0)
        return minor;
    log_printf("sd: minor %d: %s card in the %s at 0x%x, irq %u, %u sectors\n", minor,
               block_addressing ? "SDHC/SDXC" : "SDSC", host->name, (unsigned)regs_base,
               (unsigned)irq, (unsigned)card_sectors);
    find_partitions((unsigned)minor);
    return sys_irqctl(IRQ_SETPOLICY, irq, 0);
}

static const struct blockdev_ops sd_ops = {
    .name = "sd",
    .init = sd_init,
    .start = sd_start,
    .timeout = sd_timeout,
    .interrupt = sd_interrupt,
};

int main(int argc, char **argv)
{
    blockdev_task(&sd_ops, argc, argv);
}
