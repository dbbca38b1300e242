/* System calls as messages: one request and reply, and the translation of the kernel's and
 * the servers' negative errors into errno. */
#include <errno.h>
#include <time.h>
#include "posix.h"

/* IPC failures mean the server is not there for us (none in this boot image, or not among
 * the destinations we may send to): to a program that is an unimplemented call. */
static int errno_of(int err)
{
    switch (err) {
    case EDEADSRCDST: case ENOTREADY: case ETRAPDENIED: case EDSTDENIED: case ECALLDENIED:
    case EBADREQUEST: case EBADEPT:
        return ENOSYS;
    case ENOGRANT:
        return EFAULT;
    case EIOPERM:
        return EPERM;
    default:
        return err;
    }
}

int posix_fail(int err)
{
    errno = errno_of(err < 0 ? -err : err);
    return -1;
}

int posix_call(endpoint_t server, int type, message *m)
{
    m->m_type = type;
    int r = ipc_sendrec(server, m);
    if (r != OK)
        return posix_fail(r);
    return m->m_type < 0 ? posix_fail(m->m_type) : m->m_type;
}

void posix_touch(void *addr, size_t len)
{
    uintptr_t at = (uintptr_t)addr, last = at + len - 1;
    if (len == 0 || at < USER_BASE || last < at || last >= USER_TOP)
        return;
    for (;;) {
        volatile char *p = (volatile char *)at;
        *p = *p;
        if (PAGE_DOWN(at) == PAGE_DOWN(last))
            return;
        at = PAGE_DOWN(at) + PAGE_SIZE;
    }
}

clock_t posix_ticks_to_clock(uint64_t ticks)
{
    return (clock_t)(ticks * CLOCKS_PER_SEC / KERNEL_HZ);
}
