/* The tty driver: the serial console as a character device, with a line discipline (echo,
 * erase, kill, CR to NL, ^C to SIGINT) in cooked mode. Reads wait for a whole line; the UART is chosen
 * by the policy's arguments: "16550 PORT IRQ" or "pl011 ADDRESS IRQ". */
#include <driver.h>
#include "uart.h"
#include "../../lib/common/string.h"

#define LINE_MAX 256
#define CTRL(c) ((c) & 0x1f)

static const struct uart *uart;
static uint32_t irq;
static char line[LINE_MAX];
static uint32_t line_len;
static int line_done;          /* a whole line waits to be read */

static struct {                /* the one reader waiting for a line */
    endpoint_t who;
    grant_id_t grant;
    uint32_t count;
} reader = { NONE, 0, 0 };

static uint32_t parse_number(const char *s)
{
    uint32_t v = 0, base = 10;
    if (s[0] == '0' && s[1] == 'x') {
        base = 16;
        s += 2;
    }
    for (; *s; s++) {
        uint32_t d = *s >= '0' && *s <= '9' ? (uint32_t)(*s - '0') :
                     *s >= 'a' && *s <= 'f' ? (uint32_t)(*s - 'a' + 10) : 99;
        if (d >= base)
            break;
        v = v * base + d;
    }
    return v;
}

static void echo(char c)
{
    if (c == '\n')
        uart->putc('\r');
    uart->putc(c);
}

/* Hands the waiting reader the finished line (at most what it asked for). */
static void satisfy_reader(void)
{
    if (reader.who == NONE || !line_done)
        return;
    uint32_t n = line_len < reader.count ? line_len : reader.count;
    int r = sys_safecopyto(reader.who, reader.grant, 0, line, n);
    driver_reply(reader.who, r == OK ? (int)n : r);
    reader.who = NONE;
    line_len = 0;
    line_done = 0;
}

/* ^C: the reader's read fails with EINTR and its process group gets SIGINT. */
static void interrupt_reader(void)
{
    uart->putc('^'), uart->putc('C'), echo('\n');
    line_len = 0;
    line_done = 0;
    if (reader.who == NONE)
        return;
    endpoint_t who = reader.who;
    driver_reply(who, -EINTR);
    reader.who = NONE;
    struct pm_procinfo pi;
    message m = { 0 };
    m.m.pm.arg = ENDPOINT_SLOT(who);
    m.m.pm.grant = grant_make(PM_PROC, &pi, sizeof pi, GRANT_WRITE);
    m.m.pm.len = sizeof pi;
    m.m_type = PM_PROCINFO;
    int r = ipc_sendrec(PM_PROC, &m);
    grant_revoke(m.m.pm.grant);
    if (r != OK || m.m_type != OK || pi.endpoint != who || pi.pgid <= 0)
        return;
    memset(&m, 0, sizeof m);
    m.m_type = PM_KILL;
    m.m.pm.pid = -pi.pgid;
    m.m.pm.arg = OS_SIGINT;
    ipc_sendrec(PM_PROC, &m);
}

static void input(char c)
{
    if (c == CTRL('C')) {
        interrupt_reader();
        return;
    }
    if (line_done)
        return;                /* the previous line has not been read yet */
    if (c == '\r')
        c = '\n';
    if (c == 0x7f || c == '\b') {
        if (line_len > 0) {
            line_len--;
            uart->putc('\b'), uart->putc(' '), uart->putc('\b');
        }
        return;
    }
    if (c == CTRL('U')) {
        while (line_len > 0) {
            line_len--;
            uart->putc('\b'), uart->putc(' '), uart->putc('\b');
        }
        return;
    }
    if (line_len < LINE_MAX - 1 || c == '\n') {
        line[line_len++] = c;
        echo(c);
    }
    if (c == '\n')
        line_done = 1;
}

static void tty_interrupt(uint32_t bits)
{
    (void)bits;
    int c;
    while ((c = uart->getc()) >= 0)
        input((char)c);
    satisfy_reader();
    sys_irqctl(IRQ_ENABLE, irq, 0);
}

static int tty_write(endpoint_t caller, grant_id_t g, uint32_t count)
{
    char buf[64];
    for (uint32_t done = 0; done < count;) {
        uint32_t n = count - done < sizeof buf ? count - done : sizeof buf;
        int r = sys_safecopyfrom(caller, g, done, buf, n);
        if (r != OK)
            return done ? (int)done : r;
        for (uint32_t i = 0; i < n; i++)
            echo(buf[i]);
        done += n;
    }
    return (int)count;
}

static int tty_transfer(unsigned minor, int write, uint64_t pos, endpoint_t caller,
                        grant_id_t g, uint32_t count)
{
    (void)pos;
    if (minor != 0)
        return -ENXIO;
    if (write)
        return tty_write(caller, g, count);
    if (reader.who != NONE)
        return -EBUSY;
    reader.who = caller;
    reader.grant = g;
    reader.count = count;
    if (line_done) {
        satisfy_reader();
        return DRIVER_SUSPEND;   /* already answered */
    }
    return DRIVER_SUSPEND;
}

static int tty_init(int argc, char **argv)
{
    if (argc < 4)
        return -EINVAL;
    const struct uart *all[] = { &uart_16550, &uart_pl011 };
    for (int i = 0; i < 2; i++) {
        const char *a = all[i]->name, *b = argv[1];
        while (*a && *a == *b)
            a++, b++;
        if (!*a && !*b)
            uart = all[i];
    }
    if (!uart)
        return -EINVAL;
    irq = parse_number(argv[3]);
    int r = uart->init(parse_number(argv[2]));
    if (r == OK)
        r = sys_irqctl(IRQ_SETPOLICY, irq, 0);
    if (r == OK)
        log_printf("tty: console on %s %s, interrupt %u\n", argv[1], argv[2], (unsigned)irq);
    return r;
}

static const struct driver tty_driver = {
    .name = "tty",
    .init = tty_init,
    .transfer = tty_transfer,
    .interrupt = tty_interrupt,
};

int main(int argc, char **argv)
{
    driver_task(&tty_driver, argc, argv);
}
