/* The Allwinner SD/MMC host (sunxi-mmc: A20, H3 and later; QEMU's allwinner-sdhost) as an
 * SD host for sd.c: commands through the command register, data by PIO through the FIFO
 * at 0x200 (the H3's place; the A10's was 0x100). The module clock is the CCU's, left as
 * the loader set it: we divide it for identification and run the card at half of it after. */
#include "sd_host.h"

#define GCTRL  0x00
#define CLKDV  0x04
#define TMOUT  0x08
#define CTYPE  0x0c
#define BLKSZ  0x10
#define BYTCNT 0x14
#define CMD    0x18
#define CMDARG 0x1c
#define RESP0  0x20   /* RESP0..3: bits 31..0 of a long response first */
#define IMASK  0x30
#define RINT   0x38
#define STAR   0x3c
#define FIFO   0x200

#define GCTRL_SOFT_RST  (1u << 0)
#define GCTRL_FIFO_RST  (1u << 1)
#define GCTRL_DMA_RST   (1u << 2)
#define GCTRL_INT_ENB   (1u << 4)
#define GCTRL_AHB_FIFO  (1u << 31)   /* the CPU, not the DMA engine, reads the FIFO */
#define GCTRL_RESETS    (GCTRL_SOFT_RST | GCTRL_FIFO_RST | GCTRL_DMA_RST)

#define CLK_ENABLE      (1u << 16)
#define CLK_DIV_IDENT   63           /* module clock <= 50 MHz / 126: identification <= 400 kHz */
#define CLK_DIV_FAST    1            /* module clock / 2: default speed is <= 25 MHz */

#define CMD_RESP        (1u << 6)
#define CMD_LONG_RESP   (1u << 7)
#define CMD_CHECK_CRC   (1u << 8)
#define CMD_DATA        (1u << 9)
#define CMD_WRITE       (1u << 10)
#define CMD_WAIT_PRE    (1u << 13)   /* wait until the last data is through */
#define CMD_STOP_ABORT  (1u << 14)
#define CMD_INIT_SEQ    (1u << 15)   /* 80 clocks first: the card's power-up */
#define CMD_UPCLK_ONLY  (1u << 21)   /* no command: the clock settings reach the card side */
#define CMD_LOAD        (1u << 31)

#define INT_RESP_ERR    (1u << 1)
#define INT_CMD_DONE    (1u << 2)
#define INT_DATA_OVER   (1u << 3)
#define INT_RESP_CRC    (1u << 6)
#define INT_DATA_CRC    (1u << 7)
#define INT_RESP_TMOUT  (1u << 8)
#define INT_DATA_TMOUT  (1u << 9)
#define INT_FIFO_RUN    (1u << 11)
#define INT_HW_LOCKED   (1u << 12)
#define INT_START_BIT   (1u << 13)
#define INT_END_BIT     (1u << 15)
#define INT_CMD_BITS    (INT_RESP_ERR | INT_CMD_DONE | INT_RESP_CRC | INT_RESP_TMOUT | INT_HW_LOCKED)
#define INT_DATA_ERRS   (INT_DATA_CRC | INT_DATA_TMOUT | INT_FIFO_RUN | INT_START_BIT | INT_END_BIT)
#define INT_DATA_BITS   (INT_DATA_ERRS | INT_DATA_OVER)

#define STAR_FIFO_EMPTY (1u << 2)
#define STAR_FIFO_FULL  (1u << 3)
#define STAR_FIFO_LEVEL(s) (((s) >> 17) & 0x3fff)   /* words in the FIFO */
#define FIFO_WORDS      16   /* fewer than any sunxi host's FIFO holds (32 and more) */

#define POLL_LIMIT      1000000   /* register reads before the controller counts as hung */

static volatile uint32_t *regs;
static uint32_t data_flags;          /* CMD_DATA (| CMD_WRITE) for the next command, or 0 */

static uint32_t reg(uint32_t off) { return regs[off / 4]; }
static void set(uint32_t off, uint32_t v) { regs[off / 4] = v; }

/* Polls `off` until one of `bits` is set; the bits seen, or 0 when it took too long. */
static uint32_t wait_bits(uint32_t off, uint32_t bits)
{
    for (int i = 0; i < POLL_LIMIT; i++) {
        uint32_t v = reg(off) & bits;
        if (v)
            return v;
    }
    return 0;
}

/* The controller takes new clock settings only through a command that sends nothing. */
static void update_clock(uint32_t clkdv)
{
    set(CLKDV, clkdv);
    set(RINT, INT_CMD_BITS);
    set(CMD, CMD_LOAD | CMD_UPCLK_ONLY | CMD_WAIT_PRE);
    for (int i = 0; i < POLL_LIMIT && (reg(CMD) & CMD_LOAD); i++)
        ;
    set(RINT, INT_CMD_BITS);
}

static void set_divider(uint32_t div)
{
    update_clock(reg(CLKDV) & ~CLK_ENABLE);
    update_clock(div);
    update_clock(div | CLK_ENABLE);
}

static void sunxi_reset(volatile uint32_t *mapped)
{
    regs = mapped;
    set(GCTRL, GCTRL_RESETS);
    for (int i = 0; i < POLL_LIMIT && (reg(GCTRL) & GCTRL_RESETS); i++)
        ;
    set(GCTRL, GCTRL_AHB_FIFO);   /* no interrupt until a transfer is armed */
    set(IMASK, 0);
    set(RINT, 0xffffffffu);
    set(TMOUT, 0xffffff40u);   /* data: the longest wait; response: 64 card clocks */
    set(CTYPE, 0);             /* one data line, as every card starts */
    set(BLKSZ, BLOCK_SECTOR);
    data_flags = 0;
    set_divider(CLK_DIV_IDENT);
}


static void sunxi_fast_clock(void)
{
    set_divider(CLK_DIV_FAST);
}

static uint32_t command_flags(unsigned index, enum sd_response kind)
{
    uint32_t cmd = CMD_LOAD | (index & 0x3f) | data_flags;
    if (kind != RESP_NONE)
        cmd |= CMD_RESP;
    if (kind == RESP_LONG)
        cmd |= CMD_LONG_RESP;
    if (kind == RESP_SHORT || kind == RESP_LONG)
        cmd |= CMD_CHECK_CRC;
    if (index == 0)
        cmd |= CMD_INIT_SEQ;
    else if (index == 12)
        cmd |= CMD_STOP_ABORT;   /* ends a transfer: it must not wait for the data */
    else
        cmd |= CMD_WAIT_PRE;
    return cmd;
}

static int sunxi_command(unsigned index, uint32_t arg, enum sd_response kind, uint32_t resp[4])
{
    uint32_t cmd = command_flags(index, kind);
    data_flags = 0;
    set(RINT, INT_CMD_BITS);   /* the data bits stay: a stop command follows data */
    set(CMDARG, arg);
    set(CMD, cmd);
    uint32_t s = wait_bits(RINT, INT_CMD_BITS);
    if (!s || (s & (INT_RESP_ERR | INT_RESP_TMOUT | INT_HW_LOCKED)))
        return -EAGAIN;
    if (s & INT_RESP_CRC)
        return -EIO;
    if (!(s & INT_CMD_DONE))
        s = wait_bits(RINT, INT_CMD_DONE);
    if (!s)
        return -EAGAIN;
    if (kind == RESP_LONG) {
        for (int w = 0; w < 4; w++)
            resp[w] = reg(RESP0 + 4 * (3 - w));
    } else {
        resp[0] = reg(RESP0);
    }
    return OK;
}

/* The data goes with the next command; the FIFO starts empty. */
static void sunxi_start_data(int write, uint32_t bytes)
{
    set(GCTRL, reg(GCTRL) | GCTRL_FIFO_RST);
    for (int i = 0; i < POLL_LIMIT && (reg(GCTRL) & GCTRL_FIFO_RST); i++)
        ;
    set(RINT, INT_DATA_BITS);
    set(BLKSZ, BLOCK_SECTOR);
    set(BYTCNT, bytes);
    data_flags = CMD_DATA | (write ? CMD_WRITE : 0);
}

static int data_error(void)
{
    return reg(RINT) & INT_DATA_TMOUT ? -EAGAIN : -EIO;
}

static int wait_data_over(void)
{
    uint32_t s = wait_bits(RINT, INT_DATA_BITS);
    if (!s)
        return -EAGAIN;
    return s & INT_DATA_ERRS ? data_error() : OK;
}

/* Words the FIFO holds (reading) or has room for (writing), from one status read: the
 * level field counts the words in it, but a full FIFO may read level 0 (U-Boot's driver
 * allows for it). FIFO_WORDS is less than any sunxi FIFO holds, so neither count is too
 * high; QEMU's model reports level 1 while the card has data and an empty FIFO on writes. */
static uint32_t fifo_words(int write, uint32_t star)
{
    uint32_t level = STAR_FIFO_LEVEL(star);
    if (write)
        return star & STAR_FIFO_FULL ? 0 : level < FIFO_WORDS ? FIFO_WORDS - level : 1;
    if (star & STAR_FIFO_EMPTY)
        return 0;
    if (star & STAR_FIFO_FULL)
        return FIFO_WORDS;
    return level ? (level < FIFO_WORDS ? level : FIFO_WORDS) : 1;
}

/* Waits until the FIFO can move a word: how many it can move now (> 0), or the transfer
 * failed (< 0). The interrupt status is read only while the FIFO makes the CPU wait. */
static int wait_fifo(int write)
{
    for (int i = 0; i < POLL_LIMIT; i++) {
        uint32_t n = fifo_words(write, reg(STAR));
        if (n)
            return (int)n;
        if (reg(RINT) & INT_DATA_ERRS)
            return data_error();
    }
    return -EAGAIN;
}

/* Moves the transfer's words into `in` (a read) or out of `out` (a write), as many per
 * status read as the FIFO takes. */
static int move_data(uint8_t *in, const uint8_t *out, uint32_t bytes)
{
    volatile uint32_t *fifo = &regs[FIFO / 4];
    uint32_t words = bytes / 4;
    for (uint32_t done = 0; done < words;) {
        int n = wait_fifo(out != 0);
        if (n < 0)
            return n;
        uint32_t end = words - done < (uint32_t)n ? words : done + (uint32_t)n;
        for (uint32_t w; done < end; done++) {
            /* The FIFO holds the bytes little-endian, as the CPU does. */
            if (out) {
                __builtin_memcpy(&w, out + 4 * done, 4);
                *fifo = w;
            } else {
                w = *fifo;
                __builtin_memcpy(in + 4 * done, &w, 4);
            }
        }
    }
    return wait_data_over();
}

static int sunxi_read_data(uint8_t *buf, uint32_t bytes)
{
    return move_data(buf, 0, bytes);
}

static int sunxi_write_data(const uint8_t *buf, uint32_t bytes)
{
    return move_data(0, buf, bytes);
}

static unsigned sunxi_sent(uint32_t *arg, uint32_t *bytes, int *write)
{
    uint32_t cmd = reg(CMD);
    *arg = reg(CMDARG);
    *bytes = reg(BYTCNT);
    *write = (cmd & CMD_WRITE) != 0;
    return cmd & 0x3f;
}

/* DATA_OVER stays set until cleared, so the line rises at once if the transfer is over.
 * INT_ENB gates the line as a whole: off while no transfer waits for it. */
static void sunxi_irq_arm(void)
{
    set(IMASK, INT_DATA_BITS);
    set(GCTRL, reg(GCTRL) | GCTRL_INT_ENB);
}

static void sunxi_irq_done(void)
{
    set(GCTRL, reg(GCTRL) & ~GCTRL_INT_ENB);
    set(IMASK, 0);
    set(RINT, INT_DATA_BITS);
}

/* In the order of struct sd_host_ops. */
const struct sd_host_ops sunxi_host = {
    "sunxi", sunxi_reset, sunxi_fast_clock, sunxi_command, sunxi_start_data,
    sunxi_read_data, sunxi_write_data, sunxi_sent, sunxi_irq_arm, sunxi_irq_done,
};
