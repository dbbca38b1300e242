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

int t_dev(endpoint_t drv, int type, unsigned minor, uint64_t pos, grant_id_t grant, uint32_t count)
{
    message m = { 0 };
    m.m.dev.minor = minor;
    m.m.dev.pos = pos;
    m.m.dev.grant = grant;
    m.m.dev.count = count;
    return call(drv, &m, type);
}

int t_dev_io(endpoint_t drv, int type, unsigned minor, uint64_t pos, void *buf, uint32_t size,
             uint32_t count)
{
    grant_id_t g = grant_make(drv, buf, size, type == DEV_READ ? GRANT_WRITE : GRANT_READ);
    int r = t_dev(drv, type, minor, pos, g, count);
    grant_revoke(g);
    return r;
}

void t_sleep(uint32_t ticks)
{
    message m;
    sys_setalarm(ticks);
    ipc_receive(CLOCK, &m);
}

int t_rs(int type, const char *label)
{
    message m = { 0 };
    for (int i = 0; label[i] && i < 15; i++)
        m.m.rs.label[i] = label[i];
    return call(RS_PROC, &m, type);
}

endpoint_t t_next_endpoint(const char *label, endpoint_t old)
{
    endpoint_t ep = old;
    for (int i = 0; i < 1000 && (ep == old || ep == NONE); i++) {
        t_sleep(1);
        if (ds_lookup(label, &ep) != OK)
            ep = NONE;
    }
    return ep == old ? NONE : ep;
}
