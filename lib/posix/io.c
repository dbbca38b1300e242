/* newlib's hooks for files (its read, write, open, close, lseek, stat, fstat, link, unlink and
 * isatty call these), through VFS. Without a VFS in the system, as in the test images, fds 0,
 * 1 and 2 are the console, a character device whose output goes to the log server a line at
 * a time; reading it, and every other descriptor or file, fails as before VFS existed. */
#include <string.h>
#include <sys/stat.h>
#include "posix.h"

static int is_console(int fd)
{
    return fd >= 0 && fd <= 2;
}

/* Through a grant: the log server copies, so a bad buffer is EFAULT, not a crash here. */
static int log_write(int fd, const void *buf, size_t len)
{
    if (fd != 1 && fd != 2)
        return posix_fail(-EBADF);
    if (len == 0)
        return 0;
    grant_id_t g = grant_make(LOG_PROC, (void *)(uintptr_t)buf, len, GRANT_READ);
    if (g < 0)
        return posix_fail(g);
    message m = { 0 };
    m.m.log_grant.grant = g;
    m.m.log_grant.len = (uint32_t)len;
    int r = posix_call(LOG_PROC, LOG_WRITE_GRANT, &m);
    grant_revoke(g);
    return r;
}

_READ_WRITE_RETURN_TYPE _write(int fd, const void *buf, size_t len)
{
    message m = { 0 };
    m.m.vfs.fd = fd;
    int r = vfs_request(VFS_WRITE, &m, VFS_IN(buf, len), VFS_NO_SPAN);
    return vfs_absent() ? log_write(fd, buf, len) : r;
}

_READ_WRITE_RETURN_TYPE _read(int fd, void *buf, size_t len)
{
    message m = { 0 };
    m.m.vfs.fd = fd;
    int r = vfs_request(VFS_READ, &m, VFS_OUT(buf, len), VFS_NO_SPAN);
    if (vfs_absent())
        return posix_fail(fd == 0 ? -ENOSYS : -EBADF);
    return r;
}

int _open(const char *path, int flags, int mode)
{
    message m = { 0 };
    m.m.vfs.flags = (uint32_t)flags;
    m.m.vfs.mode = (uint32_t)mode;
    return vfs_path(VFS_OPEN, path, &m);
}

/* Without VFS the console stays open: exit() closes the standard streams. */
int _close(int fd)
{
    message m = { 0 };
    m.m.vfs.fd = fd;
    int r = vfs_call(VFS_CLOSE, &m);
    if (vfs_absent())
        return is_console(fd) ? 0 : posix_fail(-EBADF);
    return r < 0 ? -1 : 0;
}

/* VFS moves the position in 64 bits; newlib's off_t is a long. */
_off_t _lseek(int fd, _off_t offset, int whence)
{
    message m = { 0 };
    m.m.vfs.fd = fd;
    m.m.vfs.pos = offset;
    m.m.vfs.flags = (uint32_t)whence;
    if (vfs_call(VFS_LSEEK, &m) < 0) {
        if (vfs_absent())
            return posix_fail(is_console(fd) ? -ESPIPE : -EBADF);
        return -1;
    }
    _off_t pos = (_off_t)m.m.vfs.pos;
    return pos == m.m.vfs.pos ? pos : posix_fail(-EOVERFLOW);
}

int _link(const char *from, const char *to)
{
    message m = { 0 };
    return vfs_path2(VFS_LINK, from, to, &m) < 0 ? -1 : 0;
}

int _unlink(const char *path)
{
    message m = { 0 };
    return vfs_path(VFS_UNLINK, path, &m) < 0 ? -1 : 0;
}

int _stat(const char *path, struct stat *st)
{
    return posix_stat(VFS_STAT, path, st);
}

/* newlib's stdio asks this before it buffers a stream. */
int _fstat(int fd, struct stat *st)
{
    int r = posix_fstat(fd, st);
    if (!vfs_absent())
        return r;
    if (!is_console(fd))
        return posix_fail(-EBADF);
    if (!st)
        return posix_fail(-EFAULT);
    memset(st, 0, sizeof *st);
    st->st_mode = S_IFCHR | 0620;
    return 0;
}

/* A terminal is what answers TCGETS; newlib line-buffers stdout when this says so. */
int _isatty(int fd)
{
    struct os_termios t;
    message m = { 0 };
    m.m.vfs.fd = fd;
    m.m.vfs.arg = TCGETS;
    if (vfs_request(VFS_IOCTL, &m, VFS_OUT(&t, sizeof t), VFS_NO_SPAN) >= 0)
        return 1;
    if (vfs_absent()) {
        if (is_console(fd))
            return 1;
        errno = EBADF;
    }
    return 0;
}
