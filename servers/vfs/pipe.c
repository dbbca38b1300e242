/* Pipes: a ring buffer in VFS between the open files of its two ends. A read of an empty
 * pipe or a write to a full one waits until the other side moves or goes away. */
#include "vfs.h"

#define NR_PIPES 64
#define PIPE_SIZE 8192
#define PIPE_ATOMIC 512        /* writes up to this size are never split */

struct pipe {
    int used;
    uint8_t buf[PIPE_SIZE];
    uint32_t head, len;
    int readers, writers;
};

static struct pipe pipes[NR_PIPES];
static uint32_t pipe_ino;

int do_pipe(message *m)
{
    struct pipe *pp = NULL;
    for (int i = 0; i < NR_PIPES && !pp; i++)
        if (!pipes[i].used)
            pp = &pipes[i];
    if (!pp)
        return -ENFILE;
    struct vnode *vn = vnode_get(-1, ++pipe_ino, OS_S_IFIFO | 0600, 0);
    if (!vn)
        return -ENFILE;
    vn->pipe = pp;
    struct filp *rd = filp_new(vn, 0), *wr = rd ? filp_new(vn, 1) : NULL;
    if (!wr) {
        if (rd)
            rd->refs = 0;
        vnode_put(vn);
        return -ENFILE;
    }
    vnode_hold(vn);              /* one hold per open file */
    *pp = (struct pipe){ .used = 1, .readers = 1, .writers = 1 };
    int fd0 = fd_install(fp, rd, 0);
    int fd1 = fd0 < 0 ? fd0 : fd_install(fp, wr, 0);
    if (fd1 < 0) {
        if (fd0 >= 0)
            fd_close(fp, fd0);
        else
            filp_put(rd);
        filp_put(wr);
        return fd1;
    }
    m->m.vfs.fd = fd0;
    m->m.vfs.fd2 = fd1;
    return OK;
}

/* Copies n bytes between the ring at offset `at` and the caller's grant at `off`. */
static int ring_copy(struct pipe *pp, int to_user, uint32_t at, endpoint_t who, grant_id_t g,
                     uint32_t off, uint32_t n)
{
    while (n > 0) {
        uint32_t i = at % PIPE_SIZE, piece = PIPE_SIZE - i < n ? PIPE_SIZE - i : n;
        int r = to_user ? sys_safecopyto(who, g, off, pp->buf + i, piece)
                        : sys_safecopyfrom(who, g, off, pp->buf + i, piece);
        if (r != OK)
            return r;
        at += piece, off += piece, n -= piece;
    }
    return OK;
}

static int pipe_read(struct pipe *pp, message *m)
{
    if (pp->len == 0)
        return pp->writers == 0 ? 0 : SUSPEND;
    uint32_t n = m->m.vfs.len < pp->len ? m->m.vfs.len : pp->len;
    int r = ring_copy(pp, 1, pp->head, m->m_source, m->m.vfs.grant, 0, n);
    if (r != OK)
        return r;
    pp->head = (pp->head + n) % PIPE_SIZE;
    pp->len -= n;
    return (int)n;
}

/* A write to a pipe nobody reads: SIGPIPE for the writer, as POSIX has it, so that a
 * producer whose consumer is gone (od ... | head) ends. PM never waits for VFS here; if it
 * is in a call to VFS just now, the kernel refuses and the write only fails. */
static void sigpipe(const message *m)
{
    struct fproc *p = fproc_get(m->m_source, 0);
    if (!p || p->pid <= 0)
        return;
    message k = { 0 };
    k.m_type = PM_KILL;
    k.m.pm.pid = p->pid;
    k.m.pm.arg = OS_SIGPIPE;
    ipc_sendrec(PM_PROC, &k);
}

static int pipe_write(struct pipe *pp, message *m)
{
    if (pp->readers == 0) {
        sigpipe(m);
        return -EPIPE;
    }
    uint32_t room = PIPE_SIZE - pp->len, want = m->m.vfs.len;
    if (room == 0 || (want <= PIPE_ATOMIC && room < want))
        return SUSPEND;
    uint32_t n = want < room ? want : room;
    int r = ring_copy(pp, 0, pp->head + pp->len, m->m_source, m->m.vfs.grant, 0, n);
    if (r != OK)
        return r;
    pp->len += n;
    return (int)n;
}

/* A read or write on a pipe end; SUSPEND parks the caller until pipe_wake. */
int pipe_rw(struct filp *f, int write, message *m)
{
    struct pipe *pp = f->vn->pipe;
    if (m->m.vfs.len == 0)
        return 0;
    int r = write ? pipe_write(pp, m) : pipe_read(pp, m);
    if (r == SUSPEND && (f->flags & OS_O_NONBLOCK))
        return -EAGAIN;
    if (r == SUSPEND) {
        fp->blocked = BLOCK_PIPE;
        fp->req = *m;
        return SUSPEND;
    }
    if (r > 0)
        pipe_wake(f->vn);
    return r;
}

/* Lets every process waiting on this pipe try again. */
void pipe_wake(struct vnode *vn)
{
    struct fproc *saved = fp;
    int again = 1;
    while (again) {
        again = 0;
        for (int i = 0; i < NR_FPROCS; i++) {
            struct fproc *p = &fprocs[i];
            if (!p->used || p->blocked != BLOCK_PIPE)
                continue;
            struct filp *f = filp_get(p, p->req.m.vfs.fd);
            if (!f || f->vn != vn)
                continue;
            struct pipe *pp = vn->pipe;
            int write = p->req.m_type == VFS_WRITE;
            int r = write ? pipe_write(pp, &p->req) : pipe_read(pp, &p->req);
            if (r == SUSPEND)
                continue;
            revive(p, r);
            again = r > 0;         /* the other side may move now */
        }
    }
    fp = saved;
    select_recheck();
}

void pipe_release(struct vnode *vn, uint32_t flags)
{
    struct pipe *pp = vn->pipe;
    if ((flags & OS_O_ACCMODE) == 0)
        pp->readers--;
    else
        pp->writers--;
    if (pp->readers == 0 && pp->writers == 0) {
        pp->used = 0;
        vn->pipe = NULL;         /* the vnode goes with the last open file's hold */
        select_recheck();
        return;
    }
    pipe_wake(vn);
}

int pipe_select(struct vnode *vn, uint32_t ops)
{
    struct pipe *pp = vn->pipe;
    int ready = 0;
    if ((ops & SEL_RD) && (pp->len > 0 || pp->writers == 0))
        ready |= SEL_RD;
    if ((ops & SEL_WR) && (pp->len < PIPE_SIZE || pp->readers == 0))
        ready |= SEL_WR;
    return ready;
}
