/* Names and attributes: unlink, rmdir, link, rename, symlinks, chmod, chown, truncate. */
#include "vfs.h"

static char path1[OS_PATH_MAX], path2[OS_PATH_MAX];

/* An FS_* call about one name in a directory; grant2/len2 of m are the caller's to fill. */
static int name_call(int call, struct vnode *dir, const char *name, message *fm)
{
    if (mounts[dir->mnt].rdonly)
        return -EROFS;
    size_t len = strlen(name);
    fm->m.fs.ino = dir->ino;
    fm->m.fs.grant = grant_make(mounts[dir->mnt].fs, (void *)name, len, GRANT_READ);
    fm->m.fs.len = (uint32_t)len;
    int r = fs_request(dir->mnt, call, fm);
    grant_revoke(fm->m.fs.grant);
    return r;
}

/* FS_UNLINK or FS_RMDIR of the path in m; a mount point or root cannot go. */
static int remove_path(message *m, int call)
{
    char last[NAME_MAX + 1];
    struct vnode *dir, *vn;
    int r = copy_path(m->m_source, m->m.vfs.grant, m->m.vfs.len, path1);
    if (r != OK || (r = path_parent(fp, path1, &dir, last)) != OK)
        return r == -EEXIST ? -EBUSY : r;
    if (strcmp(last, ".") == 0 || strcmp(last, "..") == 0) {
        vnode_put(dir);
        return -EINVAL;
    }
    r = lookup_name(dir, last, &vn);
    if (r == OK) {
        int is_dir = (vn->mode & OS_S_IFMT) == OS_S_IFDIR;
        if (vn->mnt != dir->mnt)
            r = -EBUSY;                  /* something is mounted there */
        else if (call == FS_UNLINK && is_dir)
            r = -EISDIR;
        else if (call == FS_RMDIR && !is_dir)
            r = -ENOTDIR;
        else if (call == FS_RMDIR && vn->refs > 1)
            r = -EBUSY;                  /* someone's working directory */
        vnode_put(vn);
    }
    if (r == OK) {
        message fm = { 0 };
        r = name_call(call, dir, last, &fm);
    }
    vnode_put(dir);
    return r;
}

int do_unlink(message *m)
{
    return remove_path(m, FS_UNLINK);
}

int do_rmdir(message *m)
{
    return remove_path(m, FS_RMDIR);
}

int do_link(message *m)
{
    char last[NAME_MAX + 1];
    struct vnode *vn, *dir;
    int r = copy_path(m->m_source, m->m.vfs.grant, m->m.vfs.len, path1);
    if (r == OK)
        r = copy_path(m->m_source, m->m.vfs.grant2, m->m.vfs.len2, path2);
    if (r != OK || (r = path_lookup(fp, path1, 0, &vn)) != OK)
        return r;
    if ((r = path_parent(fp, path2, &dir, last)) == OK) {
        if ((vn->mode & OS_S_IFMT) == OS_S_IFDIR)
            r = -EPERM;
        else if (vn->mnt != dir->mnt)
            r = -EXDEV;
        else {
            message fm = { 0 };
            fm.m.fs.ino2 = vn->ino;
            r = name_call(FS_LINK, dir, last, &fm);
        }
        vnode_put(dir);
    }
    vnode_put(vn);
    return r;
}

int do_rename(message *m)
{
    char last1[NAME_MAX + 1], last2[NAME_MAX + 1];
    struct vnode *dir1, *dir2;
    int r = copy_path(m->m_source, m->m.vfs.grant, m->m.vfs.len, path1);
    if (r == OK)
        r = copy_path(m->m_source, m->m.vfs.grant2, m->m.vfs.len2, path2);
    if (r != OK || (r = path_parent(fp, path1, &dir1, last1)) != OK)
        return r;
    if ((r = path_parent(fp, path2, &dir2, last2)) != OK) {
        vnode_put(dir1);
        return r;
    }
    if (dir1->mnt != dir2->mnt)
        r = -EXDEV;
    else if (!strcmp(last1, ".") || !strcmp(last1, "..") || !strcmp(last2, ".") || !strcmp(last2, ".."))
        r = -EINVAL;
    else {
        endpoint_t fs = mounts[dir1->mnt].fs;
        size_t len2 = strlen(last2);
        message fm = { 0 };
        fm.m.fs.ino2 = dir2->ino;
        fm.m.fs.grant2 = grant_make(fs, last2, len2, GRANT_READ);
        fm.m.fs.len2 = (uint32_t)len2;
        r = name_call(FS_RENAME, dir1, last1, &fm);
        grant_revoke(fm.m.fs.grant2);
    }
    vnode_put(dir1);
    vnode_put(dir2);
    return r;
}

int do_symlink(message *m)
{
    char last[NAME_MAX + 1];
    struct vnode *dir;
    int r = copy_path(m->m_source, m->m.vfs.grant, m->m.vfs.len, path1);
    if (r == OK)
        r = copy_path(m->m_source, m->m.vfs.grant2, m->m.vfs.len2, path2);
    if (r != OK || (r = path_parent(fp, path2, &dir, last)) != OK)
        return r;
    size_t len = strlen(path1);
    message fm = { 0 };
    fm.m.fs.grant2 = grant_make(mounts[dir->mnt].fs, path1, len, GRANT_READ);
    fm.m.fs.len2 = (uint32_t)len;
    fm.m.fs.mode = OS_S_IFLNK | 0777;
    r = name_call(FS_SYMLINK, dir, last, &fm);
    grant_revoke(fm.m.fs.grant2);
    vnode_put(dir);
    return r;
}

int do_readlink(message *m)
{
    struct vnode *vn;
    int r = copy_path(m->m_source, m->m.vfs.grant, m->m.vfs.len, path1);
    if (r != OK || (r = path_lookup(fp, path1, 0, &vn)) != OK)
        return r;
    if ((vn->mode & OS_S_IFMT) != OS_S_IFLNK) {
        vnode_put(vn);
        return -EINVAL;
    }
    grant_id_t g = grant_indirect(mounts[vn->mnt].fs, m->m_source, m->m.vfs.grant2, 0,
                                  m->m.vfs.len2, GRANT_WRITE);
    message fm = { 0 };
    fm.m.fs.ino = vn->ino;
    fm.m.fs.grant = g;
    fm.m.fs.len = m->m.vfs.len2;
    r = fs_request(vn->mnt, FS_READLINK, &fm);
    grant_revoke(g);
    vnode_put(vn);
    return r;
}

/* FS_CHMOD, FS_CHOWN or FS_TRUNCATE on a vnode, with the fields of fm already set. */
static int attr_call(struct vnode *vn, int call, message *fm)
{
    if (vn->pipe || (is_dev(vn) && call == FS_TRUNCATE))
        return call == FS_TRUNCATE ? -EINVAL : OK;
    if (mounts[vn->mnt].rdonly)
        return -EROFS;
    if (call == FS_TRUNCATE && (vn->mode & OS_S_IFMT) == OS_S_IFDIR)
        return -EISDIR;
    fm->m.fs.ino = vn->ino;
    int r = fs_request(vn->mnt, call, fm);
    if (r == OK && call == FS_TRUNCATE)
        vn->size = fm->m.fs.pos;
    return r;
}

static int path_attr(message *m, int call, message *fm)
{
    struct vnode *vn;
    int r = copy_path(m->m_source, m->m.vfs.grant, m->m.vfs.len, path1);
    if (r != OK || (r = path_lookup(fp, path1, 1, &vn)) != OK)
        return r;
    r = attr_call(vn, call, fm);
    vnode_put(vn);
    return r;
}

static int fd_attr(message *m, int call, message *fm)
{
    struct filp *f = filp_get(fp, m->m.vfs.fd);
    if (!f)
        return -EBADF;
    if (call == FS_TRUNCATE && !(f->flags & OS_O_ACCMODE))
        return -EINVAL;
    return attr_call(f->vn, call, fm);
}

static message attr_message(int call, const message *m)
{
    message fm = { 0 };
    if (call == FS_CHMOD)
        fm.m.fs.mode = m->m.vfs.mode & 07777;
    else if (call == FS_CHOWN)
        fm.m.fs.uid = m->m.vfs.arg, fm.m.fs.gid = m->m.vfs.arg2;
    else
        fm.m.fs.pos = (uint64_t)m->m.vfs.pos;
    return fm;
}

int do_chmod(message *m)
{
    message fm = attr_message(FS_CHMOD, m);
    return path_attr(m, FS_CHMOD, &fm);
}

int do_fchmod(message *m)
{
    message fm = attr_message(FS_CHMOD, m);
    return fd_attr(m, FS_CHMOD, &fm);
}

int do_chown(message *m)
{
    message fm = attr_message(FS_CHOWN, m);
    return path_attr(m, FS_CHOWN, &fm);
}

int do_truncate(message *m)
{
    if (m->m.vfs.pos < 0)
        return -EINVAL;
    message fm = attr_message(FS_TRUNCATE, m);
    return path_attr(m, FS_TRUNCATE, &fm);
}

int do_ftruncate(message *m)
{
    if (m->m.vfs.pos < 0)
        return -EINVAL;
    message fm = attr_message(FS_TRUNCATE, m);
    return fd_attr(m, FS_TRUNCATE, &fm);
}
