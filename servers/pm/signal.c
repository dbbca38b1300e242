/* POSIX signals: actions, masks, delivery and default actions, exception signals from the
 * kernel, and alarms. Ordinary processes get a frame pushed by the kernel and run their
 * handler; system processes get a notification and ask with PM_GETSIGS. */
#include "pm.h"
#include "../../lib/common/string.h"

#define UNCATCHABLE (OS_SIGBIT(OS_SIGKILL) | OS_SIGBIT(OS_SIGSTOP))
#define SIG_SETMASK_HOW 0   /* newlib's values */
#define SIG_BLOCK_HOW   1
#define SIG_UNBLOCK_HOW 2

static int valid_signal(int sig)
{
    return sig > 0 && sig < OS_NSIG;
}

static int ignored_by_default(int sig)
{
    return sig == OS_SIGCHLD || sig == OS_SIGCONT || sig == 16 /* SIGURG */ || sig == 28 /* SIGWINCH */;
}

static int stops_by_default(int sig)
{
    return sig == OS_SIGSTOP || sig == OS_SIGTSTP || sig == 21 /* SIGTTIN */ || sig == 22 /* SIGTTOU */;
}

/* Answers a call the process is blocked in (waitpid, sigsuspend) with EINTR. */
static void interrupt_call(struct mproc *mp)
{
    if (!mp->waiting && !mp->suspended)
        return;
    mp->waiting = 0;
    reply_status(mp, -EINTR);
}

static void default_action(struct mproc *mp, int sig)
{
    if (ignored_by_default(sig))
        return;
    if (stops_by_default(sig)) {
        if (sys_stop(mp->ep, 1) == OK)
            mp->stopped = 1;
        return;
    }
    pm_exit(mp, sig);   /* the wait status of a process a signal ended */
}

/* Runs mp's handler for sig: the kernel saves the context (with the mask to restore) in a
 * frame on the process's stack. A process whose stack cannot take the frame dies of SIGSEGV. */
static void run_handler(struct mproc *mp, int sig)
{
    uint32_t restore = mp->suspended ? mp->sig_saved_mask : mp->sig_mask;
    interrupt_call(mp);
    if (!mp->system)
        vfs_unpause(mp->ep);
    mp->suspended = 0;
    const struct sigact *a = &mp->act[sig];
    if (sys_sigsend(mp->ep, a->handler, mp->restorer, (uint32_t)sig, restore) != OK) {
        pm_exit(mp, OS_SIGSEGV);
        return;
    }
    mp->sig_mask = restore | a->mask | (a->flags & SA_NODEFER_FLAG ? 0 : OS_SIGBIT(sig));
    mp->sig_mask &= ~UNCATCHABLE;
}

static void deliver(struct mproc *mp, int sig)
{
    mp->sig_pending &= ~OS_SIGBIT(sig);
    if (sig == OS_SIGCONT && mp->stopped) {
        sys_stop(mp->ep, 0);
        mp->stopped = 0;
    }
    vir_bytes h = mp->act[sig].handler;
    if (sig == OS_SIGKILL || h == SIG_DFL_ADDR)
        default_action(mp, sig);
    else if (h != SIG_IGN_ADDR)
        run_handler(mp, sig);
}

/* Delivers what is pending and not blocked, one signal at a time, while the process lives. */
void sig_deliver_pending(struct mproc *mp)
{
    if (mp->system) {
        if (mp->sig_pending & OS_SIGBIT(OS_SIGKILL))
            pm_exit(mp, OS_SIGKILL);
        else if (mp->sig_pending)
            ipc_notify(mp->ep);
        return;
    }
    for (int sig = 1; sig < OS_NSIG && mp->state == MP_ALIVE; sig++) {
        uint32_t bit = OS_SIGBIT(sig);
        if ((mp->sig_pending & bit) && (!(mp->sig_mask & bit) || (bit & UNCATCHABLE)))
            deliver(mp, sig);
    }
}

void sig_raise(struct mproc *mp, int sig)
{
    if (mp->state != MP_ALIVE || !valid_signal(sig))
        return;
    if (!mp->system && mp->act[sig].handler == SIG_IGN_ADDR && sig != OS_SIGKILL)
        return;
    if (!mp->system && mp->act[sig].handler == SIG_DFL_ADDR && ignored_by_default(sig) &&
        sig != OS_SIGCONT)
        return;
    mp->sig_pending |= OS_SIGBIT(sig);
    if (mp != who)   /* the caller gets its signals after its reply */
        sig_deliver_pending(mp);
}

static int may_signal(const struct mproc *from, const struct mproc *to)
{
    return from->euid == 0 || from->uid == to->uid || from->euid == to->uid;
}

int do_kill(message *m)
{
    int32_t pid = m->m.pm.pid;
    int sig = m->m.pm.arg;
    if (sig != 0 && !valid_signal(sig))
        return -EINVAL;
    int found = 0, allowed = 0;
    for (int i = 0; i < NR_SLOTS; i++) {
        struct mproc *mp = &mproc[i];
        if (mp->state != MP_ALIVE)
            continue;
        int match = pid > 0 ? mp->pid == pid : pid == 0 ? mp->pgid == who->pgid :
                    pid == -1 ? (!mp->system && mp->pid != INIT_PID) : mp->pgid == -pid;
        if (!match)
            continue;
        found++;
        if (!may_signal(who, mp))
            continue;
        allowed++;
        if (sig)
            sig_raise(mp, sig);
    }
    return !found ? -ESRCH : !allowed ? -EPERM : OK;
}

int do_sigaction(message *m)
{
    int sig = m->m.pm.arg;
    if (!valid_signal(sig))
        return -EINVAL;
    struct sigact *a = &who->act[sig];
    m->m.pm.out[0] = (int32_t)a->handler;
    m->m.pm.out[1] = (int32_t)a->mask;
    m->m.pm.out[2] = (int32_t)a->flags;
    if (m->m.pm.flags & 0x80000000u)
        return OK;   /* only asked for the old action */
    if (OS_SIGBIT(sig) & UNCATCHABLE)
        return -EINVAL;
    *a = (struct sigact){ m->m.pm.handler, m->m.pm.set & ~UNCATCHABLE, m->m.pm.flags };
    if (m->m.pm.restorer)
        who->restorer = m->m.pm.restorer;
    if (a->handler == SIG_IGN_ADDR || (a->handler == SIG_DFL_ADDR && ignored_by_default(sig)))
        who->sig_pending &= ~OS_SIGBIT(sig);
    return OK;
}

int do_sigprocmask(message *m)
{
    uint32_t set = m->m.pm.set;
    m->m.pm.out[0] = (int32_t)who->sig_mask;
    switch (m->m.pm.pid) {
    case SIG_SETMASK_HOW: who->sig_mask = set; break;
    case SIG_BLOCK_HOW: who->sig_mask |= set; break;
    case SIG_UNBLOCK_HOW: who->sig_mask &= ~set; break;
    default: return -EINVAL;
    }
    who->sig_mask &= ~UNCATCHABLE;
    return OK;
}

int do_sigsuspend(message *m)
{
    who->sig_saved_mask = who->sig_mask;
    who->sig_mask = m->m.pm.set & ~UNCATCHABLE;
    who->suspended = 1;
    sig_deliver_pending(who);
    return SUSPEND;   /* answered with EINTR when a handler runs */
}

int do_sigpending(message *m)
{
    m->m.pm.out[0] = (int32_t)(who->sig_pending & who->sig_mask);
    return OK;
}

int do_sigreturn(message *m)
{
    uint32_t mask;
    int r = sys_sigreturn(who->ep, m->m.pm.handler, &mask);
    if (r != OK)
        return r;   /* a forged frame: the call fails, the process goes on */
    who->sig_mask = mask & ~UNCATCHABLE;
    sig_deliver_pending(who);
    return SUSPEND;   /* the kernel restored the interrupted context */
}

int do_getsigs(message *m)
{
    m->m.pm.out[0] = (int32_t)who->sig_pending;
    who->sig_pending = 0;
    return OK;
}

/* Exceptions: the kernel has stopped the process; it becomes a signal it cannot ignore. */
void sig_kernel_signals(void)
{
    endpoint_t ep;
    uint32_t sigs;
    while (sys_getksig(&ep, &sigs) == OK) {
        struct mproc *mp = mp_by_endpoint(ep);
        if (!mp)
            continue;
        for (int sig = 1; sig < OS_NSIG && mp->state == MP_ALIVE; sig++) {
            if (!(sigs & OS_SIGBIT(sig)))
                continue;
            int handled = !mp->system && mp->act[sig].handler > SIG_IGN_ADDR &&
                          !(mp->sig_mask & OS_SIGBIT(sig));
            if (handled)
                run_handler(mp, sig);
            else
                pm_exit(mp, sig);
        }
        if (mp->state == MP_ALIVE)
            sys_endksig(ep);
    }
}

/* Alarms: PM keeps one kernel alarm for the earliest deadline of all processes. */
static void arm_clock(void)
{
    uint64_t now = uptime_ticks(), next = 0;
    for (int i = 0; i < NR_SLOTS; i++)
        if (mproc[i].state == MP_ALIVE && mproc[i].alarm_at && (!next || mproc[i].alarm_at < next))
            next = mproc[i].alarm_at;
    sys_setalarm(next ? (uint32_t)(next > now ? next - now : 1) : 0);
}

void sig_alarms(void)
{
    uint64_t now = uptime_ticks();
    for (int i = 0; i < NR_SLOTS; i++) {
        struct mproc *mp = &mproc[i];
        if (mp->state == MP_ALIVE && mp->alarm_at && mp->alarm_at <= now) {
            mp->alarm_at = 0;
            sig_raise(mp, OS_SIGALRM);
        }
    }
    arm_clock();
}

int do_alarm(message *m)
{
    uint64_t now = uptime_ticks();
    struct machine_info mi;
    uint32_t hz = sys_machine(&mi) == OK && mi.hz ? mi.hz : 100;
    int left = who->alarm_at > now ? (int)((who->alarm_at - now + hz - 1) / hz) : 0;
    who->alarm_at = m->m.pm.arg > 0 ? now + (uint64_t)m->m.pm.arg * hz : 0;
    arm_clock();
    return left;
}
