/* Kernel messages on the board's early console, and panic. */
#include "kernel.h"
#include "board.h"

static void console_write(const char *s)
{
    for (; *s; s++) {
        if (*s == '\n')
            board_console_putc('\r');
        board_console_putc(*s);
    }
}

void printk(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    fmt_vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    console_write(buf);
}

_Noreturn void panic(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    fmt_vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    console_write("\nkernel panic: ");
    console_write(buf);
    console_write("\nsystem halted\n");
    for (;;)
        arch_idle();
}
