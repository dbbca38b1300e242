/* A 16550-style UART on memory-mapped registers (NS16550_SHIFT apart) as the kernel's
 * console: polled output, no interrupts. The loader (or QEMU) has set the baud rate. */
#include "../../kernel/board.h"
#include "../../arch/arm/arm.h"
#include "board_config.h"

#define THR 0
#define IER 1
#define LSR 5
#define LSR_THRE 0x20

static uint32_t reg(unsigned r) { return mmio_read(NS16550_BASE + (r << NS16550_SHIFT)); }
static void set(unsigned r, uint32_t v) { mmio_write(NS16550_BASE + (r << NS16550_SHIFT), v); }

void board_console_init(void)
{
    set(IER, 0);
}

void board_console_putc(char c)
{
    for (int i = 0; i < 100000 && !(reg(LSR) & LSR_THRE); i++)
        ;
    set(THR, (uint8_t)c);
}
