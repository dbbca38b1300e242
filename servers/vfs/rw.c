/* read, write, lseek and getdents: regular files and directories go to their file server
 * through an indirect grant on the caller's buffer (no copy in VFS); pipes and devices to
 * their own code. */
#include "vfs.h"

static int can(const struct filp *f, int write)
{
    uint32_t acc = f->flags & OS_O_ACCMODE;
    return write ? acc != 0 : acc != 1;
}

/* FS_READ, FS_WRITE or FS_GETDENTS at the file's position, straight into the caller's grant. */
static int file_call(struct filp *f, int call, message *m)
{
    struct vnode *vn = f->vn;
    uint32_t access = call == FS_WRITE ? GRANT_READ : GRANT_WRITE;
    grant_id_t g = grant_indirect(mounts[vn->mnt].fs, m->m_source, m->m.vfs.grant, 0,
                                  m->m.vfs.len, access);
    if (g < 0)
        return g;
    message fm = { 0 };
    fm.m.fs.ino = vn->ino;
    fm.m.fs.pos = f->pos;
    fm.m.fs.grant = g;
    fm.m.fs.len = m->m.vfs.len;
    int r = fs_request(vn->mnt, call, &fm);
    grant_revoke(g);
    if (r < 0)
        return r;
    if (call == FS_GETDENTS) {
        f->pos = fm.m.fs.pos;
        return r;
    }
    f->pos += (uint32_t)r;
    if (call == FS_WRITE && f->pos > vn->size)
        vn->size = f->pos;
    return r;
}

static int read_write(message *m, int write)
{
    struct filp *f = filp_get(fp, m->m.vfs.fd);
    if (!f || !can(f, write))
        return -EBADF;
    if (m->m.vfs.len > 0x7fffffff)
        return -EINVAL;
    struct vnode *vn = f->vn;
    if (vn->pipe)
        return pipe_rw(f, write, m);
    if (is_dev(vn))
        return dev_rw(f, write, m);
    if ((vn->mode & OS_S_IFMT) == OS_S_IFDIR)
        return -EISDIR;
    if (m->m.vfs.len == 0)
        return 0;
    if (write && (f->flags & OS_O_APPEND)) {
        struct vfs_stat st;
        int r = fs_stat(vn, &st);
        if (r != OK)
            return r;
        f->pos = st.size;
    }
    return file_call(f, write ? FS_WRITE : FS_READ, m);
}

int do_read(message *m)
{
    return read_write(m, 0);
}

int do_write(message *m)
{
    return read_write(m, 1);
}

int do_lseek(message *m)
{
    struct filp *f = filp_get(fp, m->m.vfs.fd);
    if (!f)
        return -EBADF;
    struct vnode *vn = f->vn;
    if (vn->pipe || (is_dev(vn) && (vn->mode & OS_S_IFMT) == OS_S_IFCHR))
        return -ESPIPE;
    int64_t base;
    switch (m->m.vfs.flags) {
    case 0: base = 0; break;
    case 1: base = (int64_t)f->pos; break;
    case 2: {
        struct vfs_stat st;
        int r = fs_stat(vn, &st);
        if (r != OK)
            return r;
        base = (int64_t)st.size;
        break;
    }
    default:
        return -EINVAL;
    }
    int64_t pos = base + m->m.vfs.pos;
    if (pos < 0 || (m->m.vfs.pos > 0 && pos < base))
        return -EINVAL;
    f->pos = (uint64_t)pos;
    m->m.vfs.pos = pos;
    return OK;
}

int do_getdents(message *m)
{
    struct filp *f = filp_get(fp, m->m.vfs.fd);
    if (!f)
        return -EBADF;
    if ((f->vn->mode & OS_S_IFMT) != OS_S_IFDIR || f->vn->pipe)
        return -ENOTDIR;
    return file_call(f, FS_GETDENTS, m);
}
