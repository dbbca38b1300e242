/* ARM Generic Interrupt Controller v2 (the GIC-400 and QEMU's virt GIC) behind the board's
 * interrupt interface: one CPU, every line at one priority, lines masked until asked for. */
#include "../../kernel/kernel.h"
#include "../../kernel/board.h"
#include "../../arch/arm/arm.h"
#include "board_config.h"

#define GICD_CTLR       0x000
#define GICD_TYPER      0x004
#define GICD_ISENABLER  0x100
#define GICD_ICENABLER  0x180
#define GICD_ICPENDR    0x280
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR  0x800
#define GICC_CTLR       0x00
#define GICC_PMR        0x04
#define GICC_BPR        0x08
#define GICC_IAR        0x0c
#define GICC_EOIR       0x10
#define SPURIOUS        1020
#define FIRST_SPI       32

static unsigned nr_lines;

void board_irq_init(void)
{
    nr_lines = ((mmio_read(GICD_BASE + GICD_TYPER) & 0x1f) + 1) * 32;
    if (nr_lines > SPURIOUS)
        nr_lines = SPURIOUS;
    mmio_write(GICD_BASE + GICD_CTLR, 0);
    for (unsigned i = 0; i < nr_lines / 32; i++) {
        mmio_write(GICD_BASE + GICD_ICENABLER + 4 * i, 0xffffffffu);
        mmio_write(GICD_BASE + GICD_ICPENDR + 4 * i, 0xffffffffu);
    }
    for (unsigned i = 0; i < nr_lines / 4; i++) {
        mmio_write(GICD_BASE + GICD_IPRIORITYR + 4 * i, 0xa0a0a0a0u);
        if (i >= FIRST_SPI / 4)
            mmio_write(GICD_BASE + GICD_ITARGETSR + 4 * i, 0x01010101u);   /* CPU 0 */
    }
    mmio_write(GICD_BASE + GICD_CTLR, 1);
    mmio_write(GICC_BASE + GICC_PMR, 0xf0);
    mmio_write(GICC_BASE + GICC_BPR, 0);
    mmio_write(GICC_BASE + GICC_CTLR, 1);
}

void board_irq_mask(unsigned line)
{
    if (line < nr_lines)
        mmio_write(GICD_BASE + GICD_ICENABLER + 4 * (line / 32), 1u << (line % 32));
}

void board_irq_unmask(unsigned line)
{
    if (line < nr_lines)
        mmio_write(GICD_BASE + GICD_ISENABLER + 4 * (line / 32), 1u << (line % 32));
}

void board_irq_eoi(unsigned line)
{
    mmio_write(GICC_BASE + GICC_EOIR, line);
}

unsigned board_irq_count(void)
{
    return nr_lines;
}

int board_irq_claim(void)
{
    uint32_t line = mmio_read(GICC_BASE + GICC_IAR) & 0x3ff;
    return line >= SPURIOUS ? -1 : (int)line;
}
