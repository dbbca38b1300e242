/* Calls on open descriptors: duplicating, their flags, pipes, and what can be done to the file
 * behind one (truncate, chmod, chdir, sync). VFS keeps the descriptor tables. */
#include <fcntl.h>
#include <stdarg.h>
#include <unistd.h>
#include "posix.h"

static int fd_call(int type, int fd, message *m)
{
    m->m.vfs.fd = fd;
    return vfs_call(type, m);
}

int dup(int fd)
{
    message m = { 0 };
    return fd_call(VFS_DUP, fd, &m);
}

int dup2(int fd, int fd2)
{
    message m = { 0 };
    m.m.vfs.fd2 = fd2;
    return fd_call(VFS_DUP2, fd, &m);
}

static int fcntl_call(int fd, int cmd, int arg)
{
    message m = { 0 };
    m.m.vfs.flags = (uint32_t)cmd;
    m.m.vfs.arg = (uint32_t)arg;
    return fd_call(VFS_FCNTL, fd, &m);
}

/* VFS knows F_DUPFD, F_GETFD, F_SETFD, F_GETFL and F_SETFL; F_DUPFD_CLOEXEC is two of them.
 * Locks and the rest are not there. */
int fcntl(int fd, int cmd, ...)
{
    int arg = 0;
    va_list ap;
    switch (cmd) {
    case F_DUPFD: case F_SETFD: case F_SETFL: case F_DUPFD_CLOEXEC:
        va_start(ap, cmd);
        arg = va_arg(ap, int);
        va_end(ap);
        break;
    case F_GETFD: case F_GETFL:
        break;
    default:
        return posix_fail(-EINVAL);
    }
    if (cmd != F_DUPFD_CLOEXEC)
        return fcntl_call(fd, cmd, arg);
    int fd2 = fcntl_call(fd, F_DUPFD, arg);
    if (fd2 >= 0 && fcntl_call(fd2, F_SETFD, FD_CLOEXEC) < 0) {
        int err = errno;
        fd_call(VFS_CLOSE, fd2, &(message){ 0 });
        errno = err;
        return -1;
    }
    return fd2;
}

int pipe(int fds[2])
{
    message m = { 0 };
    if (!fds)
        return posix_fail(-EFAULT);
    if (vfs_call(VFS_PIPE, &m) < 0)
        return -1;
    fds[0] = m.m.vfs.fd;
    fds[1] = m.m.vfs.fd2;
    return 0;
}

int ftruncate(int fd, off_t length)
{
    message m = { 0 };
    if (length < 0)
        return posix_fail(-EINVAL);
    m.m.vfs.pos = length;
    return fd_call(VFS_FTRUNCATE, fd, &m) < 0 ? -1 : 0;
}

int fchmod(int fd, mode_t mode)
{
    message m = { 0 };
    m.m.vfs.mode = (uint32_t)mode;
    return fd_call(VFS_FCHMOD, fd, &m) < 0 ? -1 : 0;
}

int fchdir(int fd)
{
    message m = { 0 };
    return fd_call(VFS_FCHDIR, fd, &m) < 0 ? -1 : 0;
}

/* File servers write back everything at once, so one file's sync is everyone's. */
void sync(void)
{
    message m = { 0 };
    vfs_call(VFS_SYNC, &m);
}

int fsync(int fd)
{
    struct stat st;
    if (posix_fstat(fd, &st) < 0)
        return -1;
    message m = { 0 };
    return vfs_call(VFS_SYNC, &m) < 0 ? -1 : 0;
}

int fdatasync(int fd)
{
    return fsync(fd);
}
