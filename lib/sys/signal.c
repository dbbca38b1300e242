/* Signals through PM for programs without the C library: actions, mask, suspend, kill,
 * alarm, and the way back from a handler (__sigreturn, called by the arch trampoline). */
#include <libsys.h>

void __sigreturn_trampoline(void);
_Noreturn void __sigreturn(vir_bytes frame);

static int pm_call(message *m, int type)
{
    m->m_type = type;
    int r = ipc_sendrec(PM_PROC, m);
    return r != OK ? r : m->m_type;
}

int sig_action(int sig, void (*handler)(int), uint32_t mask, uint32_t flags)
{
    message m = { 0 };
    m.m.pm.arg = sig;
    m.m.pm.handler = (vir_bytes)(uintptr_t)handler;
    m.m.pm.set = mask;
    m.m.pm.flags = flags;
    m.m.pm.restorer = (vir_bytes)(uintptr_t)__sigreturn_trampoline;
    return pm_call(&m, PM_SIGACTION);
}

int sig_procmask(int how, uint32_t set, uint32_t *old)
{
    message m = { 0 };
    m.m.pm.pid = how;
    m.m.pm.set = set;
    int r = pm_call(&m, PM_SIGPROCMASK);
    if (old)
        *old = (uint32_t)m.m.pm.out[0];
    return r;
}

int sig_suspend(uint32_t mask)
{
    message m = { 0 };
    m.m.pm.set = mask;
    return pm_call(&m, PM_SIGSUSPEND);
}

int sig_pending(uint32_t *set)
{
    message m = { 0 };
    int r = pm_call(&m, PM_SIGPENDING);
    *set = (uint32_t)m.m.pm.out[0];
    return r;
}

int sig_kill(int pid, int sig)
{
    message m = { 0 };
    m.m.pm.pid = pid;
    m.m.pm.arg = sig;
    return pm_call(&m, PM_KILL);
}

int sig_alarm(int seconds)
{
    message m = { 0 };
    m.m.pm.arg = seconds;
    return pm_call(&m, PM_ALARM);
}

_Noreturn void __sigreturn(vir_bytes frame)
{
    message m = { 0 };
    m.m.pm.handler = frame;
    pm_call(&m, PM_SIGRETURN);
    sys_exit(128 + OS_SIGSEGV);   /* only a forged frame comes back */
}
