/* SYS_DEVIO: one read or write of an I/O port the caller's privileges include.
 * In: port, width (1, 2 or 4), write, value. Out: value (reads). */
#include "../system.h"

int do_devio(struct proc *caller, message *m)
{
    struct kc_devio *a = &m->m.devio;
    if (a->width != 1 && a->width != 2 && a->width != 4)
        return -EINVAL;
    if (!priv_may_io(caller, a->port, a->width)) {
        printk_denied("kernel: denied I/O port 0x%x to %s (endpoint %d)\n", (unsigned)a->port,
               caller->name, (int)caller->endpoint);
        return -EIOPERM;
    }
    return arch_port_io(a->port, a->width, a->write != 0, &a->value);
}
