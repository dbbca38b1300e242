/* exec from a file: PM asks for a program by path; VFS reads it whole into a buffer of its
 * own and grants it to VM, which loads it, then PM says how it went. PM does one exec at a
 * time, so one buffer serves. */
#include "vfs.h"

#define EXEC_MAX (4u << 20)

static uint8_t image[EXEC_MAX];
static grant_id_t image_grant = -1;

static int read_whole(struct vnode *vn, uint32_t size)
{
    message fm = { 0 };
    grant_id_t g = grant_make(mounts[vn->mnt].fs, image, size, GRANT_WRITE);
    if (g < 0)
        return g;
    fm.m.fs.ino = vn->ino;
    fm.m.fs.pos = 0;
    fm.m.fs.grant = g;
    fm.m.fs.len = size;
    int r = fs_request(vn->mnt, FS_READ, &fm);
    grant_revoke(g);
    return r < 0 ? r : r == (int)size ? OK : -EIO;
}

int do_pm_exec(message *m)
{
    static char path[OS_PATH_MAX];
    struct fproc *p = fproc_get((endpoint_t)m->m.vfs.arg, 1);
    if (!p)
        return -EINVAL;
    int r = copy_path(m->m_source, m->m.vfs.grant, m->m.vfs.len, path);
    struct vnode *vn;
    if (r != OK || (r = path_lookup(p, path, 1, &vn)) != OK)
        return r;
    struct vfs_stat st;
    if ((r = fs_stat(vn, &st)) == OK) {
        if ((st.mode & OS_S_IFMT) != OS_S_IFREG || !(st.mode & 0111))
            r = -EACCES;
        else if (st.size > EXEC_MAX)
            r = -E2BIG;
        else if (st.size < 52)
            r = -ENOEXEC;
        else
            r = read_whole(vn, (uint32_t)st.size);
    }
    vnode_put(vn);
    if (r != OK)
        return r;
    if (image_grant >= 0)
        grant_revoke(image_grant);
    image_grant = grant_make(VM_PROC, image, (size_t)st.size, GRANT_READ);
    if (image_grant < 0)
        return image_grant;
    m->m.vfs.grant = image_grant;
    m->m.vfs.len = (uint32_t)st.size;
    return OK;
}

/* The new program runs (status OK): close-on-exec descriptors close. */
int do_pm_exec_done(message *m)
{
    if (image_grant >= 0)
        grant_revoke(image_grant);
    image_grant = -1;
    struct fproc *p = fproc_get((endpoint_t)m->m.vfs.arg, 0);
    if (p && m->m.vfs.fd == OK)
        for (int fd = 0; fd < OPEN_MAX; fd++)
            if (p->fd[fd] && p->cloexec[fd])
                fd_close(p, fd);
    return OK;
}
