/* Descriptors and open files: a descriptor points at an open file (shared after dup and
 * fork, with one position), which holds a vnode. */
#include "vfs.h"

static struct filp filps[NR_FILPS];

int fd_alloc(struct fproc *p, int from)
{
    for (int fd = from < 0 ? 0 : from; fd < OPEN_MAX; fd++)
        if (!p->fd[fd])
            return fd;
    return -EMFILE;
}

struct filp *filp_get(struct fproc *p, int fd)
{
    return fd >= 0 && fd < OPEN_MAX ? p->fd[fd] : NULL;
}

struct filp *filp_new(struct vnode *vn, uint32_t flags)
{
    for (int i = 0; i < NR_FILPS; i++)
        if (filps[i].refs == 0) {
            filps[i] = (struct filp){ 1, vn, flags, 0 };
            return &filps[i];
        }
    return NULL;
}

/* The last close of an open file closes the device or the pipe end too. */
void filp_put(struct filp *f)
{
    if (--f->refs > 0)
        return;
    struct vnode *vn = f->vn;
    if (vn->pipe)
        pipe_release(vn, f->flags);
    else if (is_dev(vn))
        dev_close(vn->rdev);
    vnode_put(vn);
    f->vn = NULL;
}

int fd_install(struct fproc *p, struct filp *f, int cloexec)
{
    int fd = fd_alloc(p, 0);
    if (fd < 0)
        return fd;
    p->fd[fd] = f;
    p->cloexec[fd] = (uint8_t)(cloexec != 0);
    return fd;
}

void fd_close(struct fproc *p, int fd)
{
    struct filp *f = p->fd[fd];
    p->fd[fd] = NULL;
    p->cloexec[fd] = 0;
    if (f)
        filp_put(f);
}

int do_close(message *m)
{
    if (!filp_get(fp, m->m.vfs.fd))
        return -EBADF;
    fd_close(fp, m->m.vfs.fd);
    return OK;
}

static int dup_to(int fd, int to, int cloexec)
{
    struct filp *f = filp_get(fp, fd);
    if (!f)
        return -EBADF;
    if (to < 0 || to >= OPEN_MAX)
        return -EBADF;
    if (to == fd)
        return to;
    if (fp->fd[to])
        fd_close(fp, to);
    fp->fd[to] = f;
    fp->cloexec[to] = (uint8_t)cloexec;
    f->refs++;
    return to;
}

int do_dup(message *m)
{
    if (!filp_get(fp, m->m.vfs.fd))
        return -EBADF;
    int to = fd_alloc(fp, 0);
    return to < 0 ? to : dup_to(m->m.vfs.fd, to, 0);
}

int do_dup2(message *m)
{
    return dup_to(m->m.vfs.fd, m->m.vfs.fd2, 0);
}

int do_fcntl(message *m)
{
    int fd = m->m.vfs.fd;
    struct filp *f = filp_get(fp, fd);
    if (!f)
        return -EBADF;
    uint32_t arg = m->m.vfs.arg;
    switch (m->m.vfs.flags) {
    case OS_F_DUPFD:
    case OS_F_DUPFD_CLOEXEC: {
        if (arg >= OPEN_MAX)
            return -EINVAL;
        int to = fd_alloc(fp, (int)arg);
        return to < 0 ? to : dup_to(fd, to, m->m.vfs.flags == OS_F_DUPFD_CLOEXEC);
    }
    case OS_F_GETFD:
        return fp->cloexec[fd] ? OS_FD_CLOEXEC : 0;
    case OS_F_SETFD:
        fp->cloexec[fd] = (arg & OS_FD_CLOEXEC) != 0;
        return OK;
    case OS_F_GETFL:
        return (int)f->flags;
    case OS_F_SETFL:
        f->flags = (f->flags & ~(OS_O_APPEND | OS_O_NONBLOCK)) | (arg & (OS_O_APPEND | OS_O_NONBLOCK));
        return OK;
    default:
        return -EINVAL;
    }
}
