/* The tty driver: the serial console as a character device with a termios line discipline:
 * cooked mode (echo, erase, kill, ^D, CR to NL, ^C to SIGINT) or raw, several waiting readers
 * and select. The UART comes from the policy's arguments: "16550 PORT IRQ", "ns16550 ADDR IRQ"
 * or "pl011 ADDR IRQ". */
#include <driver.h>
#include "uart.h"
#include "../../lib/common/string.h"

#define INPUT_MAX 1024
#define WAITERS 8
#define CTRL(c) ((c) & 0x1f)

static const struct uart *uart;
static uint32_t irq;
static struct os_termios tio;
static int32_t fg_pgrp;                  /* the foreground process group, 0 if none was set */

/* Input ready to read, and the line being edited (cooked mode only). */
static char input_buf[INPUT_MAX];
static uint32_t input_head, input_len, input_lines, input_eofs;
static char edit[256];
static uint32_t edit_len;

/* Reads and selects that wait for input. */
static struct waiter {
    struct dev_req req;
    grant_id_t grant;
    uint32_t count;
    int select;                          /* a select for SEL_RD, not a read */
    int used;
} waiters[WAITERS];

#include "termios_default.h"

/* What a restarted tty takes back from DS: the settings programs made. */
#define STATE_KEY "tty.state"
struct tty_state {
    struct os_termios tio;
    int32_t fg_pgrp;
};

static void save_state(void)
{
    struct tty_state st = { tio, fg_pgrp };
    ds_publish_blob(STATE_KEY, &st, sizeof st, DSF_PRIVATE | DSF_OVERWRITE);
}

static void restore_state(void)
{
    struct tty_state st;
    tio = termios_default;
    if (ds_retrieve_blob(STATE_KEY, &st, sizeof st) == (int)sizeof st) {
        tio = st.tio;
        fg_pgrp = st.fg_pgrp;
        log_printf("tty: settings taken back from before the restart\n");
    }
}

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

static void out(char c)
{
    if (c == '\n' && (tio.c_oflag & OS_OPOST) && (tio.c_oflag & OS_ONLCR))
        uart->putc('\r');
    uart->putc(c);
}

static void echo(char c)
{
    if (!(tio.c_lflag & OS_ECHO))
        return;
    if ((unsigned char)c < ' ' && c != '\n' && c != '\t')
        out('^'), out((char)(c + '@'));
    else
        out(c);
}

static void push(char c)
{
    if (input_len == INPUT_MAX)
        return;
    input_buf[(input_head + input_len++) % INPUT_MAX] = c;
}

static char pop(void)
{
    char c = input_buf[input_head];
    input_head = (input_head + 1) % INPUT_MAX;
    input_len--;
    return c;
}

static int cooked(void)
{
    return (tio.c_lflag & OS_ICANON) != 0;
}

/* Whether a read can finish now: a whole line (or ^D) in cooked mode, VMIN bytes in raw. */
static int readable(void)
{
    if (cooked())
        return input_lines > 0 || input_eofs > 0;
    return input_len > 0 && input_len >= (tio.c_cc[OS_VMIN] ? tio.c_cc[OS_VMIN] : 1);
}

/* Takes what one read gets: up to a line in cooked mode; ^D alone ends the line. */
static uint32_t take(char *buf, uint32_t count)
{
    uint32_t n = 0;
    while (n < count && input_len > 0) {
        char c = pop();
        if (cooked() && c == (char)tio.c_cc[OS_VEOF]) {
            input_eofs--;
            break;
        }
        buf[n++] = c;
        if (cooked() && c == '\n') {
            input_lines--;
            break;
        }
    }
    return n;
}

static int read_now(endpoint_t caller, grant_id_t g, uint32_t count)
{
    char buf[INPUT_MAX];
    uint32_t n = take(buf, count < sizeof buf ? count : sizeof buf);
    int r = sys_safecopyto(caller, g, 0, buf, n);
    return r == OK ? (int)n : r;
}

/* Answers every waiter that can go on now. */
static void wake_waiters(void)
{
    for (int i = 0; i < WAITERS; i++) {
        struct waiter *w = &waiters[i];
        if (!w->used || !readable())
            continue;
        w->used = 0;
        driver_reply(&w->req, w->select ? SEL_RD : read_now(w->req.caller, w->grant, w->count));
    }
}

static int add_waiter(grant_id_t g, uint32_t count, int select)
{
    for (int i = 0; i < WAITERS; i++)
        if (!waiters[i].used) {
            waiters[i] = (struct waiter){ *driver_current(), g, count, select, 1 };
            return DRIVER_SUSPEND;
        }
    return -EAGAIN;
}

/* The process group of a program that called the driver itself, for ^C without a
 * foreground group; 0 if there is none (the caller is VFS, or gone). */
static int32_t pgrp_of(endpoint_t who)
{
    struct pm_procinfo pi;
    message m = { 0 };
    m.m.pm.arg = ENDPOINT_SLOT(who);
    m.m.pm.grant = grant_make(PM_PROC, &pi, sizeof pi, GRANT_WRITE);
    m.m.pm.len = sizeof pi;
    m.m_type = PM_PROCINFO;
    int r = ipc_sendrec(PM_PROC, &m);
    grant_revoke(m.m.pm.grant);
    return r == OK && m.m_type == OK && pi.endpoint == who && pi.pgid > 0 ? pi.pgid : 0;
}

/* ^C: pending input goes, waiting reads fail with EINTR, the foreground group gets SIGINT. */
static void interrupt_key(char c)
{
    echo(c), out('\n');
    input_len = input_lines = input_eofs = edit_len = 0;
    int32_t pgrp = fg_pgrp;
    for (int i = 0; i < WAITERS; i++) {
        struct waiter *w = &waiters[i];
        if (!w->used || w->select)
            continue;
        if (!pgrp)
            pgrp = pgrp_of(w->req.caller);
        w->used = 0;
        driver_reply(&w->req, -EINTR);
    }
    if (pgrp <= 0)
        return;
    message m = { 0 };
    m.m_type = PM_KILL;
    m.m.pm.pid = -pgrp;
    m.m.pm.arg = OS_SIGINT;
    ipc_sendrec(PM_PROC, &m);
}

static void erase_one(void)
{
    if (edit_len == 0)
        return;
    edit_len--;
    if (tio.c_lflag & OS_ECHO)
        uart->putc('\b'), uart->putc(' '), uart->putc('\b');
}

/* One received byte through the line discipline. */
static void input(char c)
{
    if ((tio.c_iflag & OS_IGNCR) && c == '\r')
        return;
    if ((tio.c_iflag & OS_ICRNL) && c == '\r')
        c = '\n';
    else if ((tio.c_iflag & OS_INLCR) && c == '\n')
        c = '\r';
    if ((tio.c_lflag & OS_ISIG) && c == (char)tio.c_cc[OS_VINTR]) {
        interrupt_key(c);
        return;
    }
    if (!cooked()) {
        push(c);
        echo(c);
        return;
    }
    if (c == (char)tio.c_cc[OS_VERASE] || c == '\b') {
        erase_one();
        return;
    }
    if (c == (char)tio.c_cc[OS_VKILL]) {
        while (edit_len > 0)
            erase_one();
        return;
    }
    int eof = c == (char)tio.c_cc[OS_VEOF];
    if (!eof && c != '\n' && edit_len < sizeof edit - 1) {
        edit[edit_len++] = c;
        echo(c);
        return;
    }
    if (!eof && c != '\n')
        return;                          /* the line is full: only its end is taken */
    if (input_len + edit_len + 1 > INPUT_MAX)
        return;
    for (uint32_t i = 0; i < edit_len; i++)
        push(edit[i]);
    edit_len = 0;
    push(c);
    if (eof)
        input_eofs++;
    else
        input_lines++, echo(c);
}

static void tty_interrupt(uint32_t bits)
{
    (void)bits;
    int c;
    while ((c = uart->getc()) >= 0)
        input((char)c);
    wake_waiters();
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
            out(buf[i]);
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
    if (count == 0)
        return 0;
    if (readable() || (!cooked() && tio.c_cc[OS_VMIN] == 0))
        return read_now(caller, g, count);
    return add_waiter(g, count, 0);
}

static int tty_select(unsigned minor, uint32_t ops)
{
    if (minor != 0)
        return -ENXIO;
    int ready = (int)(ops & SEL_WR);
    if ((ops & SEL_RD) && readable())
        ready |= SEL_RD;
    if (ready || !(ops & SEL_RD))
        return ready;
    return add_waiter(0, 0, 1);
}

static int tty_cancel(endpoint_t caller, uint32_t id)
{
    for (int i = 0; i < WAITERS; i++)
        if (waiters[i].used && waiters[i].req.caller == caller && waiters[i].req.id == id) {
            waiters[i].used = 0;
            return OK;
        }
    return -ENOENT;
}

static int tty_ioctl(unsigned minor, uint32_t request, endpoint_t caller, grant_id_t g)
{
    if (minor != 0)
        return -ENXIO;
    struct os_winsize ws = { 24, 80, 0, 0 };
    struct os_termios t;
    int r;
    switch (request) {
    case TCGETS:
        return sys_safecopyto(caller, g, 0, &tio, sizeof tio);
    case TCSETSF:
        input_len = input_lines = input_eofs = edit_len = 0;
        /* fall through */
    case TCSETS:
    case TCSETSW:
        if ((r = sys_safecopyfrom(caller, g, 0, &t, sizeof t)) != OK)
            return r;
        tio = t;
        if (!cooked()) {                 /* the half-edited line becomes input */
            for (uint32_t i = 0; i < edit_len; i++)
                push(edit[i]);
            edit_len = 0;
        }
        save_state();
        wake_waiters();
        return OK;
    case TIOCGPGRP:
        return sys_safecopyto(caller, g, 0, &fg_pgrp, sizeof fg_pgrp);
    case TIOCSPGRP:
        if ((r = sys_safecopyfrom(caller, g, 0, &fg_pgrp, sizeof fg_pgrp)) == OK)
            save_state();
        return r;
    case TIOCGWINSZ:
        return sys_safecopyto(caller, g, 0, &ws, sizeof ws);
    default:
        return -ENOTTY;
    }
}

static int tty_init(int argc, char **argv)
{
    if (argc < 4)
        return -EINVAL;
    const struct uart *all[] = { &uart_16550, &uart_ns16550, &uart_pl011 };
    for (unsigned i = 0; i < sizeof all / sizeof all[0]; i++)
        if (strcmp(all[i]->name, argv[1]) == 0)
            uart = all[i];
    if (!uart)
        return -EINVAL;
    restore_state();
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
    .ioctl = tty_ioctl,
    .select = tty_select,
    .cancel = tty_cancel,
    .interrupt = tty_interrupt,
};

int main(int argc, char **argv)
{
    driver_task(&tty_driver, argc, argv);
}
