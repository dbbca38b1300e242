/* ARM PL011 UART as the kernel's console: polled output, no interrupts. The loader (or
 * QEMU) has set the baud rate; we only make sure the transmitter is on. */
#include "../../kernel/board.h"
#include "../../arch/arm/arm.h"
#include "board_config.h"

#define UART_DR   0x00
#define UART_FR   0x18
#define UART_CR   0x30
#define UART_IMSC 0x38
#define FR_TXFF   0x20
#define CR_ENABLE 0x301        /* UARTEN, TXE, RXE */

void board_console_init(void)
{
    mmio_write(PL011_BASE + UART_IMSC, 0);
    mmio_write(PL011_BASE + UART_CR, mmio_read(PL011_BASE + UART_CR) | CR_ENABLE);
}

void board_console_putc(char c)
{
    for (int i = 0; i < 100000 && (mmio_read(PL011_BASE + UART_FR) & FR_TXFF); i++)
        ;
    mmio_write(PL011_BASE + UART_DR, (uint8_t)c);
}
