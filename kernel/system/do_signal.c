/* SYS_SIGSEND and SYS_SIGRETURN: run a signal handler in a process and come back from it.
 * SIGSEND saves the registers in a frame on the process's stack (interrupting a blocked
 * call with EINTR) and enters the handler; SIGRETURN checks a frame and restores it.
 * The mask is kept in the frame for PM and handed back to it. */
#include "../system.h"
#include <string.h>

struct sigframe {
    struct sigframe_head head;
    struct arch_regs regs;
};

#define RED_ZONE 128   /* left untouched below the interrupted stack pointer */

int do_sigsend(struct proc *caller, message *m)
{
    struct kc_sigsend *a = &m->m.sigsend;
    struct proc *t;
    int r = sys_target(caller, a->target, &t);
    if (r != OK)
        return r;
    if (t == caller || a->signo == 0 || a->signo >= OS_NSIG || a->handler >= USER_TOP)
        return -EINVAL;
    /* Check that the frame fits before touching the target's call. */
    struct sigframe f;
    vir_bytes frame = (arch_proc_sp(t) - RED_ZONE - sizeof f) & ~15u;
    if (frame < USER_BASE || frame >= USER_TOP || !user_range_ok(t, frame, sizeof f, 1))
        return -EFAULT;
    if (t->rts_flags & (RTS_SENDING | RTS_RECEIVING)) {
        ipc_interrupt(t);
        arch_set_retval(t, -EINTR);
    }
    memset(&f, 0, sizeof f);
    f.head = (struct sigframe_head){ a->signo, a->mask, SIGFRAME_MAGIC, 0 };
    f.regs = t->regs;
    if ((r = copy_to_user(t, frame, &f, sizeof f)) != OK)
        return r;
    if ((r = arch_signal_enter(t, a->handler, a->restorer, a->signo, frame)) != OK)
        return r;
    a->frame = frame;
    return OK;
}

int do_sigreturn(struct proc *caller, message *m)
{
    struct kc_sigreturn *a = &m->m.sigreturn;
    struct proc *t;
    int r = sys_target(caller, a->target, &t);
    if (r != OK)
        return r;
    struct sigframe f;
    if (t == caller || (r = copy_from_user(t, a->frame, &f, sizeof f)) != OK)
        return t == caller ? -EINVAL : r;
    if (f.head.magic != SIGFRAME_MAGIC)
        return -EINVAL;
    /* The process is waiting for PM's answer to its sigreturn call; there will be none. */
    ipc_interrupt(t);
    arch_regs_restore(t, &f.regs);
    a->mask = f.head.mask;
    return OK;
}
