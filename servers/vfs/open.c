/* Opening and creating files, stat, access, and the working directory. Everyone is treated
 * as the superuser for permissions; owners and modes are kept for ls and chmod. */
#include "vfs.h"

static char path_buf[OS_PATH_MAX];

static int fetch_path(message *m)
{
    return copy_path(m->m_source, m->m.vfs.grant, m->m.vfs.len, path_buf);
}

static int type_of(const struct vnode *vn)
{
    return (int)(vn->mode & OS_S_IFMT);
}

/* FS_CREATE, FS_MKDIR or FS_MKNOD of name in dir; *out is the new vnode, held. */
static int create_in(struct vnode *dir, const char *name, int call, uint32_t mode, uint32_t rdev,
                     struct vnode **out)
{
    if (mounts[dir->mnt].rdonly)
        return -EROFS;
    size_t len = strlen(name);
    message m = { 0 };
    m.m.fs.ino = dir->ino;
    m.m.fs.grant = grant_make(mounts[dir->mnt].fs, (void *)name, len, GRANT_READ);
    m.m.fs.len = (uint32_t)len;
    m.m.fs.mode = mode;
    m.m.fs.pos = rdev;
    int r = fs_request(dir->mnt, call, &m);
    grant_revoke(m.m.fs.grant);
    if (r < 0)
        return r;
    if (!out)
        return OK;
    *out = vnode_get(dir->mnt, m.m.fs.ino, mode, 0);
    return *out ? OK : -ENFILE;
}

/* The file an open with O_CREAT names, made if it is missing. */
static int open_create(uint32_t flags, uint32_t mode, struct vnode **out)
{
    char last[NAME_MAX + 1];
    struct vnode *dir;
    int r = path_parent(fp, path_buf, &dir, last);
    if (r != OK)
        return r;
    r = lookup_name(dir, last, out);
    if (r == -ENOENT) {
        r = create_in(dir, last, FS_CREATE, OS_S_IFREG | (mode & 07777 & ~fp->umask), 0, out);
    } else if (r == OK && (flags & OS_O_EXCL)) {
        vnode_put(*out);
        r = -EEXIST;
    } else if (r == OK && type_of(*out) == OS_S_IFLNK) {
        vnode_put(*out);
        r = path_lookup(fp, path_buf, 1, out);
    }
    vnode_put(dir);
    return r;
}

int do_open(message *m)
{
    uint32_t flags = m->m.vfs.flags, acc = flags & OS_O_ACCMODE;
    int r = fetch_path(m);
    if (r != OK)
        return r;
    if (acc == OS_O_ACCMODE)
        return -EINVAL;
    struct vnode *vn;
    r = (flags & OS_O_CREAT) ? open_create(flags, m->m.vfs.mode, &vn)
                             : path_lookup(fp, path_buf, !(flags & OS_O_NOFOLLOW), &vn);
    if (r != OK)
        return r;
    int type = type_of(vn);
    if (type == OS_S_IFLNK)
        r = -ELOOP;
    else if ((flags & OS_O_DIRECTORY) && type != OS_S_IFDIR)
        r = -ENOTDIR;
    else if (type == OS_S_IFDIR && acc != 0)
        r = -EISDIR;
    else if (acc != 0 && type == OS_S_IFREG && mounts[vn->mnt].rdonly)
        r = -EROFS;
    else if ((flags & OS_O_TRUNC) && acc != 0 && type == OS_S_IFREG && vn->size > 0) {
        message fm = { 0 };
        fm.m.fs.ino = vn->ino;
        fm.m.fs.pos = 0;
        if ((r = fs_request(vn->mnt, FS_TRUNCATE, &fm)) == OK)
            vn->size = 0;
    }
    struct filp *f = NULL;
    if (r == OK && !(f = filp_new(vn, flags & (OS_O_ACCMODE | OS_O_APPEND | OS_O_NONBLOCK))))
        r = -ENFILE;
    if (r == OK && is_dev(vn) && (r = dev_open(vn->rdev, flags)) != OK)
        f->refs = 0;                     /* never used: free it without closing the device */
    if (r != OK) {
        vnode_put(vn);
        return r;
    }
    r = fd_install(fp, f, flags & OS_O_CLOEXEC);
    if (r < 0)
        filp_put(f);
    return r;
}

/* FS_MKNOD or FS_MKDIR of the path in m, with the umask applied to mode. */
static int make_node(message *m, int call, uint32_t mode, uint32_t rdev)
{
    char last[NAME_MAX + 1];
    struct vnode *dir;
    int r = fetch_path(m);
    if (r != OK || (r = path_parent(fp, path_buf, &dir, last)) != OK)
        return r;
    r = create_in(dir, last, call, (mode & OS_S_IFMT) | (mode & 07777 & ~fp->umask), rdev, NULL);
    vnode_put(dir);
    return r;
}

int do_mknod(message *m)
{
    uint32_t type = m->m.vfs.mode & OS_S_IFMT;
    if (type != OS_S_IFCHR && type != OS_S_IFBLK && type != OS_S_IFREG)
        return -EINVAL;
    return make_node(m, FS_MKNOD, m->m.vfs.mode, m->m.vfs.arg);
}

int do_mkdir(message *m)
{
    return make_node(m, FS_MKDIR, OS_S_IFDIR | (m->m.vfs.mode & 07777), 0);
}

static int give_stat(message *m, struct vnode *vn)
{
    struct vfs_stat st;
    int r = fs_stat(vn, &st);
    if (r == OK && m->m.vfs.len2 < sizeof st)
        r = -EINVAL;
    if (r == OK)
        r = sys_safecopyto(m->m_source, m->m.vfs.grant2, 0, &st, sizeof st);
    return r;
}

int do_stat(message *m)
{
    struct vnode *vn;
    int r = fetch_path(m);
    if (r != OK || (r = path_lookup(fp, path_buf, m->m_type == VFS_STAT, &vn)) != OK)
        return r;
    r = give_stat(m, vn);
    vnode_put(vn);
    return r;
}

int do_fstat(message *m)
{
    struct filp *f = filp_get(fp, m->m.vfs.fd);
    return f ? give_stat(m, f->vn) : -EBADF;
}

/* The superuser may do anything but run a file without any execute bit. */
int do_access(message *m)
{
    struct vnode *vn;
    int r = fetch_path(m);
    if (r != OK || (r = path_lookup(fp, path_buf, 1, &vn)) != OK)
        return r;
    if ((m->m.vfs.mode & 1) && type_of(vn) == OS_S_IFREG && !(vn->mode & 0111))
        r = -EACCES;
    if ((m->m.vfs.mode & 2) && mounts[vn->mnt].rdonly && !vn->pipe && !is_dev(vn))
        r = -EROFS;
    vnode_put(vn);
    return r;
}

int do_chdir(message *m)
{
    struct vnode *vn;
    char newpath[OS_PATH_MAX];
    int r = fetch_path(m);
    if (r != OK || (r = path_lookup(fp, path_buf, 1, &vn)) != OK)
        return r;
    if (type_of(vn) != OS_S_IFDIR)
        r = -ENOTDIR;
    else
        r = path_normalize(fp->cwd_path, path_buf, newpath);
    if (r != OK) {
        vnode_put(vn);
        return r;
    }
    vnode_put(fp->cwd);
    fp->cwd = vn;
    strcpy(fp->cwd_path, newpath);
    return OK;
}

/* The working directory is kept as text, which a descriptor does not give. */
int do_fchdir(message *m)
{
    (void)m;
    return -ENOSYS;
}

int do_getcwd(message *m)
{
    uint32_t len = (uint32_t)strlen(fp->cwd_path) + 1;
    if (m->m.vfs.len < len)
        return -ERANGE;
    int r = sys_safecopyto(m->m_source, m->m.vfs.grant, 0, fp->cwd_path, len);
    return r == OK ? (int)len : r;
}
