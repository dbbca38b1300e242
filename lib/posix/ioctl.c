/* ioctl: the request's argument goes to the device by grant, so its size and direction must be
 * known here; the table lists the requests of include/os/fs.h. */
#include <stdarg.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include "posix.h"

/* <sys/termios.h> and <sys/ioctl.h> are the protocol's records under their POSIX names. */
_Static_assert(sizeof(struct termios) == sizeof(struct os_termios), "termios is os_termios");
_Static_assert(offsetof(struct termios, c_cc) == offsetof(struct os_termios, c_cc), "c_cc");
_Static_assert(NCCS == OS_NCCS, "NCCS");
_Static_assert(offsetof(struct termios, c_ispeed) == offsetof(struct os_termios, c_ispeed), "speeds");
_Static_assert(sizeof(struct winsize) == sizeof(struct os_winsize), "winsize is os_winsize");
_Static_assert(sizeof(pid_t) == sizeof(int32_t), "TIOCGPGRP carries a pid_t");

struct ioctl_arg {
    unsigned long request;
    uint32_t size;
    uint32_t access;       /* GRANT_WRITE: the device fills it in */
};

static const struct ioctl_arg ioctl_args[] = {
    { TCGETS, sizeof(struct os_termios), GRANT_WRITE },
    { TCSETS, sizeof(struct os_termios), GRANT_READ },
    { TCSETSW, sizeof(struct os_termios), GRANT_READ },
    { TCSETSF, sizeof(struct os_termios), GRANT_READ },
    { TIOCGPGRP, sizeof(int32_t), GRANT_WRITE },
    { TIOCSPGRP, sizeof(int32_t), GRANT_READ },
    { TIOCGWINSZ, sizeof(struct os_winsize), GRANT_WRITE },
    { DIOCGETSIZE, sizeof(uint64_t), GRANT_WRITE },
};

/* A request the table does not know is not one for any device here. */
int ioctl(int fd, unsigned long request, ...)
{
    const struct ioctl_arg *a = NULL;
    for (size_t i = 0; i < sizeof ioctl_args / sizeof ioctl_args[0]; i++)
        if (ioctl_args[i].request == request)
            a = &ioctl_args[i];
    if (!a)
        return posix_fail(-ENOTTY);
    va_list ap;
    va_start(ap, request);
    void *arg = va_arg(ap, void *);
    va_end(ap);
    if (!arg)
        return posix_fail(-EFAULT);
    message m = { 0 };
    m.m.vfs.fd = fd;
    m.m.vfs.arg = (uint32_t)request;
    struct vfs_span s = { arg, a->size, a->access };
    return vfs_request(VFS_IOCTL, &m, s, VFS_NO_SPAN);
}
