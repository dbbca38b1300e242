/* pmtest: process-manager checks with raw PM requests (no C library): fork and wait with
 * exit statuses, exec with arguments, a segfault seen as SIGSEGV in the wait status, kill,
 * process-table exhaustion and recovery. Prints "pmtest: ... ok" or "pmtest: FAIL ...". */
#include <testjob.h>
#include "../../lib/common/string.h"

static _Noreturn void exit_(int status)
{
    sys_exit(status);
}

static int exec_(const char *path, const char *arg1)
{
    static char buf[128];
    size_t n = 0, l;
    l = strlen(path) + 1; memcpy(buf + n, path, l); n += l;
    l = strlen(path) + 1; memcpy(buf + n, path, l); n += l;   /* argv[0] */
    l = strlen(arg1) + 1; memcpy(buf + n, arg1, l); n += l;
    memcpy(buf + n, "HOME=/", 7); n += 7;
    message m = { 0 };
    m.m.pm.grant = grant_make(PM_PROC, buf, n, GRANT_READ);
    m.m.pm.len = (uint32_t)n;
    m.m.pm.arg = 2;
    m.m.pm.set = 1;
    return pm(&m, PM_EXEC);
}

static void test_fork_wait(void)
{
    int pid = t_fork();
    if (pid == 0)
        exit_(7);
    int status = -1;
    int r = t_waitpid(pid, &status, 0);
    check("fork and waitpid give exit status 7", pid > 0 && r == pid && status == (7 << 8));
}

static void test_tree(void)
{
    int pids[3], statuses = 0;
    for (int i = 0; i < 3; i++) {
        pids[i] = t_fork();
        if (pids[i] == 0) {
            int grandchild = t_fork();
            if (grandchild == 0)
                exit_(20 + i);
            int s;
            exit_(t_waitpid(grandchild, &s, 0) == grandchild && s == ((20 + i) << 8) ? 10 + i : 99);
        }
    }
    for (int i = 0; i < 3; i++) {
        int s, r = t_waitpid(-1, &s, 0);
        for (int j = 0; j < 3; j++)
            if (r == pids[j] && s == ((10 + j) << 8))
                statuses++;
    }
    int s;
    check("a tree of 3 children and 3 grandchildren", statuses == 3 && t_waitpid(-1, &s, 0) == -ECHILD);
}

static void test_exec(void)
{
    int pid = t_fork();
    if (pid == 0) {
        exec_("/bin/pmchild", "hello");
        exit_(98);
    }
    int status = -1;
    t_waitpid(pid, &status, 0);
    check("exec of pmchild with an argument and the environment", status == (3 << 8));
    check("exec of a missing program fails with ENOENT", exec_("/bin/nonexistent", "x") == -ENOENT);
}

static void test_segv(void)
{
    int pid = t_fork();
    if (pid == 0) {
        volatile int *p = 0;
        *p = 1;
        exit_(97);
    }
    int status = -1;
    t_waitpid(pid, &status, 0);
    check("a NULL write ends the child with SIGSEGV in the wait status", (status & 0x7f) == OS_SIGSEGV);
}

static void test_kill(void)
{
    int pid = t_fork();
    if (pid == 0) {
        message m = { 0 };
        pm(&m, PM_SIGSUSPEND);   /* wait for a signal */
        exit_(96);
    }
    message m = { 0 };
    m.m.pm.pid = pid;
    m.m.pm.arg = OS_SIGTERM;
    int r = pm(&m, PM_KILL);
    int status = -1;
    t_waitpid(pid, &status, 0);
    check("kill with SIGTERM ends the child", r == OK && (status & 0x7f) == OS_SIGTERM);
}

static void test_table_full(void)
{
    static int pids[200];
    int n = 0, r;
    while (n < 200 && (r = t_fork()) != -EAGAIN) {
        if (r == 0) {
            message m = { 0 };
            pm(&m, PM_SIGSUSPEND);
            exit_(0);
        }
        if (r < 0)
            break;
        pids[n++] = r;
    }
    int full = r == -EAGAIN;
    for (int i = 0; i < n; i++) {
        message m = { 0 };
        m.m.pm.pid = pids[i];
        m.m.pm.arg = OS_SIGKILL;
        pm(&m, PM_KILL);
    }
    int reaped = 0, s;
    while (t_waitpid(-1, &s, 0) > 0)
        reaped++;
    int pid = t_fork();
    if (pid == 0)
        exit_(5);
    int again = pid > 0 && t_waitpid(pid, &s, 0) == pid && s == (5 << 8);
    log_printf("pmtest: %d processes before the table was full\n", n);
    check("a full process table gives EAGAIN, and fork works again after", full && reaped == n && again);
}

static void test_ids(void)
{
    message m = { 0 };
    int pid = pm(&m, PM_GETPID);
    int child = t_fork();
    if (child == 0) {
        message c = { 0 };
        int mine = pm(&c, PM_GETPID);
        exit_(mine != pid && c.m.pm.out[0] == pid ? 0 : 1);
    }
    int s;
    t_waitpid(child, &s, 0);
    check("getpid and getppid", pid > 0 && s == 0);
}

int main(void)
{
    job_start("pmtest");
    test_fork_wait();
    test_tree();
    test_exec();
    test_segv();
    test_kill();
    test_ids();
    test_table_full();
    return job_done();
}
