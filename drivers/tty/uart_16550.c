/* The 16550 UART, reached two ways: through I/O ports the policy allows (the PC's COM
 * ports, "16550") or through registers mapped with SYS_PHYSMAP, 4 bytes apart as on the
 * Allwinner SoCs and most ARM boards ("ns16550"). The register logic is the same. */
#include "uart.h"

#define REGS_VA 0x20000000u   /* where the driver sees mapped registers */
#define RBR 0
#define THR 0
#define IER 1
#define MCR 4
#define LSR 5
#define LSR_DATA  0x01
#define LSR_EMPTY 0x20

static uint32_t port;
static volatile uint32_t *regs;   /* mapped registers, one a word; or 0 for I/O ports */

static uint32_t in(uint32_t reg)
{
    uint32_t v = 0;
    if (regs)
        return regs[reg];
    sys_devio(port + reg, 1, 0, &v);
    return v;
}

static void out(uint32_t reg, uint32_t v)
{
    if (regs)
        regs[reg] = v;
    else
        sys_devio(port + reg, 1, 1, &v);
}

static int start(void)
{
    out(IER, 0x01);          /* interrupt when data arrives */
    out(MCR, 0x0b);          /* DTR, RTS, OUT2: OUT2 lets the interrupt reach the PIC */
    return OK;
}

static int init_ports(uint32_t base)
{
    port = base;
    return start();
}

static int init_mmio(uint32_t base)
{
    int r = sys_physmap(base, REGS_VA, 4096);
    if (r != OK)
        return r;
    regs = (volatile uint32_t *)(uintptr_t)REGS_VA;
    return start();
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

const struct uart uart_16550 = { "16550", init_ports, getc, putc };
const struct uart uart_ns16550 = { "ns16550", init_mmio, getc, putc };
