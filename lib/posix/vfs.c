/* Requests to VFS: one SENDREC each, with the caller's paths and buffers lent by grants for
 * the length of the call; and the memory of whether there is a VFS to ask at all. */
#include <limits.h>
#include <string.h>
#include "posix.h"

/* Unknown until the first call; a fork child inherits what its parent found. */
static enum { VFS_UNKNOWN, VFS_THERE, VFS_MISSING } vfs_state;

int vfs_absent(void)
{
    return vfs_state == VFS_MISSING;
}

/* The errors of a destination that is not there for us: no VFS in this boot image, or one we
 * may not send to. They count only on the first call; afterwards they are plain failures. */
static int is_missing(int err)
{
    return err == -EDSTDENIED || err == -EDEADSRCDST || err == -EBADEPT;
}

int vfs_call(int type, message *m)
{
    if (vfs_state == VFS_MISSING)
        return posix_fail(-ENOSYS);
    m->m_type = type;
    int r = ipc_sendrec(VFS_PROC, m);
    if (r != OK) {
        if (vfs_state == VFS_UNKNOWN && is_missing(r))
            vfs_state = VFS_MISSING;
        return posix_fail(r);
    }
    vfs_state = VFS_THERE;
    return m->m_type < 0 ? posix_fail(m->m_type) : m->m_type;
}

static grant_id_t lend(struct vfs_span s)
{
    if (s.access & GRANT_WRITE)
        posix_touch(s.addr, s.len);
    return grant_make(VFS_PROC, s.addr, s.len, s.access);
}

int vfs_request(int type, message *m, struct vfs_span a, struct vfs_span b)
{
    if (vfs_state == VFS_MISSING)
        return posix_fail(-ENOSYS);
    grant_id_t ga = -1, gb = -1;
    if (a.access && (ga = lend(a)) < 0)
        return posix_fail(ga);
    if (b.access && (gb = lend(b)) < 0) {
        if (ga >= 0)
            grant_revoke(ga);
        return posix_fail(gb);
    }
    if (a.access) {
        m->m.vfs.grant = ga;
        m->m.vfs.len = (uint32_t)a.len;
    }
    if (b.access) {
        m->m.vfs.grant2 = gb;
        m->m.vfs.len2 = (uint32_t)b.len;
    }
    int r = vfs_call(type, m);
    if (ga >= 0)
        grant_revoke(ga);
    if (gb >= 0)
        grant_revoke(gb);
    return r;
}

/* VFS reads the path through the grant, so it is never copied here. */
int vfs_path_span(const char *path, struct vfs_span *out)
{
    if (!path)
        return -EFAULT;
    size_t len = strnlen(path, PATH_MAX + 1);
    if (len == 0)
        return -ENOENT;
    if (len > PATH_MAX)
        return -ENAMETOOLONG;
    *out = VFS_IN(path, len);
    return OK;
}

int vfs_path(int type, const char *path, message *m)
{
    struct vfs_span a;
    int r = vfs_path_span(path, &a);
    return r < 0 ? posix_fail(r) : vfs_request(type, m, a, VFS_NO_SPAN);
}

int vfs_path2(int type, const char *path, const char *path2, message *m)
{
    struct vfs_span a, b;
    int r = vfs_path_span(path, &a);
    if (r == OK)
        r = vfs_path_span(path2, &b);
    return r < 0 ? posix_fail(r) : vfs_request(type, m, a, b);
}
