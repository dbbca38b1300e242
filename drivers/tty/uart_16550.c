/* The 16550 UART (the PC's COM ports) through I/O ports the policy allows. */
#include "uart.h"

#define RBR 0
#define THR 0
#define IER 1
#define MCR 4
#define LSR 5
#define LSR_DATA  0x01
#define LSR_EMPTY 0x20

static uint32_t port;

static uint32_t in(uint32_t reg)
{
    uint32_t v = 0;
    sys_devio(port + reg, 1, 0, &v);
    return v;
}

static void out(uint32_t reg, uint32_t v)
{
    sys_devio(port + reg, 1, 1, &v);
}

static int init(uint32_t base)
{
    port = base;
    out(IER, 0x01);          /* interrupt when data arrives */
    out(MCR, 0x0b);          /* DTR, RTS, OUT2: OUT2 lets the interrupt reach the PIC */
    return OK;
}

static int getc(void)
{
    return in(LSR) & LSR_DATA ? (int)(in(RBR) & 0xff) : -1;
}

static void putc(char c)
{
    for (int i = 0; i < 10000 && !(in(LSR) & LSR_EMPTY); i++)
        ;
    out(THR, (uint8_t)c);
}

const struct uart uart_16550 = { "16550", init, getc, putc };
