/* The one message loop of every driver: requests are dispatched to the driver's callbacks
 * and answered; interrupts and alarms arrive as notifications. Requests that wait are
 * answered later, to asynchronous callers through a queue they drain with DEV_STATUS. */
#include "driver.h"

#define DONE_MAX 32

static struct dev_req current;
static const char *name = "driver";   /* the driver's, for its log lines */
static struct done { struct dev_req req; int status; } done[DONE_MAX];
static int done_count;

const struct dev_req *driver_current(void)
{
    return &current;
}

static void drop_done(int i)
{
    done[i] = done[--done_count];
}

static int status(message *m)
{
    for (int i = 0; i < done_count; i++)
        if (done[i].req.caller == m->m_source) {
            m->m.dev.id = done[i].req.id;
            int r = done[i].status;
            drop_done(i);
            return r;
        }
    return -ENOENT;
}

static int cancel(const struct driver *d, message *m)
{
    for (int i = 0; i < done_count; i++)
        if (done[i].req.caller == m->m_source && done[i].req.id == m->m.dev.id) {
            drop_done(i);
            return -ENOENT;   /* it had ended; now it is forgotten */
        }
    return d->cancel ? d->cancel(m->m_source, m->m.dev.id) : -ENOENT;
}

static int dispatch(const struct driver *d, message *m)
{
    struct dev_payload *a = &m->m.dev;
    switch (m->m_type) {
    case DEV_OPEN:
        return d->open ? d->open(a->minor, a->access) : OK;
    case DEV_CLOSE:
        return d->close ? d->close(a->minor) : OK;
    case DEV_READ:
    case DEV_WRITE:
        if (!d->transfer)
            return -ENODEV;
        return d->transfer(a->minor, m->m_type == DEV_WRITE, a->pos, m->m_source, a->grant, a->count);
    case DEV_IOCTL:
        return d->ioctl ? d->ioctl(a->minor, a->request, m->m_source, a->grant) : -ENOTTY;
    case DEV_SELECT:
        return d->select ? d->select(a->minor, a->request) : (int)(a->request & (SEL_RD | SEL_WR));
    case DEV_CANCEL:
        return cancel(d, m);
    case DEV_STATUS:
        return status(m);
    default:
        return -EBADREQUEST;
    }
}

static void notification(const struct driver *d, const message *m)
{
    if (rs_heartbeat(m))
        return;
    if (m->m_source == HARDWARE && d->interrupt)
        d->interrupt(m->m.notify.irq_pending);
    else if (m->m_source == CLOCK && d->alarm)
        d->alarm();
}

/* A reply the kernel refuses for the driver's own fault (a trap it may not use, no such
 * trap, its own message out of reach) means a flipped bit broke its code: its callers would
 * wait for ever while it goes on answering RS's heartbeats. It ends for a fresh copy. A
 * caller no longer waiting, or gone, is the caller's business. */
static void send_reply(endpoint_t to, message *m)
{
    int r = ipc_sendnb(to, m);
    if (r == -ETRAPDENIED || r == -EBADREQUEST || r == -EFAULT) {
        log_printf("%s: a reply was refused (%s); ending for a fresh copy\n", name, err_name(r));
        sys_exit(1);
    }
}

void driver_reply(const struct dev_req *req, int st)
{
    if (req->async) {
        if (done_count == DONE_MAX) {
            log_printf("%s: too many unanswered requests; dropping one\n", name);
            drop_done(0);
        }
        done[done_count++] = (struct done){ *req, st };
        ipc_notify(req->caller);
        return;
    }
    message m = { 0 };
    m.m_type = st;
    m.m.dev.id = req->id;
    send_reply(req->caller, &m);
}

_Noreturn void driver_task(const struct driver *d, int argc, char **argv)
{
    name = d->name;
    int r = d->init ? d->init(argc, argv) : OK;
    if (r != OK) {
        log_printf("%s: cannot start: %s\n", d->name, err_name(r));
        sys_exit(1);
    }
    rs_init_done();
    for (;;) {
        message m;
        if (ipc_receive(ANY, &m) != OK)
            continue;
        if (m.m_type == NOTIFY_MESSAGE) {
            notification(d, &m);
            continue;
        }
        if (fi_check(&m))
            continue;
        current = (struct dev_req){ m.m_source, m.m.dev.id, (m.m.dev.flags & DEV_ASYNC) != 0 };
        int r = dispatch(d, &m);
        if (r == DRIVER_SUSPEND) {
            if (!current.async)
                continue;
            r = -ESUSPEND;
        }
        m.m_type = r;
        send_reply(m.m_source, &m);
    }
}
