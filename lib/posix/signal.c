/* Signals through PM: actions, the mask, waiting, pending, and sending. A handler returns to
 * __sigreturn_trampoline (lib/arch/<arch>/sigreturn.S), which gives the frame back to PM. */
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include "posix.h"

void __sigreturn_trampoline(void);

/* servers/pm: with this flag PM_SIGACTION only reports the current action. */
#define PM_SIGACTION_QUERY 0x80000000u

int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
    message m = { 0 };
    m.m.pm.arg = sig;
    if (act) {
        m.m.pm.handler = (vir_bytes)(uintptr_t)act->sa_handler;
        m.m.pm.set = (uint32_t)act->sa_mask;
        m.m.pm.flags = (uint32_t)act->sa_flags;
        m.m.pm.restorer = (vir_bytes)(uintptr_t)__sigreturn_trampoline;
    } else {
        m.m.pm.flags = PM_SIGACTION_QUERY;
    }
    if (posix_call(PM_PROC, PM_SIGACTION, &m) < 0)
        return -1;
    if (old) {
        old->sa_handler = (_sig_func_ptr)(uintptr_t)(uint32_t)m.m.pm.out[0];
        old->sa_mask = (sigset_t)(uint32_t)m.m.pm.out[1];
        old->sa_flags = m.m.pm.out[2];
    }
    return 0;
}

/* The handler stays installed and its signal is blocked while it runs (BSD semantics). */
_sig_func_ptr signal(int sig, _sig_func_ptr handler)
{
    struct sigaction act = { .sa_handler = handler }, old;
    return sigaction(sig, &act, &old) < 0 ? SIG_ERR : old.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
    message m = { 0 };
    m.m.pm.pid = set ? how : SIG_BLOCK;   /* blocking nothing more: only a question */
    m.m.pm.set = set ? (uint32_t)*set : 0;
    if (posix_call(PM_PROC, PM_SIGPROCMASK, &m) < 0)
        return -1;
    if (old)
        *old = (sigset_t)(uint32_t)m.m.pm.out[0];
    return 0;
}

/* PM answers once a handler has run, always with EINTR. */
int sigsuspend(const sigset_t *mask)
{
    message m = { 0 };
    m.m.pm.set = (uint32_t)*mask;
    posix_call(PM_PROC, PM_SIGSUSPEND, &m);
    return -1;
}

int sigpending(sigset_t *set)
{
    message m = { 0 };
    if (posix_call(PM_PROC, PM_SIGPENDING, &m) < 0)
        return -1;
    *set = (sigset_t)(uint32_t)m.m.pm.out[0];
    return 0;
}

/* pid 0 is the caller's group, -n group n, -1 every process we may signal. */
int _kill(int pid, int sig)
{
    message m = { 0 };
    m.m.pm.pid = pid;
    m.m.pm.arg = sig;
    return posix_call(PM_PROC, PM_KILL, &m) < 0 ? -1 : 0;
}

/* PM delivers a caller's own signals right after its reply, so a handler has run by the time
 * kill returns, as raise must guarantee. */
int raise(int sig)
{
    pid_t self = _getpid();
    return self < 0 ? -1 : _kill(self, sig);
}
