/* The UARTs the tty driver can run a console on, behind one small interface. */
#ifndef TTY_UART_H
#define TTY_UART_H

#include <libsys.h>

struct uart {
    const char *name;
    int (*init)(uint32_t base);        /* map or claim the registers; receive interrupts on */
    int (*getc)(void);                 /* a received byte, or -1 */
    void (*putc)(char c);
};

extern const struct uart uart_16550, uart_ns16550, uart_pl011;

#endif
