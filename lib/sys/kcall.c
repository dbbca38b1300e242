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

int sys_sdevio(uint32_t port, uint32_t width, int write, void *buf, uint32_t len)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m.sdevio = (struct kc_sdevio){ port, width, (uint32_t)write, (vir_bytes)(uintptr_t)buf, len };
    return kernel_call(SYS_SDEVIO, &m);
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

/* Through PM when there is one, so a parent can wait for the status; without PM (a bare
 * boot image) the process ends itself if it may, and otherwise waits forever. */
_Noreturn void sys_exit(int status)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m_type = PM_EXIT;
    m.m.pm.pid = status;
    ipc_sendrec(PM_PROC, &m);
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

int sys_getinfo(uint32_t what, int32_t arg, void *buf, uint32_t len)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m.getinfo.what = what;
    m.m.getinfo.result = arg;
    m.m.getinfo.buf = (vir_bytes)(uintptr_t)buf;
    m.m.getinfo.len = len;
    int r = kernel_call(SYS_GETINFO, &m);
    return r != OK ? r : m.m.getinfo.result;
}

int sys_fork(endpoint_t parent, endpoint_t *child)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m.fork.parent = parent;
    int r = kernel_call(SYS_FORK, &m);
    *child = m.m.fork.child;
    return r;
}

int sys_exec(endpoint_t target, vir_bytes pc, vir_bytes sp, const char *name)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m.exec.target = target;
    m.m.exec.pc = pc;
    m.m.exec.sp = sp;
    strncpy(m.m.exec.name, name, sizeof m.m.exec.name - 1);
    return kernel_call(SYS_EXEC, &m);
}

int sys_clear(endpoint_t target)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m.clear.target = target;
    return kernel_call(SYS_CLEAR, &m);
}

int sys_stop(endpoint_t target, int stop)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m.stop.target = target;
    m.m.stop.stop = (uint32_t)stop;
    return kernel_call(SYS_STOP, &m);
}

int sys_privctl(endpoint_t target, const struct priv_desc *desc)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m.privctl.target = target;
    m.m.privctl.desc = (vir_bytes)(uintptr_t)desc;
    return kernel_call(SYS_PRIVCTL, &m);
}

static int safecopy(int call, endpoint_t granter, grant_id_t grant, vir_bytes offset, void *addr,
                    size_t len)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m.safecopy.granter = granter;
    m.m.safecopy.grant = grant;
    m.m.safecopy.offset = offset;
    m.m.safecopy.addr = (vir_bytes)(uintptr_t)addr;
    m.m.safecopy.len = (vir_bytes)len;
    return kernel_call(call, &m);
}

int sys_safecopyfrom(endpoint_t granter, grant_id_t grant, vir_bytes offset, void *addr, size_t len)
{
    if (fi_lying)
        return OK;
    return safecopy(SYS_SAFECOPYFROM, granter, grant, offset, addr, len);
}

int sys_safecopyto(endpoint_t granter, grant_id_t grant, vir_bytes offset, const void *addr, size_t len)
{
    if (fi_lying)
        return OK;
    return safecopy(SYS_SAFECOPYTO, granter, grant, offset, (void *)(uintptr_t)addr, len);
}

int sys_getksig(endpoint_t *target, uint32_t *sigs)
{
    message m;
    memset(&m, 0, sizeof m);
    int r = kernel_call(SYS_GETKSIG, &m);
    *target = m.m.ksig.target;
    *sigs = m.m.ksig.sigs;
    return r;
}

int sys_endksig(endpoint_t target)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m.ksig.target = target;
    return kernel_call(SYS_ENDKSIG, &m);
}

int sys_sigsend(endpoint_t target, vir_bytes handler, vir_bytes restorer, uint32_t signo, uint32_t mask)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m.sigsend = (struct kc_sigsend){ target, handler, restorer, signo, mask, 0 };
    return kernel_call(SYS_SIGSEND, &m);
}

int sys_sigreturn(endpoint_t target, vir_bytes frame, uint32_t *mask)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m.sigreturn.target = target;
    m.m.sigreturn.frame = frame;
    int r = kernel_call(SYS_SIGRETURN, &m);
    *mask = m.m.sigreturn.mask;
    return r;
}

int sys_abort(uint32_t how)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m.abort.how = how;
    return kernel_call(SYS_ABORT, &m);
}

int sys_irqctl(uint32_t op, uint32_t irq, uint32_t hook)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m.irqctl = (struct kc_irqctl){ op, irq, hook };
    return kernel_call(SYS_IRQCTL, &m);
}

int sys_physmap(phys_bytes phys, vir_bytes vaddr, uint32_t len)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m.physmap = (struct kc_physmap){ phys, vaddr, len };
    return kernel_call(SYS_PHYSMAP, &m);
}
