/* Kernel messages on the board's early console, and panic. */
#include "kernel.h"
#include "board.h"

#define DENIALS_PER_SECOND 5

static void console_write(const char *s)
{
    for (; *s; s++) {
        if (*s == '\n')
            board_console_putc('\r');
        board_console_putc(*s);
    }
}

static void vprintk(const char *fmt, va_list ap)
{
    char buf[256];
    fmt_vsnprintf(buf, sizeof buf, fmt, ap);
    console_write(buf);
}

void printk(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

/* A refusal of something a process asked for. Any process can ask again and again, so at
 * most DENIALS_PER_SECOND lines a second are printed; the count of the rest follows. */
static uint64_t window;
static uint32_t shown, dropped;

void printk_init(void)
{
    window = 0;
    shown = dropped = 0;
}

void printk_denied(const char *fmt, ...)
{
    uint64_t second = clock_uptime() / HZ;
    if (second != window) {
        if (dropped)
            printk("kernel: %u more refusals not shown\n", (unsigned)dropped);
        window = second;
        shown = dropped = 0;
    }
    if (shown >= DENIALS_PER_SECOND) {
        dropped++;
        return;
    }
    shown++;
    va_list ap;
    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
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
