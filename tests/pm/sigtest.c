/* sigtest: POSIX signals through PM: a handler runs and returns, default actions kill,
 * SIGCHLD reaches the parent, masks hold signals pending, alarms fire, a segfault or an
 * illegal instruction reaches a handler, ignored signals vanish, and the simple ids work. */
#include <testjob.h>

static volatile int caught[OS_NSIG];

static void count_it(int sig)
{
    caught[sig]++;
}

static void exit_42(int sig)
{
    (void)sig;
    sys_exit(42);
}

static void test_handler_runs(void)
{
    sig_action(OS_SIGUSR1, count_it, 0, 0);
    int r = sig_kill(t_getpid(), OS_SIGUSR1);
    check("a handler runs and returns to the program", r == OK && caught[OS_SIGUSR1] == 1);
}

static void test_default_kills(void)
{
    int pid = t_fork();
    if (pid == 0) {
        sig_action(OS_SIGUSR2, 0, 0, 0);
        for (;;)
            sig_suspend(0);
    }
    sig_kill(pid, OS_SIGUSR2);
    check("the default action of SIGUSR2 ends the process", (t_wait_for(pid) & 0x7f) == OS_SIGUSR2);
}

static void test_sigchld(void)
{
    sig_action(OS_SIGCHLD, count_it, 0, 0);
    uint32_t old;
    sig_procmask(1, OS_SIGBIT(OS_SIGCHLD), &old);
    int pid = t_fork();
    if (pid == 0)
        sys_exit(3);
    while (!caught[OS_SIGCHLD])
        sig_suspend(old);   /* atomically unblocks SIGCHLD and waits */
    sig_procmask(0, old, NULL);
    check("SIGCHLD reaches the parent", caught[OS_SIGCHLD] == 1 && t_wait_for(pid) == (3 << 8));
}

static void test_mask_and_pending(void)
{
    uint32_t set = 0;
    caught[OS_SIGUSR1] = 0;
    sig_procmask(1, OS_SIGBIT(OS_SIGUSR1), NULL);
    sig_kill(t_getpid(), OS_SIGUSR1);
    sig_pending(&set);
    int held = caught[OS_SIGUSR1] == 0 && (set & OS_SIGBIT(OS_SIGUSR1));
    sig_procmask(2, OS_SIGBIT(OS_SIGUSR1), NULL);
    check("a blocked signal stays pending and runs when unblocked", held && caught[OS_SIGUSR1] == 1);
}

static void test_alarm(void)
{
    sig_action(OS_SIGALRM, count_it, 0, 0);
    message t0 = { 0 }, t1 = { 0 };
    pm(&t0, PM_TIMES);
    sig_alarm(1);
    while (!caught[OS_SIGALRM])
        sig_suspend(0);
    pm(&t1, PM_TIMES);
    int32_t ticks = t1.m.pm.out[4] - t0.m.pm.out[4];
    check("alarm(1) delivers SIGALRM after about a second", ticks >= 90 && ticks <= 400);
}

static void test_exception_handlers(void)
{
    int pid = t_fork();
    if (pid == 0) {
        sig_action(OS_SIGSEGV, exit_42, 0, 0);
        volatile int *p = 0;
        *p = 1;
        sys_exit(1);
    }
    check("a segfault runs the SIGSEGV handler", t_wait_for(pid) == (42 << 8));
    pid = t_fork();
    if (pid == 0)
        arch_illegal_instruction();
    check("an undefined instruction ends the process with SIGILL", (t_wait_for(pid) & 0x7f) == OS_SIGILL);
    struct machine_info mi = { 0 };
    sys_machine(&mi);
    if (mi.arch[0] == 'i') {   /* only x86 traps integer division by zero; ARM returns 0 */
        pid = t_fork();
        if (pid == 0) {
            volatile int zero = 0;
            sys_exit(10 / zero);
        }
        check("a division by zero ends the process with SIGFPE", (t_wait_for(pid) & 0x7f) == OS_SIGFPE);
    } else {
        log_printf("sigtest: a division by zero does not trap on %s\n", mi.arch);
    }
}

static void test_ignore_and_kill_between(void)
{
    sig_action(OS_SIGUSR2, (void (*)(int))1, 0, 0);   /* SIG_IGN */
    sig_kill(t_getpid(), OS_SIGUSR2);
    check("an ignored signal does nothing", 1);
    int pid = t_fork();
    if (pid == 0) {
        sig_action(OS_SIGUSR1, exit_42, 0, 0);
        for (;;)
            sig_suspend(0);
    }
    int r = sig_kill(pid, OS_SIGUSR1);
    check("kill between processes runs the other's handler", r == OK && t_wait_for(pid) == (42 << 8));
    check("kill of a missing process gives ESRCH", sig_kill(31999, OS_SIGUSR1) == -ESRCH);
    check("kill with a bad signal gives EINVAL", sig_kill(t_getpid(), 77) == -EINVAL);
    check("SIGKILL cannot be caught", sig_action(OS_SIGKILL, count_it, 0, 0) == -EINVAL);
}

static void test_ids(void)
{
    message m = { 0 };
    int r = pm(&m, PM_GETUID);
    check("getuid is root", r == OK && m.m.pm.out[0] == 0 && m.m.pm.out[1] == 0);
    int pid = t_fork();
    if (pid == 0) {
        message s = { 0 };
        int sid = pm(&s, PM_SETSID);
        message g = { 0 };
        g.m.pm.pid = 0;
        int pgid = pm(&g, PM_GETPGID);
        sys_exit(sid == t_getpid() && pgid == sid ? 0 : 1);
    }
    check("setsid makes a new session and group", t_wait_for(pid) == 0);
    message t = { 0 };
    check("times counts uptime", pm(&t, PM_TIMES) == OK && t.m.pm.out[4] > 0);
}

int main(void)
{
    job_start("sigtest");
    test_handler_runs();
    test_default_kills();
    test_sigchld();
    test_mask_and_pending();
    test_alarm();
    test_exception_handlers();
    test_ignore_and_kill_between();
    test_ids();
    return job_done();
}
