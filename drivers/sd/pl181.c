/* The ARM PrimeCell PL181 MultiMedia Card Interface (MMCI) as an SD host for sd.c: commands
 * through the command path state machine, data by PIO through the 16-word FIFO. */
#include "sd_host.h"

#define MCI_POWER    0x00
#define MCI_CLOCK    0x04
#define MCI_ARGUMENT 0x08
#define MCI_COMMAND  0x0c
#define MCI_RESPONSE 0x14   /* Response0..3 */
#define MCI_DATATIMER 0x24
#define MCI_DATALENGTH 0x28
#define MCI_DATACTRL 0x2c
#define MCI_STATUS   0x34
#define MCI_CLEAR    0x38
#define MCI_MASK0    0x3c
#define MCI_MASK1    0x40
#define MCI_FIFO     0x80

#define PWR_UP       0x02
#define PWR_ON       0x03
#define CLK_ENABLE   (1u << 8)
#define CLK_DIV_IDENT 59      /* MCLK 24 MHz / (2 * 60) = 200 kHz: identification is <= 400 kHz */
#define CLK_DIV_FAST  0       /* 12 MHz: default speed is <= 25 MHz */

#define CMD_RESPONSE (1u << 6)
#define CMD_LONGRSP  (1u << 7)
#define CMD_ENABLE   (1u << 10)

#define DATA_ENABLE    (1u << 0)
#define DATA_FROM_CARD (1u << 1)
#define DATA_BLOCK_512 (9u << 4)   /* log2 of the block size */

#define ST_CMDCRCFAIL   (1u << 0)
#define ST_DATACRCFAIL  (1u << 1)
#define ST_CMDTIMEOUT   (1u << 2)
#define ST_DATATIMEOUT  (1u << 3)
#define ST_TXUNDERRUN   (1u << 4)
#define ST_RXOVERRUN    (1u << 5)
#define ST_CMDRESPEND   (1u << 6)
#define ST_CMDSENT      (1u << 7)
#define ST_DATAEND      (1u << 8)
#define ST_STARTBITERR  (1u << 9)
#define ST_DATABLOCKEND (1u << 10)
#define ST_TXFIFOFULL   (1u << 16)
#define ST_RXDATAAVLBL  (1u << 21)

#define ST_CMD_BITS  (ST_CMDCRCFAIL | ST_CMDTIMEOUT | ST_CMDRESPEND | ST_CMDSENT)
#define ST_DATA_ERRS (ST_DATACRCFAIL | ST_DATATIMEOUT | ST_TXUNDERRUN | ST_RXOVERRUN | ST_STARTBITERR)
#define ST_DATA_BITS (ST_DATA_ERRS | ST_DATAEND | ST_DATABLOCKEND)

#define POLL_LIMIT   1000000   /* status reads before the controller counts as hung */

static volatile uint32_t *regs;
static int data_write;

static uint32_t reg(uint32_t off) { return regs[off / 4]; }
static void set(uint32_t off, uint32_t v) { regs[off / 4] = v; }

static void set_clock(uint32_t div)
{
    set(MCI_CLOCK, CLK_ENABLE | div);
}

static void pl181_reset(volatile uint32_t *mapped)
{
    regs = mapped;
    set(MCI_MASK0, 0);
    set(MCI_MASK1, 0);
    set(MCI_DATACTRL, 0);
    set(MCI_COMMAND, 0);
    set(MCI_CLEAR, ST_CMD_BITS | ST_DATA_BITS);
    set(MCI_POWER, PWR_UP);
    for (int i = 0; i < 1000; i++)
        reg(MCI_STATUS);   /* the supply ramps up before power-on */
    set(MCI_POWER, PWR_ON);
    set_clock(CLK_DIV_IDENT);
}


static void pl181_fast_clock(void)
{
    set_clock(CLK_DIV_FAST);
}

static int pl181_command(unsigned index, uint32_t arg, enum sd_response kind, uint32_t resp[4])
{
    uint32_t cmd = (index & 0x3f) | CMD_ENABLE;
    if (kind != RESP_NONE)
        cmd |= CMD_RESPONSE;
    if (kind == RESP_LONG)
        cmd |= CMD_LONGRSP;
    set(MCI_CLEAR, ST_CMD_BITS);   /* the data bits stay: a stop command follows data */
    set(MCI_ARGUMENT, arg);
    set(MCI_COMMAND, cmd);
    uint32_t done = kind == RESP_NONE ? ST_CMDSENT : ST_CMDRESPEND;
    for (int i = 0; i < POLL_LIMIT; i++) {
        uint32_t s = reg(MCI_STATUS);
        /* An R3 has no CRC: the controller calls it a CRC failure, yet it arrived. */
        if ((s & done) || ((s & ST_CMDCRCFAIL) && kind == RESP_SHORT_NOCRC)) {
            for (int w = 0; w < 4; w++)
                resp[w] = reg(MCI_RESPONSE + 4 * w);
            return OK;
        }
        if (s & ST_CMDTIMEOUT)
            return -EAGAIN;
        if (s & ST_CMDCRCFAIL)
            return -EIO;
    }
    set(MCI_COMMAND, 0);
    return -EAGAIN;
}

static void pl181_start_data(int write, uint32_t bytes)
{
    data_write = write;
    set(MCI_CLEAR, ST_DATA_BITS);
    set(MCI_DATATIMER, 0xffffffffu);
    set(MCI_DATALENGTH, bytes);
    if (!write)
        set(MCI_DATACTRL, DATA_ENABLE | DATA_FROM_CARD | DATA_BLOCK_512);
}

static int data_error(uint32_t s)
{
    return s & ST_DATATIMEOUT ? -EAGAIN : -EIO;
}

static int wait_data_end(void)
{
    for (int i = 0; i < POLL_LIMIT; i++) {
        uint32_t s = reg(MCI_STATUS);
        if (s & ST_DATA_ERRS)
            return data_error(s);
        if (s & ST_DATAEND)
            return OK;
    }
    return -EAGAIN;
}

static int pl181_read_data(uint8_t *buf, uint32_t bytes)
{
    for (uint32_t done = 0; done < bytes; done += 4) {
        uint32_t s = 0;
        int i = 0;
        while (!((s = reg(MCI_STATUS)) & (ST_RXDATAAVLBL | ST_DATA_ERRS)) && ++i < POLL_LIMIT)
            ;
        if (!(s & ST_RXDATAAVLBL))
            return s & ST_DATA_ERRS ? data_error(s) : -EAGAIN;
        uint32_t w = reg(MCI_FIFO);
        __builtin_memcpy(buf + done, &w, 4);   /* the FIFO holds the bytes little-endian */
    }
    return wait_data_end();
}

static int pl181_write_data(const uint8_t *buf, uint32_t bytes)
{
    if (!data_write)
        return -EINVAL;
    set(MCI_DATACTRL, DATA_ENABLE | DATA_BLOCK_512);
    for (uint32_t done = 0; done < bytes; done += 4) {
        uint32_t s = 0;
        int i = 0;
        while (((s = reg(MCI_STATUS)) & ST_TXFIFOFULL) && !(s & ST_DATA_ERRS) && ++i < POLL_LIMIT)
            ;
        if (s & (ST_DATA_ERRS | ST_TXFIFOFULL))
            return s & ST_DATA_ERRS ? data_error(s) : -EAGAIN;
        uint32_t w;
        __builtin_memcpy(&w, buf + done, 4);
        set(MCI_FIFO, w);
    }
    return wait_data_end();
}

/* The direction is in the data control register, which a write sets only as its data goes. */
static unsigned pl181_sent(uint32_t *arg, uint32_t *bytes, int *write)
{
    *write = -1;
    *arg = reg(MCI_ARGUMENT);
    *bytes = reg(MCI_DATALENGTH);
    return reg(MCI_COMMAND) & 0x3f;
}

/* DataEnd stays set until cleared, so the line rises at once if the transfer is over. */
static void pl181_irq_arm(void)
{
    set(MCI_MASK0, ST_DATAEND | ST_DATA_ERRS);
}

static void pl181_irq_done(void)
{
    set(MCI_MASK0, 0);
    set(MCI_CLEAR, ST_DATA_BITS);
}

const struct sd_host_ops pl181_host = {
    .name = "pl181",
    .reset = pl181_reset,
    .fast_clock = pl181_fast_clock,
    .command = pl181_command,
    .start_data = pl181_start_data,
    .read_data = pl181_read_data,
    .write_data = pl181_write_data,
    .sent = pl181_sent,
    .irq_arm = pl181_irq_arm,
    .irq_done = pl181_irq_done,
};
