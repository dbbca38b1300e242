/* The interface every board (board/<name>/) implements: console, interrupt controller,
 * timer, memory map, reset. The board is chosen at build time, never tested at run time. */
#ifndef KERNEL_BOARD_H
#define KERNEL_BOARD_H

#include <os/types.h>

extern const char board_name[];

void board_console_init(void);
void board_console_putc(char c);

void board_irq_init(void);
void board_irq_mask(unsigned line);
void board_irq_unmask(unsigned line);
void board_irq_eoi(unsigned line);
unsigned board_irq_count(void);

void board_timer_init(unsigned hz);
unsigned board_timer_irq(void);
void board_timer_ack(void);

/* Physical memory the kernel may hand out, after the kernel image and the boot image. */
void board_memory(phys_bytes *base, phys_bytes *limit);
/* The boot image (the packed boot processes), as a physical range. */
int board_boot_image(phys_bytes *base, phys_bytes *size);
/* Other ranges inside board_memory the loader filled (the device tree): the i-th, or
 * -ENOENT past the last. The kernel keeps them and the boot image out of its pool. */
int board_reserved(unsigned i, phys_bytes *base, phys_bytes *size);

_Noreturn void board_poweroff(void);
_Noreturn void board_reboot(void);

#endif
