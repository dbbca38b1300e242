/* Kernel-call wrappers: each fills the call's message layout and does SENDREC to SYSTEM. */
#include <libsys.h>
#include "../common/string.h"

int kernel_call(int call, message *m)
{
    m->m_type = call;
    int r = ipc_sendrec(SYSTEM, m);
    return r != OK ? r : m->m_type;
}

int sys_diag(const char *text)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m.diagctl.buf = (vir_bytes)(uintptr_t)text;
    m.m.diagctl.len = (uint32_t)strlen(text);
    return kernel_call(SYS_DIAGCTL, &m);
}

int sys_times(endpoint_t who, struct kc_times *out)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m.times.target = who;
    int r = kernel_call(SYS_TIMES, &m);
    if (r == OK)
        *out = m.m.times;
    return r;
}

int sys_setalarm(uint32_t ticks)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m.setalarm.ticks = ticks;
    return kernel_call(SYS_SETALARM, &m);
}

int sys_devio(uint32_t port, uint32_t width, int write, uint32_t *value)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m.devio = (struct kc_devio){ port, *value, width, (uint32_t)write };
    int r = kernel_call(SYS_DEVIO, &m);
    if (r == OK)
        *value = m.m.devio.value;
    return r;
}

int sys_whoami(endpoint_t *self, char name[16])
{
    message m;
    memset(&m, 0, sizeof m);
    m.m.getinfo.what = GET_WHOAMI;
    int r = kernel_call(SYS_GETINFO, &m);
    if (r == OK) {
        *self = m.m.getinfo.result;
        memcpy(name, m.m.getinfo.name, 16);
    }
    return r;
}

int sys_lookup(const char *name, endpoint_t *ep)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m.getinfo.what = GET_LOOKUP;
    strncpy(m.m.getinfo.name, name, sizeof m.m.getinfo.name - 1);
    int r = kernel_call(SYS_GETINFO, &m);
    if (r == OK)
        *ep = m.m.getinfo.result;
    return r;
}

int sys_poweroff(void)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m.abort.how = ABORT_POWEROFF;
    return kernel_call(SYS_ABORT, &m);
}

/* Until a process manager exists: end through SYS_CLEAR if allowed, else wait forever. */
_Noreturn void sys_exit(int status)
{
    message m;
    (void)status;
    memset(&m, 0, sizeof m);
    m.m.clear.target = SELF;
    kernel_call(SYS_CLEAR, &m);
    for (;;)
        ipc_receive(ANY, &m);
}

int sys_machine(struct machine_info *out)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m.getinfo.what = GET_MACHINE;
    m.m.getinfo.buf = (vir_bytes)(uintptr_t)out;
    m.m.getinfo.len = sizeof *out;
    return kernel_call(SYS_GETINFO, &m);
}
