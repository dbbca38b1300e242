/* The ARM PL011 UART, its registers mapped into the driver with SYS_PHYSMAP. */
#include "uart.h"

#define REGS_VA 0x20000000u   /* where the driver sees the registers */
#define DR   0x00
#define FR   0x18
#define IMSC 0x38
#define ICR  0x44
#define FR_RXFE 0x10
#define FR_TXFF 0x20
#define RXIM 0x10

static volatile uint32_t *regs;

static uint32_t reg(uint32_t off) { return regs[off / 4]; }
static void set(uint32_t off, uint32_t v) { regs[off / 4] = v; }

static int init(uint32_t base)
{
    int r = sys_physmap(base, REGS_VA, 4096);
    if (r != OK)
        return r;
    regs = (volatile uint32_t *)(uintptr_t)REGS_VA;
    set(ICR, 0x7ff);
    set(IMSC, RXIM);   /* interrupt when data arrives */
    return OK;
}

static int getc(void)
{
    return reg(FR) & FR_RXFE ? -1 : (int)(reg(DR) & 0xff);
}

static void putc(char c)
{
    for (int i = 0; i < 10000 && (reg(FR) & FR_TXFF); i++)
        ;
    set(DR, (uint8_t)c);
}

const struct uart uart_pl011 = { "pl011", init, getc, putc };
