/* Per-process state: descriptor table, working directory and umask, created on a process's
 * first call or copied at fork, and dropped when PM says it exited. */
#include "vfs.h"

struct fproc fprocs[NR_FPROCS];

static void fproc_init(struct fproc *p, endpoint_t ep)
{
    memset(p, 0, sizeof *p);
    p->used = 1;
    p->ep = ep;
    p->umask = 022;
    strcpy(p->cwd_path, "/");
}

/* The process's state; a process VFS has not seen (a service RS started) gets an empty
 * table. The working directory is taken lazily, once a root exists. */
struct fproc *fproc_get(endpoint_t ep, int create)
{
    if (ep < 0)
        return NULL;
    struct fproc *p = &fprocs[ENDPOINT_SLOT(ep)];
    if (p->used && p->ep == ep)
        return p;
    if (!create)
        return NULL;
    if (p->used)
        do_pm_exit(&(message){ .m.vfs.arg = (uint32_t)p->ep });   /* an older generation */
    fproc_init(p, ep);
    return p;
}

static void fproc_release(struct fproc *p)
{
    if (p->blocked == BLOCK_DEV || p->blocked == BLOCK_SELECT)
        dev_cancel(p);
    p->blocked = NOT_BLOCKED;
    for (int fd = 0; fd < OPEN_MAX; fd++)
        if (p->fd[fd])
            fd_close(p, fd);
    if (p->cwd)
        vnode_put(p->cwd);
    p->cwd = NULL;
    p->used = 0;
}

int do_pm_fork(message *m)
{
    endpoint_t parent = (endpoint_t)m->m.vfs.arg, child = (endpoint_t)m->m.vfs.arg2;
    struct fproc *c = fproc_get(child, 1);
    if (!c)
        return -EINVAL;
    fproc_release(c);
    fproc_init(c, child);
    c->pid = m->m.vfs.fd;
    struct fproc *p = parent == NONE ? NULL : fproc_get(parent, 0);
    if (!p)
        return OK;
    for (int fd = 0; fd < OPEN_MAX; fd++)
        if (p->fd[fd]) {
            c->fd[fd] = p->fd[fd];
            c->fd[fd]->refs++;
            c->cloexec[fd] = p->cloexec[fd];
        }
    c->cwd = p->cwd;
    if (c->cwd)
        vnode_hold(c->cwd);
    memcpy(c->cwd_path, p->cwd_path, sizeof c->cwd_path);
    c->umask = p->umask;
    return OK;
}

int do_pm_exit(message *m)
{
    struct fproc *p = fproc_get((endpoint_t)m->m.vfs.arg, 0);
    if (p)
        fproc_release(p);
    select_recheck();
    return OK;
}

/* A signal for a process waiting in VFS: its call ends with EINTR so the handler can run. */
int do_pm_unpause(message *m)
{
    struct fproc *p = fproc_get((endpoint_t)m->m.vfs.arg, 0);
    if (!p || p->blocked == NOT_BLOCKED)
        return OK;
    if (p->blocked == BLOCK_DEV || p->blocked == BLOCK_SELECT)
        dev_cancel(p);
    revive(p, -EINTR);
    return OK;
}

int do_umask(message *m)
{
    uint32_t old = fp->umask;
    fp->umask = m->m.vfs.mode & 0777;
    return (int)old;
}
