/* Calls on file names: each path goes to VFS by grant, as it is (VFS resolves it against the
 * caller's working directory). */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "posix.h"

/* newlib declares creat but has none for these targets. */
int creat(const char *path, mode_t mode)
{
    return _open(path, O_WRONLY | O_CREAT | O_TRUNC, (int)mode);
}

int lstat(const char *path, struct stat *st)
{
    return posix_stat(VFS_LSTAT, path, st);
}

int rename(const char *from, const char *to)
{
    message m = { 0 };
    return vfs_path2(VFS_RENAME, from, to, &m) < 0 ? -1 : 0;
}

int mkdir(const char *path, mode_t mode)
{
    message m = { 0 };
    m.m.vfs.mode = (uint32_t)mode;
    return vfs_path(VFS_MKDIR, path, &m) < 0 ? -1 : 0;
}

int rmdir(const char *path)
{
    message m = { 0 };
    return vfs_path(VFS_RMDIR, path, &m) < 0 ? -1 : 0;
}

int chdir(const char *path)
{
    message m = { 0 };
    return vfs_path(VFS_CHDIR, path, &m) < 0 ? -1 : 0;
}

/* Without a buffer (an extension programs rely on) one is allocated, size bytes or enough. */
char *getcwd(char *buf, size_t size)
{
    char *mine = NULL;
    if (!buf) {
        if (size == 0)
            size = PATH_MAX + 1;
        if (!(buf = mine = malloc(size))) {
            errno = ENOMEM;
            return NULL;
        }
    } else if (size == 0) {
        errno = EINVAL;
        return NULL;
    }
    message m = { 0 };
    int r = vfs_request(VFS_GETCWD, &m, VFS_OUT(buf, size), VFS_NO_SPAN);
    if (r >= 0 && (r == 0 || (size_t)r > size || buf[r - 1] != '\0')) {
        errno = EIO;   /* VFS's answer is not the terminated name it promised */
        r = -1;
    }
    if (r < 0) {
        free(mine);
        return NULL;
    }
    return buf;
}

int chmod(const char *path, mode_t mode)
{
    message m = { 0 };
    m.m.vfs.mode = (uint32_t)mode;
    return vfs_path(VFS_CHMOD, path, &m) < 0 ? -1 : 0;
}

/* (uid_t)-1 and (gid_t)-1 leave the id as it is; newlib's ids are 16 bits, VFS's 32. */
int chown(const char *path, uid_t owner, gid_t group)
{
    message m = { 0 };
    m.m.vfs.arg = owner == (uid_t)-1 ? UINT32_MAX : (uint32_t)owner;
    m.m.vfs.arg2 = group == (gid_t)-1 ? UINT32_MAX : (uint32_t)group;
    return vfs_path(VFS_CHOWN, path, &m) < 0 ? -1 : 0;
}

/* umask cannot fail; without VFS there is no mask, and 0 is returned. */
mode_t umask(mode_t mask)
{
    message m = { 0 };
    m.m.vfs.mode = (uint32_t)(mask & 0777);
    int r = vfs_call(VFS_UMASK, &m);
    return r < 0 ? 0 : (mode_t)r;
}

int truncate(const char *path, off_t length)
{
    message m = { 0 };
    if (length < 0)
        return posix_fail(-EINVAL);
    m.m.vfs.pos = length;
    return vfs_path(VFS_TRUNCATE, path, &m) < 0 ? -1 : 0;
}

int symlink(const char *target, const char *link)
{
    message m = { 0 };
    return vfs_path2(VFS_SYMLINK, target, link, &m) < 0 ? -1 : 0;
}

/* The target without a NUL, cut to size, as POSIX has it. */
ssize_t readlink(const char *restrict path, char *restrict buf, size_t size)
{
    struct vfs_span a;
    int r = vfs_path_span(path, &a);
    if (r < 0)
        return posix_fail(r);
    if (size == 0)
        return posix_fail(-EINVAL);
    message m = { 0 };
    r = vfs_request(VFS_READLINK, &m, a, VFS_OUT(buf, size));
    return r >= 0 && (size_t)r > size ? posix_fail(-EIO) : r;
}

int access(const char *path, int mode)
{
    message m = { 0 };
    if (mode & ~(R_OK | W_OK | X_OK))
        return posix_fail(-EINVAL);
    m.m.vfs.mode = (uint32_t)mode;
    return vfs_path(VFS_ACCESS, path, &m) < 0 ? -1 : 0;
}

/* Device numbers are 16 bits (DEV_MAKE); newlib's dev_t is a signed short. */
int mknod(const char *path, mode_t mode, dev_t dev)
{
    message m = { 0 };
    m.m.vfs.mode = (uint32_t)mode;
    m.m.vfs.arg = (uint32_t)dev & 0xffffu;
    return vfs_path(VFS_MKNOD, path, &m) < 0 ? -1 : 0;
}
