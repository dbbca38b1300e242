/* The one message loop of every driver: requests are dispatched to the driver's callbacks
 * and answered; interrupts and alarms arrive as notifications. */
#include "driver.h"

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

void driver_reply(endpoint_t caller, int status)
{
    message m = { 0 };
    m.m_type = status;
    ipc_sendnb(caller, &m);
}

_Noreturn void driver_task(const struct driver *d, int argc, char **argv)
{
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
        int r = dispatch(d, &m);
        if (r == DRIVER_SUSPEND)
            continue;
        m.m_type = r;
        ipc_sendnb(m.m_source, &m);
    }
}
