/* File descriptors until there is a VFS: 0, 1 and 2 are the console, a character device; what
 * is written to 1 and 2 goes to the log server, which prints it a line at a time. Reading, and
 * every other descriptor or file operation, fails. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include "posix.h"

static int is_console(int fd)
{
    return fd >= 0 && fd <= 2;
}

/* In message-sized pieces; an interrupted or failed piece ends the write with what got out. */
_READ_WRITE_RETURN_TYPE _write(int fd, const void *buf, size_t len)
{
    if (fd != 1 && fd != 2)
        return posix_fail(-EBADF);
    if (len == 0)
        return 0;
    /* Through a grant: the log server copies, so a bad buffer is EFAULT, not a crash here. */
    grant_id_t g = grant_make(LOG_PROC, (void *)(uintptr_t)buf, len, GRANT_READ);
    if (g < 0)
        return posix_fail(g);
    message m = { 0 };
    m.m.log_grant.grant = g;
    m.m.log_grant.len = (uint32_t)len;
    int r = posix_call(LOG_PROC, LOG_WRITE_GRANT, &m);
    grant_revoke(g);
    return r < 0 ? -1 : (_READ_WRITE_RETURN_TYPE)r;
}

_READ_WRITE_RETURN_TYPE _read(int fd, void *buf, size_t len)
{
    (void)buf, (void)len;
    return posix_fail(fd == 0 ? -ENOSYS : -EBADF);
}

int _open(const char *path, int flags, int mode)
{
    (void)path, (void)flags, (void)mode;
    return posix_fail(-ENOSYS);
}

/* The console stays open: exit() closes the standard streams, and there is no other fd. */
int _close(int fd)
{
    return is_console(fd) ? 0 : posix_fail(-EBADF);
}

_off_t _lseek(int fd, _off_t offset, int whence)
{
    (void)offset, (void)whence;
    return posix_fail(is_console(fd) ? -ESPIPE : -EBADF);
}

int _link(const char *from, const char *to)
{
    (void)from, (void)to;
    return posix_fail(-ENOSYS);
}

int _unlink(const char *path)
{
    (void)path;
    return posix_fail(-ENOSYS);
}

int _stat(const char *path, struct stat *st)
{
    (void)path, (void)st;
    return posix_fail(-ENOSYS);
}

int _fstat(int fd, struct stat *st)
{
    if (!is_console(fd))
        return posix_fail(-EBADF);
    memset(st, 0, sizeof *st);
    st->st_mode = S_IFCHR | 0620;
    return 0;
}

/* newlib line-buffers stdout when this says it is a terminal. */
int _isatty(int fd)
{
    if (is_console(fd))
        return 1;
    errno = EBADF;
    return 0;
}
