/* Vnodes: VFS's handle on an inode of a mounted file server (or on a pipe), shared by every
 * open file, working directory and mount that refers to it; and requests to file servers. */
#include "vfs.h"

static struct vnode vnodes[NR_VNODES];

struct vnode *vnode_get(int mnt, uint32_t ino, uint32_t mode, uint64_t size)
{
    struct vnode *free_vn = NULL;
    for (int i = 0; i < NR_VNODES; i++) {
        struct vnode *vn = &vnodes[i];
        if (vn->refs > 0 && vn->mnt == mnt && vn->ino == ino && mnt >= 0) {
            vn->refs++;
            vn->mode = mode;
            vn->size = size;
            return vn;
        }
        if (vn->refs == 0 && !free_vn)
            free_vn = vn;
    }
    if (free_vn)
        *free_vn = (struct vnode){ 1, mnt, ino, mode, size, 0, -1, NULL };
    return free_vn;
}

/* Whether anything but one hold on root keeps a vnode of mount mnt: then it is busy. */
int vnode_in_use(int mnt, const struct vnode *root)
{
    for (int i = 0; i < NR_VNODES; i++) {
        const struct vnode *vn = &vnodes[i];
        if (vn->refs > 0 && vn->mnt == mnt && (vn != root || vn->refs > 1))
            return 1;
    }
    return 0;
}

void vnode_hold(struct vnode *vn)
{
    vn->refs++;
}

void vnode_put(struct vnode *vn)
{
    if (vn && vn->refs > 0)
        vn->refs--;
}

/* SENDREC of an FS_* request to the file server of mount mnt; its status. */
int fs_request(int mnt, int type, message *m)
{
    if (mnt < 0 || mnt >= NR_MOUNTS || !mounts[mnt].used)
        return -EINVAL;
    m->m_type = type;
    m->m.fs.mnt = mounts[mnt].fs_mnt;
    message req = *m;
    int r = ipc_sendrec(mounts[mnt].fs, m);
    if (r == -EDEADSRCDST && fs_restarted(mounts[mnt].fs) == OK) {
        *m = req;              /* the same request, to the new instance */
        m->m.fs.mnt = mounts[mnt].fs_mnt;
        r = ipc_sendrec(mounts[mnt].fs, m);
    }
    return r != OK ? r : m->m_type;
}

int fs_stat(struct vnode *vn, struct vfs_stat *st)
{
    memset(st, 0, sizeof *st);
    if (vn->pipe) {
        st->mode = vn->mode;
        st->ino = vn->ino;
        st->nlink = 1;
        st->blksize = 4096;
        return OK;
    }
    message m = { 0 };
    m.m.fs.ino = vn->ino;
    m.m.fs.grant = grant_make(mounts[vn->mnt].fs, st, sizeof *st, GRANT_WRITE);
    m.m.fs.len = sizeof *st;
    int r = fs_request(vn->mnt, FS_STAT, &m);
    grant_revoke(m.m.fs.grant);
    if (r == OK) {
        st->dev = mounts[vn->mnt].dev;
        vn->size = st->size;
        vn->mode = st->mode;
        vn->rdev = st->rdev;
    }
    return r;
}
