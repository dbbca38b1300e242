/* ARM PrimeCell PL190 vectored interrupt controller (Versatile) behind the board's interrupt
 * interface: 32 lines, all IRQ (no FIQ), not vectored: we read the status and pick a line. */
#include "../../kernel/kernel.h"
#include "../../kernel/board.h"
#include "../../arch/arm/arm.h"
#include "board_config.h"

#define VIC_IRQSTATUS  0x000
#define VIC_INTSELECT  0x00c
#define VIC_INTENABLE  0x010
#define VIC_INTENCLEAR 0x014
#define VIC_SOFTINTCLR 0x01c
#define VIC_PROTECTION 0x020
#define VIC_VECTCNTL0  0x200
#define NR_LINES       32
#define NR_VECTORS     16
#define SIC_ENCLR      0x0c
#define SIC_PICENSET   0x20

/* The PL190's vector priority logic stays out of the way as long as VICVectAddr is never
 * read: every enabled line then reaches IRQ, and board_irq_claim chooses. */
void board_irq_init(void)
{
    mmio_write(VIC_BASE + VIC_INTENCLEAR, 0xffffffffu);
    mmio_write(VIC_BASE + VIC_SOFTINTCLR, 0xffffffffu);
    mmio_write(VIC_BASE + VIC_INTSELECT, 0);          /* every line is an IRQ, none FIQ */
    mmio_write(VIC_BASE + VIC_PROTECTION, 0);
    for (unsigned i = 0; i < NR_VECTORS; i++)
        mmio_write(VIC_BASE + VIC_VECTCNTL0 + 4 * i, 0);
#ifdef SIC_BASE
    /* Versatile: a secondary controller hangs off the VIC. Its own outputs stay off; the
     * lines it passes straight through (the MMCI's among them) appear as VIC lines. */
    mmio_write(SIC_BASE + SIC_ENCLR, 0xffffffffu);
    mmio_write(SIC_BASE + SIC_PICENSET, SIC_PASSTHROUGH);
#endif
}

void board_irq_mask(unsigned line)
{
    if (line < NR_LINES)
        mmio_write(VIC_BASE + VIC_INTENCLEAR, 1u << line);
}

void board_irq_unmask(unsigned line)
{
    if (line < NR_LINES)
        mmio_write(VIC_BASE + VIC_INTENABLE, 1u << line);
}

/* Lines are level sensitive: the device, not the VIC, is told that it was served. */
void board_irq_eoi(unsigned line)
{
    (void)line;
}

unsigned board_irq_count(void)
{
    return NR_LINES;
}

int board_irq_claim(void)
{
    uint32_t pending = mmio_read(VIC_BASE + VIC_IRQSTATUS);
    return pending ? __builtin_ctz(pending) : -1;
}
