/* select: regular files are always ready, pipes are checked here, devices are asked and
 * report later; a waiting select ends when anything is ready or its timeout passes. */
#include "vfs.h"

#define SET_WORDS 2
#define SEL_FDS (32 * SET_WORDS)

static int in_set(const uint32_t *set, uint32_t fd)
{
    return (set[fd / 32] >> (fd % 32)) & 1;
}

static void add_set(uint32_t *set, uint32_t fd)
{
    set[fd / 32] |= 1u << (fd % 32);
}

/* Ready bits of one descriptor now, without asking drivers. */
static int ready_now(struct filp *f, uint32_t ops)
{
    if (f->vn->pipe)
        return pipe_select(f->vn, ops);
    if (is_dev(f->vn))
        return 0;
    return (int)(ops & (SEL_RD | SEL_WR));
}

static uint32_t wanted(const struct vfs_select *s, uint32_t fd)
{
    return (in_set(s->readfds, fd) ? SEL_RD : 0) | (in_set(s->writefds, fd) ? SEL_WR : 0);
}

/* Writes the ready sets back and answers the process; dev_fd/dev_bits: what a driver said. */
static int finish(struct fproc *p, const message *m, int dev_fd, uint32_t dev_bits)
{
    struct vfs_select out = p->sel;
    memset(out.readfds, 0, sizeof out.readfds);
    memset(out.writefds, 0, sizeof out.writefds);
    memset(out.exceptfds, 0, sizeof out.exceptfds);
    int count = 0;
    for (uint32_t fd = 0; fd < p->sel.nfds; fd++) {
        uint32_t ops = wanted(&p->sel, fd);
        if (!ops || !p->fd[fd])
            continue;
        uint32_t bits = (int)fd == dev_fd ? dev_bits : (uint32_t)ready_now(p->fd[fd], ops);
        if (bits & ops & SEL_RD)
            add_set(out.readfds, fd), count++;
        if (bits & ops & SEL_WR)
            add_set(out.writefds, fd), count++;
    }
    int r = sys_safecopyto(m->m_source, m->m.vfs.grant, 0, &out, sizeof out);
    return r == OK ? count : r;
}

void select_rearm(void)
{
    uint64_t now = uptime_ticks(), next = 0;
    for (int i = 0; i < NR_FPROCS; i++) {
        struct fproc *p = &fprocs[i];
        if (p->used && p->blocked == BLOCK_SELECT && p->sel_deadline &&
            (!next || p->sel_deadline < next))
            next = p->sel_deadline;
    }
    if (next)
        sys_setalarm(next > now ? (uint32_t)(next - now) : 1);
}

int do_select(message *m)
{
    struct vfs_select s;
    if (m->m.vfs.len < sizeof s)
        return -EINVAL;
    int r = sys_safecopyfrom(m->m_source, m->m.vfs.grant, 0, &s, sizeof s);
    if (r != OK)
        return r;
    if (s.nfds > SEL_FDS || s.nfds > OPEN_MAX)
        return -EINVAL;
    int ready = 0;
    fp->sel = s;
    fp->sel.nfds = s.nfds;
    for (uint32_t fd = 0; fd < s.nfds; fd++) {
        uint32_t ops = wanted(&s, fd);
        if (!ops)
            continue;
        struct filp *f = fp->fd[fd];
        if (!f)
            return -EBADF;
        ready |= ready_now(f, ops);
    }
    int dev_fd = -1;
    uint32_t dev_bits = 0;
    for (uint32_t fd = 0; fd < s.nfds && !ready; fd++) {
        uint32_t ops = wanted(&s, fd);
        if (ops && is_dev(fp->fd[fd]->vn)) {
            r = dev_select_start(fp, fp->fd[fd]->vn, ops, fd);
            if (r > 0)
                dev_fd = (int)fd, dev_bits = (uint32_t)r, ready = r;
        }
    }
    if (ready || s.timeout_ms == 0) {
        if (dev_fd >= 0 || !ready) {
            fp->blocked = BLOCK_SELECT;   /* so dev_cancel withdraws the other asks */
            dev_cancel(fp);
            fp->blocked = NOT_BLOCKED;
        }
        return finish(fp, m, dev_fd, dev_bits);
    }
    fp->blocked = BLOCK_SELECT;
    fp->req = *m;
    fp->sel_deadline = 0;
    if (s.timeout_ms > 0) {
        uint32_t ticks = ((uint32_t)s.timeout_ms * 100 + 999) / 1000;
        fp->sel_deadline = (uint32_t)uptime_ticks() + (ticks ? ticks : 1);
        select_rearm();
    }
    return SUSPEND;
}

static void end_select(struct fproc *p, int dev_fd, uint32_t dev_bits)
{
    dev_cancel(p);
    revive(p, finish(p, &p->req, dev_fd, dev_bits));
}

/* Pipes or processes changed: waiting selects with something ready now end. */
void select_recheck(void)
{
    for (int i = 0; i < NR_FPROCS; i++) {
        struct fproc *p = &fprocs[i];
        if (!p->used || p->blocked != BLOCK_SELECT)
            continue;
        for (uint32_t fd = 0; fd < p->sel.nfds; fd++) {
            uint32_t ops = wanted(&p->sel, fd);
            if (ops && p->fd[fd] && ready_now(p->fd[fd], ops)) {
                end_select(p, -1, 0);
                break;
            }
        }
    }
}

void select_dev_ready(struct fproc *p, uint32_t fd, int status)
{
    if (status < 0)
        status = SEL_RD | SEL_WR;         /* an error: let the program find it by reading */
    end_select(p, (int)fd, (uint32_t)status);
}

void select_timeouts(void)
{
    uint64_t now = uptime_ticks();
    for (int i = 0; i < NR_FPROCS; i++) {
        struct fproc *p = &fprocs[i];
        if (p->used && p->blocked == BLOCK_SELECT && p->sel_deadline && p->sel_deadline <= now)
            end_select(p, -1, 0);
    }
    select_rearm();
}
