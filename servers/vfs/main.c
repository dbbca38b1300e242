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

static const handler pm_calls[] = {
    [VFS_PM_FORK - VFS_PM_FORK] = do_pm_fork,
    [VFS_PM_EXIT - VFS_PM_FORK] = do_pm_exit,
    [VFS_PM_EXEC - VFS_PM_FORK] = do_pm_exec,
    [VFS_PM_EXEC_DONE - VFS_PM_FORK] = do_pm_exec_done,
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

static void on_notify(const message *m)
{
    if (m->m_source == CLOCK)
        select_timeouts();
    else
        dev_notified(m->m_source);
}

static void on_request(message *m)
{
    int type = m->m_type, r;
    if (type >= VFS_PM_FORK && type <= VFS_PM_UNPAUSE) {
        r = m->m_source == PM_PROC ? pm_calls[type - VFS_PM_FORK](m) : -EPERM;
    } else if (type >= VFS_OPEN && type < VFS_CALL_END && calls[type - VFS_OPEN]) {
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
}

int main(int argc, char **argv)
{
    int r = dev_args(argc, argv);
    if (r != OK)
        log_printf("vfs: bad device table in the arguments: %s\n", err_name(r));
    serve(on_notify, on_request);
}
