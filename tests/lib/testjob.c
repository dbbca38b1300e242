/* The test jobs' shared checks and raw PM requests (see testjob.h). */
#include "testjob.h"

static const char *job = "test";
static int failures;

void job_start(const char *name)
{
    job = name;
    log_printf("%s: start\n", job);
}

void check(const char *what, int ok)
{
    log_printf("%s: %s %s\n", job, what, ok ? "ok" : "FAIL");
    failures += !ok;
}

int job_done(void)
{
    log_printf("%s: done, %d failures\n", job, failures);
    return failures ? 1 : 0;
}

int call(endpoint_t to, message *m, int type)
{
    m->m_type = type;
    int r = ipc_sendrec(to, m);
    return r != OK ? r : m->m_type;
}

int pm(message *m, int type)
{
    return call(PM_PROC, m, type);
}

int t_fork(void)
{
    message m = { 0 };
    return pm(&m, PM_FORK);
}

int t_waitpid(int pid, int *status, int options)
{
    message m = { 0 };
    m.m.pm.pid = pid;
    m.m.pm.arg = options;
    int r = pm(&m, PM_WAITPID);
    *status = m.m.pm.out[0];
    return r;
}

int t_wait_for(int pid)
{
    int status;
    return t_waitpid(pid, &status, 0) == pid ? status : -1;
}

int t_getpid(void)
{
    message m = { 0 };
    return pm(&m, PM_GETPID);
}
