/* The SYS task: one table maps kernel-call numbers to handlers; every call is checked
 * against the caller's kernel-call bitmap before its handler runs. */
#include "system.h"

#define CALL(n) ((n) - SYS_CALL_BASE)

static const kcall_handler handlers[NR_SYS_CALLS] = {
    [CALL(SYS_PRIVCTL)] = do_privctl,
    [CALL(SYS_FORK)] = do_fork,
    [CALL(SYS_EXEC)] = do_exec,
    [CALL(SYS_CLEAR)] = do_clear,
    [CALL(SYS_SETGRANT)] = do_setgrant,
    [CALL(SYS_SAFECOPYFROM)] = do_safecopyfrom,
    [CALL(SYS_SAFECOPYTO)] = do_safecopyto,
    [CALL(SYS_DEVIO)] = do_devio,
    [CALL(SYS_IRQCTL)] = do_irqctl,
    [CALL(SYS_SETALARM)] = do_setalarm,
    [CALL(SYS_TIMES)] = do_times,
    [CALL(SYS_GETINFO)] = do_getinfo,
    [CALL(SYS_DIAGCTL)] = do_diagctl,
    [CALL(SYS_PHYSMAP)] = do_physmap,
    [CALL(SYS_ABORT)] = do_abort,
    [CALL(SYS_STOP)] = do_stop,
    [CALL(SYS_VMCTL)] = do_vmctl,
    [CALL(SYS_GETKSIG)] = do_getksig,
    [CALL(SYS_ENDKSIG)] = do_endksig,
    [CALL(SYS_SIGSEND)] = do_sigsend,
    [CALL(SYS_SIGRETURN)] = do_sigreturn,
    [CALL(SYS_SDEVIO)] = do_sdevio,
};

int sys_call(struct proc *caller, message *m)
{
    int call = m->m_type;
    if (call < SYS_CALL_BASE || call >= SYS_CALL_END || !handlers[CALL(call)])
        return -EBADREQUEST;
    /* Registering one's own grant table gives nothing away: every process may, so every
     * program can pass buffers to servers by grant. Everything else is checked. */
    if (call != SYS_SETGRANT && !priv_may_call(caller, call)) {
        printk_denied("kernel: denied kernel call 0x%x to %s (endpoint %d)\n", (unsigned)call,
               caller->name, (int)caller->endpoint);
        return -ECALLDENIED;
    }
    return handlers[CALL(call)](caller, m);
}

int sys_target(struct proc *caller, endpoint_t ep, struct proc **pp)
{
    if (ep == SELF) {
        *pp = caller;
        return OK;
    }
    int r = proc_lookup(ep, pp);
    if (r != OK)
        return r;
    return ((*pp)->rts_flags & RTS_KERNEL) ? -EPERM : OK;
}
