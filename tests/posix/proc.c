/* posix_proc: processes through newlib and lib/posix with PM and VM: ids, fork, exit codes,
 * wait and waitpid, exec with arguments and environment, groups and sessions, times. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

/* Runs fn in a child and returns its wait status (-1 if fork or wait failed). */
static int in_child(void (*fn)(void))
{
    fflush(stdout);   /* or the child's exit() prints the parent's buffered lines again */
    pid_t pid = fork();
    if (pid == 0) {
        fn();
        _exit(99);
    }
    int status = -1;
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return -1;
    return status;
}

static int exited_with(int status, int code)
{
    return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == code;
}

static void check_ids(void)
{
    pid_t pid = getpid(), ppid = getppid();
    CHECK(pid > 0 && ppid >= 0 && pid != ppid, "getpid %d, getppid %d", (int)pid, (int)ppid);
    CHECK(getuid() == geteuid() && getgid() == getegid(), "uid %d, gid %d", (int)getuid(), (int)getgid());
    CHECK(getpgrp() == getpgid(0) && getsid(0) > 0, "getpgrp %d, getsid %d", (int)getpgrp(), (int)getsid(0));
}

static int shared_value = 1;

static void child_exit_7(void)
{
    shared_value = 2;   /* the parent must not see this */
    exit(7);
}

static void check_fork_and_exit(void)
{
    int status = in_child(child_exit_7);
    CHECK(exited_with(status, 7), "a child's exit(7) is WEXITSTATUS 7 (status %#x)", status);
    CHECK(shared_value == 1, "the child's writes stay in the child");

    pid_t parent = getpid(), pid = fork();
    if (pid == 0)
        _exit(getppid() == parent && getpid() != parent ? 0 : 1);
    status = -1;
    pid_t got = wait(&status);
    CHECK(pid > 0 && got == pid && exited_with(status, 0), "wait: the child's getppid is the parent");

    CHECK(wait(&status) == -1 && errno == ECHILD, "wait without children fails with ECHILD");
}

static void check_waitpid(void)
{
    pid_t slow = fork();
    if (slow == 0) {
        pause();   /* until the parent's SIGTERM */
        _exit(1);
    }
    int status = 0;
    CHECK(waitpid(slow, &status, WNOHANG) == 0, "waitpid WNOHANG on a running child gives 0");
    CHECK(kill(slow, SIGTERM) == 0, "kill SIGTERM");
    pid_t got = waitpid(slow, &status, 0);
    CHECK(got == slow && WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
          "the killed child's status says SIGTERM (status %#x)", status);

    pid_t a = fork();
    if (a == 0)
        _exit(11);
    pid_t b = fork();
    if (b == 0)
        _exit(12);
    int sb = 0, sa = 0;
    pid_t got_b = waitpid(b, &sb, 0), got_a = waitpid(-1, &sa, 0);
    CHECK(got_b == b && exited_with(sb, 12), "waitpid picks the second child first");
    CHECK(got_a == a && exited_with(sa, 11), "waitpid(-1) then gives the first");
}

static void exec_args(void)
{
    execl("posix_child", "posix_child", "args", "two", "three words", (char *)NULL);
    _exit(98);
}

static void exec_env(void)
{
    static char *const argv[] = { "posix_child", "env", NULL };
    static char *const envp[] = { "POSIX_TEST=yes", "SECOND=2", NULL };
    execve("/bin/posix_child", argv, envp);
    _exit(98);
}

static void exec_environ(void)
{
    static char *const argv[] = { "posix_child", "env", NULL };
    setenv("POSIX_TEST", "yes", 1);
    setenv("SECOND", "2", 1);
    execv("posix_child", argv);
    _exit(98);
}

static void exec_noenv(void)
{
    static char *const argv[] = { "posix_child", "noenv", NULL };
    static char *const envp[] = { NULL };
    execve("posix_child", argv, envp);
    _exit(98);
}

static void exec_ids(void)
{
    char pid[16], ppid[16];
    snprintf(pid, sizeof pid, "%d", (int)getpid());
    snprintf(ppid, sizeof ppid, "%d", (int)getppid());
    execlp("posix_child", "posix_child", "ids", pid, ppid, (char *)NULL);
    _exit(98);
}

static void exec_missing(void)
{
    static char *const argv[] = { "nonexistent", NULL };
    _exit(execv("nonexistent", argv) == -1 && errno == ENOENT ? 45 : 1);
}

static void check_exec(void)
{
    int status = in_child(exec_args);
    CHECK(exited_with(status, 41), "execl passes the arguments (status %#x)", status);
    status = in_child(exec_env);
    CHECK(exited_with(status, 42), "execve passes envp, and it becomes environ (status %#x)", status);
    status = in_child(exec_environ);
    CHECK(exited_with(status, 42), "execv passes setenv's environ (status %#x)", status);
    status = in_child(exec_noenv);
    CHECK(exited_with(status, 43), "an empty environment stays empty (status %#x)", status);
    status = in_child(exec_ids);
    CHECK(exited_with(status, 44), "exec keeps pid and parent (status %#x)", status);
    status = in_child(exec_missing);
    CHECK(exited_with(status, 45), "exec of a missing program returns ENOENT (status %#x)", status);
}

static void new_session(void)
{
    pid_t sid = setsid();
    _exit(sid == getpid() && getsid(0) == sid && getpgrp() == sid ? 0 : 1);
}

static void own_group(void)
{
    _exit(setpgid(0, 0) == 0 && getpgrp() == getpid() ? 0 : 1);
}

static void check_groups(void)
{
    CHECK(exited_with(in_child(new_session), 0), "setsid in a child makes a session and a group");
    CHECK(exited_with(in_child(own_group), 0), "setpgid(0, 0) makes the child a group leader");
    CHECK(getpgid(999999) == -1 && errno == ESRCH, "getpgid of no process fails with ESRCH");
}

static void burn_cpu(void)
{
    clock_t start = times(NULL);
    volatile unsigned long x = 0;
    while (times(NULL) - start < CLOCKS_PER_SEC / 5)
        for (int i = 0; i < 200000; i++)   /* mostly in the child, not in PM answering times() */
            x++;
    _exit(0);
}

static void check_times(void)
{
    struct tms t;
    clock_t before = times(&t);
    CHECK(before != (clock_t)-1, "times works (uptime %lu)", (unsigned long)before);
    CHECK(exited_with(in_child(burn_cpu), 0), "a child burns a fifth of a second");
    clock_t after = times(&t);
    CHECK(after - before >= CLOCKS_PER_SEC / 5, "times' uptime advanced by %lu",
          (unsigned long)(after - before));
    CHECK(t.tms_cutime + t.tms_cstime > 0, "the child's CPU time is counted (%lu + %lu)",
          (unsigned long)t.tms_cutime, (unsigned long)t.tms_cstime);
    CHECK(sysconf(_SC_CLK_TCK) == CLOCKS_PER_SEC, "sysconf(_SC_CLK_TCK) is CLOCKS_PER_SEC");
}

/* A parent that has made a grant (here by a failed exec) forks: the child's exec must still
 * reach PM through the grant table it inherited. Fails while SYS_FORK leaves the child with no
 * registered grant table and lib/sys's grant.c, copied along, believes it registered one. */
static void check_exec_after_parent_grant(void)
{
    static char *const argv[] = { "nonexistent", NULL };
    int failed = execv("nonexistent", argv) == -1 && errno == ENOENT;
    int status = in_child(exec_args);
    CHECK(failed && exited_with(status, 41), "fork and exec after the parent's own failed exec (status %#x)",
          status);
}

int main(void)
{
    check_program = "posix_proc";
    check_ids();
    check_fork_and_exit();
    check_waitpid();
    check_exec();
    check_groups();
    check_times();
    check_exec_after_parent_grant();
    return check_done();
}
