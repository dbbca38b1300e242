/* VFS's message loop: every file call of every program, PM's news of forks, exits and execs,
 * and the notifications of drivers whose requests ended and of the clock for select. */
#include "vfs.h"

struct fproc *fp;

typedef int (*handler)(message *m);

static const handler calls[VFS_CALL_END - VFS_OPEN] = {
    [VFS_OPEN - VFS_OPEN] = do_open,        [VFS_CLOSE - VFS_OPEN] = do_close,
    [VFS_READ - VFS_OPEN] = do_read,        [VFS_WRITE - VFS_OPEN] = do_write,
    [VFS_LSEEK - VFS_OPEN] = do_lseek,      [VFS_STAT - VFS_OPEN] = do_stat,
    [VFS_LSTAT - VFS_OPEN] = do_stat,       [VFS_FSTAT - VFS_OPEN] = do_fstat,
    [VFS_DUP - VFS_OPEN] = do_dup,          [VFS_DUP2 - VFS_OPEN] = do_dup2,
    [VFS_FCNTL - VFS_OPEN] = do_fcntl,      [VFS_PIPE - VFS_OPEN] = do_pipe,
    [VFS_UNLINK - VFS_OPEN] = do_unlink,    [VFS_LINK - VFS_OPEN] = do_link,
    [VFS_RENAME - VFS_OPEN] = do_rename,    [VFS_MKDIR - VFS_OPEN] = do_mkdir,
    [VFS_RMDIR - VFS_OPEN] = do_rmdir,      [VFS_CHDIR - VFS_OPEN] = do_chdir,
    [VFS_FCHDIR - VFS_OPEN] = do_fchdir,    [VFS_GETCWD - VFS_OPEN] = do_getcwd,
    [VFS_GETDENTS - VFS_OPEN] = do_getdents,[VFS_CHMOD - VFS_OPEN] = do_chmod,
    [VFS_FCHMOD - VFS_OPEN] = do_fchmod,    [VFS_CHOWN - VFS_OPEN] = do_chown,
    [VFS_UMASK - VFS_OPEN] = do_umask,      [VFS_TRUNCATE - VFS_OPEN] = do_truncate,
    [VFS_FTRUNCATE - VFS_OPEN] = do_ftruncate, [VFS_SYMLINK - VFS_OPEN] = do_symlink,
    [VFS_READLINK - VFS_OPEN] = do_readlink,[VFS_MOUNT - VFS_OPEN] = do_mount,
    [VFS_UMOUNT - VFS_OPEN] = do_umount,    [VFS_SELECT - VFS_OPEN] = do_select,
    [VFS_IOCTL - VFS_OPEN] = do_ioctl,      [VFS_SYNC - VFS_OPEN] = do_sync,
    [VFS_MKNOD - VFS_OPEN] = do_mknod,      [VFS_ACCESS - VFS_OPEN] = do_access,
};

/* What PM may send with SENDREC (the rest comes through its queue). */
static const handler pm_calls[] = {
    [VFS_PM_FORK - VFS_PM_FORK] = do_pm_fork,
    [VFS_PM_EXIT - VFS_PM_FORK] = do_pm_exit,
    [VFS_PM_UNPAUSE - VFS_PM_FORK] = do_pm_unpause,
};

void reply(endpoint_t to, message *m, int status)
{
    m->m_type = status;
    int r = ipc_sendnb(to, m);
    if (r != OK && r != -EDEADSRCDST)
        log_printf("vfs: cannot answer %d: %s\n", (int)to, err_name(r));
}

/* Ends the wait of a process blocked in VFS with the status of its call. */
void revive(struct fproc *p, int status)
{
    if (p->blocked == NOT_BLOCKED)
        return;
    p->blocked = NOT_BLOCKED;
    reply(p->ep, &p->req, status);
}

uint64_t uptime_ticks(void)
{
    struct kc_times t;
    return sys_times(SELF, &t) == OK ? t.uptime : 0;
}

/* A driver or file server died: waits (a few seconds at most) until DS names its new
 * instance under the same label. Other messages to VFS wait meanwhile; only the clock is
 * received. NONE if it does not come back. */
endpoint_t wait_for_restart(const char *label, endpoint_t dead)
{
    for (int i = 0; i < 100; i++) {
        endpoint_t ep;
        if (ds_lookup(label, &ep) == OK && ep != dead)
            return ep;
        message m;
        if (sys_setalarm(5) == OK)
            ipc_receive(CLOCK, &m);
    }
    return NONE;
}

/* PM's queue of forks and exits. VFS may SENDREC to PM because PM never waits for VFS while
 * it has events queued; if PM is in a call to VFS just now (an exec), the kernel refuses the
 * SENDREC as a deadlock and the queue is fetched after that call. */
static int pm_events_waiting;
static message exec_ready;       /* an exec's answer PM has not taken yet */
static int exec_ready_waiting;

/* Tells PM that the program of an exec is read (or why not); PM's answer says whether the
 * process runs it now, which closes its close-on-exec descriptors. */
static int send_exec_ready(void)
{
    message m = exec_ready;
    m.m_type = PM_EXEC_READY;
    if (ipc_sendrec(PM_PROC, &m) != OK)
        return -EAGAIN;
    exec_ready_waiting = 0;
    message done = { 0 };
    done.m.vfs.arg = exec_ready.m.vfs.arg;
    done.m.vfs.fd = m.m_type;
    do_pm_exec_done(&done);
    return OK;
}

static void pm_exec(message *m)
{
    int r = do_pm_exec(m);
    exec_ready = *m;
    exec_ready.m.vfs.fd = r;
    exec_ready_waiting = 1;
}

static void fetch_pm_events(void)
{
    pm_events_waiting = 0;
    if (exec_ready_waiting && send_exec_ready() != OK) {
        pm_events_waiting = 1;
        return;
    }
    for (;;) {
        message m = { 0 };
        m.m_type = PM_VFS_EVENT;
        int r = ipc_sendrec(PM_PROC, &m);
        if (r != OK) {
            pm_events_waiting = 1;
            return;
        }
        if (m.m_type == VFS_PM_FORK)
            do_pm_fork(&m);
        else if (m.m_type == VFS_PM_EXIT)
            do_pm_exit(&m);
        else if (m.m_type == VFS_PM_EXEC)
            pm_exec(&m);
        else
            return;
        if (exec_ready_waiting && send_exec_ready() != OK) {
            pm_events_waiting = 1;
            return;
        }
    }
}

static void on_notify(const message *m)
{
    if (m->m_source == PM_PROC)
        fetch_pm_events();
    else if (m->m_source == DS_PROC)
        dev_labels_changed();
    else if (m->m_source == CLOCK)
        select_timeouts();
    else
        dev_notified(m->m_source);
}

static void on_request(message *m)
{
    int type = m->m_type, r;
    if (type >= VFS_PM_FORK && type <= VFS_PM_UNPAUSE) {
        r = m->m_source == PM_PROC && pm_calls[type - VFS_PM_FORK] ?
            pm_calls[type - VFS_PM_FORK](m) : -EPERM;
    } else if (type >= VFS_OPEN && type < VFS_CALL_END && calls[type - VFS_OPEN]) {
        if (pm_events_waiting || !fproc_get(m->m_source, 0))
            fetch_pm_events();           /* a new process: its fork may still be queued */
        fp = fproc_get(m->m_source, 1);
        if (!fp)
            r = -ENOMEM;
        else if (fp->blocked != NOT_BLOCKED)
            r = -EBUSY;        /* cannot happen: it waits for our answer */
        else
            r = calls[type - VFS_OPEN](m);
    } else {
        r = -EBADREQUEST;
    }
    if (r != SUSPEND)
        reply(m->m_source, m, r);
    if (m->m_source == PM_PROC && pm_events_waiting)
        fetch_pm_events();               /* PM's call had kept it from answering ours */
}

int main(int argc, char **argv)
{
    int r = dev_args(argc, argv);
    if (r != OK)
        log_printf("vfs: bad device table in the arguments: %s\n", err_name(r));
    serve(on_notify, on_request);
}
