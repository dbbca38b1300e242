/* Device files: the major number picks a driver by its label (the table comes from VFS's
 * arguments, "MAJOR=LABEL"), found through DS again after a restart. Reads, writes, ioctls
 * and selects are asynchronous, so a driver waiting for input never stalls VFS. */
#include "vfs.h"

#define ID_IO 127              /* request ids: slot * 128 + fd for select, + ID_IO otherwise */

static struct major {
    char label[16];
    endpoint_t ep;
} majors[NR_MAJORS];

static uint32_t parse_uint(const char **s)
{
    uint32_t v = 0;
    while (**s >= '0' && **s <= '9')
        v = v * 10 + (uint32_t)(*(*s)++ - '0');
    return v;
}

/* "root=LABEL" names the root file server; "N=LABEL" gives major N to a driver. */
int dev_args(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i], *eq = strchr(s, '=');
        if (!eq || strlen(eq + 1) >= 16)
            return -EINVAL;
        if (strncmp(s, "root=", 5) == 0) {
            strcpy(root_fs_label, eq + 1);
            continue;
        }
        uint32_t major = parse_uint(&s);
        if (s != eq || major >= NR_MAJORS)
            return -EINVAL;
        strcpy(majors[major].label, eq + 1);
        majors[major].ep = NONE;
        ds_subscribe(majors[major].label);   /* to hear of its restarts */
    }
    return OK;
}

int is_dev(const struct vnode *vn)
{
    uint32_t t = vn->mode & OS_S_IFMT;
    return !vn->pipe && (t == OS_S_IFCHR || t == OS_S_IFBLK);
}

const char *dev_label(uint32_t rdev)
{
    uint32_t major = DEV_MAJOR(rdev);
    return major < NR_MAJORS && majors[major].label[0] ? majors[major].label : NULL;
}

static void driver_restarted(int major);

/* SENDREC to the driver of rdev. If the driver died, VFS waits for RS to replace it and
 * asks the new one; a request that carries a grant made for the dead one fails with
 * EDEADSRCDST instead, for the caller to make a new grant and ask again. */
static int driver_call(uint32_t rdev, int type, message *m)
{
    if (DEV_MAJOR(rdev) >= NR_MAJORS || !majors[DEV_MAJOR(rdev)].label[0])
        return -ENXIO;
    int major = (int)DEV_MAJOR(rdev);
    struct major *d = &majors[major];
    for (int attempt = 0; attempt < 2; attempt++) {
        if (d->ep == NONE && ds_lookup(d->label, &d->ep) != OK) {
            d->ep = NONE;
            return -ENXIO;
        }
        message req = *m;
        req.m_type = type;
        req.m.dev.minor = DEV_MINOR(rdev);
        int r = ipc_sendrec(d->ep, &req);
        if (r == OK) {
            *m = req;
            return req.m_type;
        }
        if (r != -EDEADSRCDST) {
            d->ep = NONE;
            return r;
        }
        endpoint_t dead = d->ep;
        if ((d->ep = wait_for_restart(d->label, dead)) == NONE)
            return -EIO;
        log_printf("vfs: %s is back as endpoint %d; its waiting requests go again\n",
                   d->label, (int)d->ep);
        select_rearm();
        driver_restarted(major);
        if (type == DEV_READ || type == DEV_WRITE || type == DEV_IOCTL)
            return -EDEADSRCDST;
    }
    return -EIO;
}

int dev_open(uint32_t rdev, uint32_t flags)
{
    message m = { 0 };
    uint32_t acc = flags & OS_O_ACCMODE;
    m.m.dev.access = (acc != 1 ? DEV_ACCESS_READ : 0) | (acc != 0 ? DEV_ACCESS_WRITE : 0);
    return driver_call(rdev, DEV_OPEN, &m);
}

void dev_close(uint32_t rdev)
{
    message m = { 0 };
    driver_call(rdev, DEV_CLOSE, &m);
}

static endpoint_t driver_ep(uint32_t rdev)
{
    if (DEV_MAJOR(rdev) >= NR_MAJORS)
        return NONE;
    struct major *d = &majors[DEV_MAJOR(rdev)];
    if (d->ep == NONE && d->label[0] && ds_lookup(d->label, &d->ep) != OK)
        d->ep = NONE;
    return d->ep;
}

/* An asynchronous request for the calling process; waits (SUSPEND) if the driver says so. */
static int async_call(struct vnode *vn, int type, message *m, uint64_t pos, uint32_t access)
{
    int r = -EIO;
    grant_id_t g = -1;
    message dm;
    for (int attempt = 0; attempt < 2; attempt++) {
        endpoint_t drv = driver_ep(vn->rdev);
        if (drv == NONE)
            return -ENXIO;
        g = grant_indirect(drv, m->m_source, m->m.vfs.grant, 0, m->m.vfs.len, access);
        if (g < 0 && m->m.vfs.len > 0)
            return g;
        memset(&dm, 0, sizeof dm);
        dm.m.dev.pos = pos;
        dm.m.dev.grant = g;
        dm.m.dev.count = m->m.vfs.len;
        dm.m.dev.request = m->m.vfs.arg;
        dm.m.dev.id = (uint32_t)ENDPOINT_SLOT(fp->ep) * 128 + ID_IO;
        dm.m.dev.flags = DEV_ASYNC;
        r = driver_call(vn->rdev, type, &dm);
        if (r != -EDEADSRCDST)
            break;
        grant_revoke(g);                 /* made for the dead driver: again for the new one */
    }
    if (r != -ESUSPEND) {
        grant_revoke(g);
        return r;
    }
    fp->blocked = BLOCK_DEV;
    fp->req = *m;
    fp->dev_id = dm.m.dev.id;
    fp->dev_major = (int)DEV_MAJOR(vn->rdev);
    fp->dev_grant = g;
    return SUSPEND;
}

int dev_rw(struct filp *f, int write, message *m)
{
    int block = (f->vn->mode & OS_S_IFMT) == OS_S_IFBLK;
    int r = async_call(f->vn, write ? DEV_WRITE : DEV_READ, m, block ? f->pos : 0,
                       write ? GRANT_READ : GRANT_WRITE);
    if (r > 0 && block)
        f->pos += (uint32_t)r;
    return r;
}

int do_ioctl(message *m)
{
    struct filp *f = filp_get(fp, m->m.vfs.fd);
    if (!f)
        return -EBADF;
    if (!is_dev(f->vn))
        return -ENOTTY;
    return async_call(f->vn, DEV_IOCTL, m, 0, GRANT_READ | GRANT_WRITE);
}

/* Asks the driver whether ops are ready on the device; 0 means it will tell (tag: the fd). */
int dev_select_start(struct fproc *p, struct vnode *vn, uint32_t ops, uint32_t tag)
{
    message dm = { 0 };
    dm.m.dev.request = ops;
    dm.m.dev.id = (uint32_t)ENDPOINT_SLOT(p->ep) * 128 + tag;
    dm.m.dev.flags = DEV_ASYNC;
    int r = driver_call(vn->rdev, DEV_SELECT, &dm);
    return r == -ESUSPEND ? 0 : r;
}

static void cancel_id(int major, uint32_t id)
{
    message dm = { 0 };
    dm.m.dev.id = id;
    driver_call(DEV_MAKE((uint32_t)major, 0), DEV_CANCEL, &dm);
}

/* The process stops waiting: its driver requests are withdrawn. */
void dev_cancel(struct fproc *p)
{
    uint32_t base = (uint32_t)ENDPOINT_SLOT(p->ep) * 128;
    if (p->blocked == BLOCK_DEV) {
        cancel_id(p->dev_major, p->dev_id);
        grant_revoke(p->dev_grant);
        return;
    }
    for (uint32_t fd = 0; fd < OPEN_MAX && fd < p->sel.nfds; fd++) {
        struct filp *f = p->fd[fd];
        uint32_t bit = 1u << (fd % 32);
        int asked = (p->sel.readfds[fd / 32] | p->sel.writefds[fd / 32]) & bit;
        if (f && asked && is_dev(f->vn))
            cancel_id((int)DEV_MAJOR(f->vn->rdev), base + fd);
    }
}

/* Requests that waited in a driver that died went with it: each is made again on the new
 * instance, so the program notices nothing (a select just wakes up and is asked again). */
static void driver_restarted(int major)
{
    struct fproc *saved = fp;
    for (int i = 0; i < NR_FPROCS; i++) {
        struct fproc *p = &fprocs[i];
        if (!p->used)
            continue;
        if (p->blocked == BLOCK_DEV && p->dev_major == major) {
            grant_revoke(p->dev_grant);
            struct filp *f = filp_get(p, p->req.m.vfs.fd);
            message req = p->req;
            p->blocked = NOT_BLOCKED;
            fp = p;
            int r = !f ? -EBADF : req.m_type == VFS_IOCTL ? do_ioctl(&req)
                                : dev_rw(f, req.m_type == VFS_WRITE, &req);
            if (r != SUSPEND)
                reply(p->ep, &req, r);
        } else if (p->blocked == BLOCK_SELECT) {
            for (uint32_t fd = 0; fd < p->sel.nfds && fd < OPEN_MAX; fd++)
                if (p->fd[fd] && is_dev(p->fd[fd]->vn) && (int)DEV_MAJOR(p->fd[fd]->vn->rdev) == major) {
                    select_dev_ready(p, fd, SEL_RD | SEL_WR);
                    break;
                }
        }
    }
    fp = saved;
}

/* DS says a label changed: a driver of ours has a new endpoint. */
void dev_labels_changed(void)
{
    char key[DS_KEY_MAX];
    uint32_t type;
    while (ds_check(key, &type) == OK)
        for (int major = 0; major < NR_MAJORS; major++) {
            endpoint_t ep;
            if (!majors[major].label[0] || strcmp(majors[major].label, key) != 0)
                continue;
            if (ds_lookup(key, &ep) != OK || ep == majors[major].ep)
                continue;
            if (majors[major].ep != NONE)
                log_printf("vfs: %s is back as endpoint %d; its waiting requests go again\n",
                           key, (int)ep);
            majors[major].ep = ep;
            driver_restarted(major);
        }
}

/* A driver says requests ended: collect each with DEV_STATUS and answer its process. */
void dev_notified(endpoint_t driver)
{
    for (int major = 0; major < NR_MAJORS; major++) {
        if (majors[major].ep != driver || driver == NONE)
            continue;
        for (;;) {
            message dm = { 0 };
            int r = driver_call(DEV_MAKE((uint32_t)major, 0), DEV_STATUS, &dm);
            if (r == -ENOENT || r == -ENXIO || r == -EIO || r == -EBADREQUEST)
                break;
            struct fproc *p = &fprocs[(dm.m.dev.id / 128) % NR_FPROCS];
            uint32_t tag = dm.m.dev.id % 128;
            if (!p->used)
                continue;
            if (tag == ID_IO && p->blocked == BLOCK_DEV && p->dev_id == dm.m.dev.id) {
                grant_revoke(p->dev_grant);
                revive(p, r);
            } else if (tag < OPEN_MAX && p->blocked == BLOCK_SELECT) {
                select_dev_ready(p, tag, r);
            }
        }
        return;
    }
}
