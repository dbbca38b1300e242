/* Process life through PM: exit, fork, wait and waitpid, and the process's own ids. */
#include <errno.h>
#include <sys/wait.h>
#include <unistd.h>
#include "posix.h"

/* PM_EXIT; a process without PM ends itself or waits forever (lib/sys's sys_exit). */
void _exit(int status)
{
    sys_exit(status);
}

/* PM answers the parent with the child's pid and the child with 0. */
pid_t _fork(void)
{
    message m = { 0 };
    return posix_call(PM_PROC, PM_FORK, &m);
}

/* PM's status is the usual encoding: exit code << 8, or the signal number. */
pid_t waitpid(pid_t pid, int *status, int options)
{
    message m = { 0 };
    m.m.pm.pid = pid;
    m.m.pm.arg = options;
    pid_t r = posix_call(PM_PROC, PM_WAITPID, &m);
    if (r > 0 && status)
        *status = m.m.pm.out[0];
    return r;
}

pid_t _wait(int *status)
{
    return waitpid(-1, status, 0);
}

pid_t _getpid(void)
{
    message m = { 0 };
    return posix_call(PM_PROC, PM_GETPID, &m);
}

pid_t getppid(void)
{
    message m = { 0 };
    return posix_call(PM_PROC, PM_GETPID, &m) < 0 ? -1 : m.m.pm.out[0];
}
