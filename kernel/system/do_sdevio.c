/* SYS_SDEVIO: a run of reads or writes of one I/O port the caller's privileges include, to
 * or from the caller's memory: an ATA sector is 256 port reads, one kernel call.
 * In: port, width (2 or 4), write, buf, len (a multiple of width, at most SDEVIO_MAX). */
#include "../system.h"
#include <string.h>

#define CHUNK 512

/* n bytes between data and the port; ports are little-endian like every CPU with them. */
static int port_run(uint32_t port, uint32_t width, int write, uint8_t *data, uint32_t n)
{
    for (uint32_t i = 0; i < n; i += width) {
        uint32_t v = 0;
        if (write)
            memcpy(&v, data + i, width);
        int r = arch_port_io(port, width, write, &v);
        if (r != OK)
            return r;
        if (!write)
            memcpy(data + i, &v, width);
    }
    return OK;
}

int do_sdevio(struct proc *caller, message *m)
{
    const struct kc_sdevio *a = &m->m.sdevio;
    static uint8_t data[CHUNK];   /* the kernel runs one call at a time */
    if ((a->width != 2 && a->width != 4) || a->len == 0 || a->len > SDEVIO_MAX ||
        a->len % a->width)
        return -EINVAL;
    if (!priv_may_io(caller, a->port, a->width)) {
        printk_denied("kernel: denied I/O port 0x%x to %s (endpoint %d)\n", (unsigned)a->port,
               caller->name, (int)caller->endpoint);
        return -EIOPERM;
    }
    for (uint32_t done = 0; done < a->len; done += CHUNK) {
        uint32_t n = a->len - done < CHUNK ? a->len - done : CHUNK;
        int r = a->write ? copy_from_user(caller, a->buf + done, data, n) : OK;
        if (r == OK)
            r = port_run(a->port, a->width, a->write != 0, data, n);
        if (r == OK && !a->write)
            r = copy_to_user(caller, a->buf + done, data, n);
        if (r != OK)
            return r;
    }
    return OK;
}
