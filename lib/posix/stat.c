/* File status: VFS answers with its fixed-layout struct vfs_stat, which becomes newlib's
 * struct stat field by field (its layout differs between the architectures). */
#include <string.h>
#include "posix.h"

/* newlib's ino_t, dev_t, uid_t and gid_t are 16 bits wide: larger numbers are cut, as POSIX
 * programs on such a C library expect. A size off_t cannot hold is an error. */
int posix_stat_from_vfs(struct stat *st, const struct vfs_stat *v)
{
    off_t size = (off_t)v->size;
    if (size < 0 || (uint64_t)size != v->size)
        return -EOVERFLOW;
    memset(st, 0, sizeof *st);
    st->st_dev = (dev_t)v->dev;
    st->st_ino = (ino_t)v->ino;
    st->st_mode = (mode_t)v->mode;
    st->st_nlink = (nlink_t)v->nlink;
    st->st_uid = (uid_t)v->uid;
    st->st_gid = (gid_t)v->gid;
    st->st_rdev = (dev_t)v->rdev;
    st->st_size = size;
    st->st_blksize = (blksize_t)v->blksize;
    st->st_blocks = (blkcnt_t)v->blocks;
    st->st_atime = (time_t)v->atime;
    st->st_mtime = (time_t)v->mtime;
    st->st_ctime = (time_t)v->ctime;
    return OK;
}

static int convert(int r, struct stat *st, const struct vfs_stat *v)
{
    if (r < 0)
        return -1;
    r = posix_stat_from_vfs(st, v);
    return r < 0 ? posix_fail(r) : 0;
}

int posix_stat(int type, const char *path, struct stat *st)
{
    struct vfs_stat v;
    struct vfs_span a;
    if (!st)
        return posix_fail(-EFAULT);
    int r = vfs_path_span(path, &a);
    if (r < 0)
        return posix_fail(r);
    message m = { 0 };
    return convert(vfs_request(type, &m, a, VFS_OUT(&v, sizeof v)), st, &v);
}

int posix_fstat(int fd, struct stat *st)
{
    struct vfs_stat v;
    if (!st)
        return posix_fail(-EFAULT);
    message m = { 0 };
    m.m.vfs.fd = fd;
    return convert(vfs_request(VFS_FSTAT, &m, VFS_NO_SPAN, VFS_OUT(&v, sizeof v)), st, &v);
}
