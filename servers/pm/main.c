/* The process manager's message loop: requests from processes, exception signals from the
 * kernel (a notification from SYSTEM) and alarm ticks (a notification from CLOCK). */
#include "pm.h"
#include "../../lib/common/string.h"

struct mproc mproc[NR_SLOTS];
struct mproc *who;

typedef int (*pm_handler)(message *m);

static const pm_handler handlers[PM_CALL_END - PM_FORK] = {
    [PM_FORK - PM_FORK] = do_fork,
    [PM_EXIT - PM_FORK] = do_exit,
    [PM_WAITPID - PM_FORK] = do_waitpid,
    [PM_EXEC - PM_FORK] = do_exec,
    [PM_GETPID - PM_FORK] = do_getpid,
    [PM_KILL - PM_FORK] = do_kill,
    [PM_SIGACTION - PM_FORK] = do_sigaction,
    [PM_SIGPROCMASK - PM_FORK] = do_sigprocmask,
    [PM_SIGSUSPEND - PM_FORK] = do_sigsuspend,
    [PM_SIGPENDING - PM_FORK] = do_sigpending,
    [PM_SIGRETURN - PM_FORK] = do_sigreturn,
    [PM_ALARM - PM_FORK] = do_alarm,
    [PM_TIMES - PM_FORK] = do_times,
    [PM_SETSID - PM_FORK] = do_setsid,
    [PM_GETSID - PM_FORK] = do_getsid,
    [PM_SETPGID - PM_FORK] = do_setpgid,
    [PM_GETPGID - PM_FORK] = do_getpgid,
    [PM_GETUID - PM_FORK] = do_getuid,
    [PM_SETUID - PM_FORK] = do_setuid,
    [PM_SETGID - PM_FORK] = do_setgid,
    [PM_SPAWN - PM_FORK] = do_spawn,
    [PM_GETSIGS - PM_FORK] = do_getsigs,
    [PM_PROCINFO - PM_FORK] = do_procinfo,
    [PM_REBOOT - PM_FORK] = do_reboot,
    [PM_VFS_EVENT - PM_FORK] = do_vfs_event,
    [PM_EXEC_READY - PM_FORK] = do_exec_ready,
    [PM_EUID_OF - PM_FORK] = do_euid_of,
};

/* Callers wait in SENDREC, so a non-blocking send always finds them; one that died is skipped. */
void reply(struct mproc *mp, message *m)
{
    ipc_sendnb(mp->ep, m);
}

void reply_status(struct mproc *mp, int status)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m_type = status;
    reply(mp, &m);
}

struct mproc *mp_by_endpoint(endpoint_t ep)
{
    if (ep < 0 || ENDPOINT_SLOT(ep) >= NR_SLOTS)
        return NULL;   /* PM_EUID_OF takes any number as an endpoint */
    struct mproc *mp = &mproc[ENDPOINT_SLOT(ep)];
    return mp->state == MP_ALIVE && mp->ep == ep ? mp : NULL;
}

struct mproc *mp_by_pid(int32_t pid)
{
    for (int i = 0; i < NR_SLOTS; i++)
        if (mproc[i].state != MP_FREE && mproc[i].pid == pid)
            return &mproc[i];
    return NULL;
}

uint64_t uptime_ticks(void)
{
    struct kc_times t;
    return sys_times(SELF, &t) == OK ? t.uptime : 0;
}

static void handle_notification(const message *m)
{
    who = NULL;   /* no caller: every signal raised now is delivered at once */
    if (m->m_source == SYSTEM)
        sig_kernel_signals();
    else if (m->m_source == CLOCK)
        sig_alarms();
}

static void handle_request(message *m)
{
    who = mp_by_endpoint(m->m_source);
    if (!who)
        return;   /* not a process PM knows: nobody to answer */
    int r = -EBADREQUEST;
    if (m->m_type >= PM_FORK && m->m_type < PM_CALL_END && handlers[m->m_type - PM_FORK])
        r = handlers[m->m_type - PM_FORK](m);
    if (r == SUSPEND)
        return;
    m->m_type = r;
    if (who->state == MP_ALIVE) {
        reply(who, m);
        sig_deliver_pending(who);
    }
}

int main(void)
{
    pm_init_boot_processes();
    vfs_init();
    serve(handle_notification, handle_request);
}
