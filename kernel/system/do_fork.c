/* SYS_FORK: copy a process into a free slot with a new endpoint and an empty address space.
 * The child runs only after its memory is set up and SYS_EXEC (or a later resume) starts it.
 * In: parent. Out: child. */
#include "../system.h"
#include <string.h>

int do_fork(struct proc *caller, message *m)
{
    struct kc_fork *a = &m->m.fork;
    struct proc *parent, *child;
    int r = sys_target(caller, a->parent, &parent);
    if (r != OK)
        return r;
    if ((child = proc_alloc()) == NULL)
        return -EAGAIN;
    if ((r = arch_mm_create(child)) != OK) {
        proc_free(child);
        return r;
    }
    child->regs = parent->regs;
    child->priv = parent->priv;
    child->priv.flags &= ~(PRIV_VM | PRIV_SIGMGR);   /* the managers are one of a kind */
    child->grant_table = parent->grant_table;         /* its copy of memory holds the table */
    child->grant_count = parent->grant_count;
    memcpy(child->name, parent->name, sizeof child->name);
    sched_set_priority(child, parent->base_priority, parent->quantum);
    arch_set_retval(child, 0);
    /* A fork request is a SENDREC the parent still waits on: the child waits for its own
     * answer from the same server, which then replies to both; it needs no SYS_EXEC. */
    if ((parent->rts_flags & RTS_RECEIVING) && (parent->misc_flags & MF_REPLY_WAIT)) {
        child->getfrom = parent->getfrom;
        child->msg_addr = parent->msg_addr;
        child->misc_flags |= MF_REPLY_WAIT;
        proc_block(child, RTS_RECEIVING);
        proc_unblock(child, RTS_NO_EXEC);
    }
    a->child = child->endpoint;
    return OK;
}
