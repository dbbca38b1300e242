/* The IPC primitives: SEND, RECEIVE, SENDREC, NOTIFY, SENDNB. Messages are copied straight
 * from the sender's buffer to the receiver's; nothing is buffered in the kernel. */
#include "kernel.h"
#include <string.h>

/* Completes a blocked process's call with a result. */
static void complete(struct proc *p, uint32_t flag, int32_t result)
{
    arch_set_retval(p, result);
    proc_unblock(p, flag);
}

/* Copies src's message at src_addr to dst's buffer at dst_addr, stamping the source. */
static int deliver(struct proc *src, vir_bytes src_addr, struct proc *dst, vir_bytes dst_addr)
{
    message m;
    int r = copy_from_user(src, src_addr, &m, sizeof m);
    if (r != OK)
        return r;
    m.m_source = src->endpoint;
    return copy_to_user(dst, dst_addr, &m, sizeof m);
}

static int waiting_for(const struct proc *dst, const struct proc *src)
{
    return (dst->rts_flags & RTS_RECEIVING) && !(dst->rts_flags & RTS_SENDING) &&
           (dst->getfrom == ANY || dst->getfrom == src->endpoint);
}

/* Would blocking caller on target close a cycle of processes each waiting for the next?
 * Checked only when caller is about to block, so a rendezvous is never mistaken for one. */
static int would_deadlock(const struct proc *caller, endpoint_t target)
{
    for (int hops = 0; hops < NR_SLOTS; hops++) {
        struct proc *p;
        if (target == caller->endpoint)
            return 1;
        if (target < 0 || proc_lookup(target, &p) != OK)
            return 0;
        if (p->rts_flags & RTS_SENDING)
            target = p->sendto;
        else if (p->rts_flags & RTS_RECEIVING)
            target = p->getfrom;
        else
            return 0;
    }
    return 0;
}

static int mini_send(struct proc *caller, struct proc *dst, vir_bytes addr, int nonblocking)
{
    if (waiting_for(dst, caller)) {
        int r = deliver(caller, addr, dst, dst->msg_addr);
        if (r != OK)
            return r;
        dst->misc_flags &= ~MF_REPLY_WAIT;
        complete(dst, RTS_RECEIVING, OK);
        return OK;
    }
    if (nonblocking)
        return -ENOTREADY;
    if (would_deadlock(caller, dst->endpoint))
        return -EDEADLK;
    caller->sendto = dst->endpoint;
    caller->msg_addr = addr;
    caller->q_link = NULL;
    struct proc **tail = &dst->caller_q;
    while (*tail)
        tail = &(*tail)->q_link;
    *tail = caller;
    proc_block(caller, RTS_SENDING);
    return OK;
}

/* Builds the notification message a source slot sends, consuming what it carries. */
static void make_notification(int src_slot, struct proc *dst, message *m)
{
    memset(m, 0, sizeof *m);
    m->m_source = proc_table[src_slot].endpoint;
    m->m_type = NOTIFY_MESSAGE;
    m->m.notify.timestamp = clock_uptime();
    if (m->m_source == HARDWARE) {
        m->m.notify.irq_pending = dst->irq_pending;
        dst->irq_pending = 0;
    }
}

/* A pending notification for caller from src (or from anyone), if any: its slot, else -1. */
static int pending_notification(const struct proc *caller, endpoint_t src)
{
    if (src != ANY)
        return slot_bit(caller->notify_pending, ENDPOINT_SLOT(src)) ? ENDPOINT_SLOT(src) : -1;
    for (int w = 0; w < SLOT_WORDS; w++)
        if (caller->notify_pending[w])
            return w * 32 + __builtin_ctz(caller->notify_pending[w]);
    return -1;
}

static int receive_notification(struct proc *caller, int slot, vir_bytes addr)
{
    message m;
    make_notification(slot, caller, &m);
    int r = copy_to_user(caller, addr, &m, sizeof m);
    if (r == OK)
        slot_clear(caller->notify_pending, slot);
    return r;
}

/* Takes a queued sender's message; a sender in SENDREC then waits for the reply. */
static int receive_from_queue(struct proc *caller, struct proc **link, vir_bytes addr)
{
    struct proc *sender = *link;
    int r = deliver(sender, sender->msg_addr, caller, addr);
    *link = sender->q_link;
    sender->q_link = NULL;
    if (r != OK) {
        sender->misc_flags &= ~MF_REPLY_WAIT;   /* its call is over: no reply is coming */
        complete(sender, RTS_SENDING, r);
        return r;
    }
    if (sender->misc_flags & MF_REPLY_WAIT) {
        sender->getfrom = caller->endpoint;
        sender->rts_flags |= RTS_RECEIVING;
        proc_unblock(sender, RTS_SENDING);
    } else {
        complete(sender, RTS_SENDING, OK);
    }
    return OK;
}

static int mini_receive(struct proc *caller, endpoint_t src, vir_bytes addr)
{
    if (!(caller->misc_flags & MF_REPLY_WAIT)) {
        int slot = pending_notification(caller, src);
        if (slot >= 0)
            return receive_notification(caller, slot, addr);
    }
    for (struct proc **link = &caller->caller_q; *link; link = &(*link)->q_link)
        if (src == ANY || (*link)->endpoint == src)
            return receive_from_queue(caller, link, addr);
    if (src != ANY && would_deadlock(caller, src))
        return -EDEADLK;
    caller->getfrom = src;
    caller->msg_addr = addr;
    proc_block(caller, RTS_RECEIVING);
    return OK;
}

/* Kernel-side NOTIFY: delivered at once if dst waits for it, else one pending bit. */
void ipc_notify_from(int src_slot, struct proc *dst)
{
    const struct proc *src = &proc_table[src_slot];
    if (waiting_for(dst, src) && !(dst->misc_flags & MF_REPLY_WAIT)) {
        message m;
        make_notification(src_slot, dst, &m);
        int r = copy_to_user(dst, dst->msg_addr, &m, sizeof m);
        complete(dst, RTS_RECEIVING, r);
        return;
    }
    slot_set(dst->notify_pending, src_slot);
}

static int awaits_reply_from(const struct proc *dst, const struct proc *src)
{
    return (dst->misc_flags & MF_REPLY_WAIT) && (dst->rts_flags & RTS_RECEIVING) &&
           dst->getfrom == src->endpoint;
}

static int check_destination(struct proc *caller, uint32_t call, endpoint_t ep, struct proc **dst)
{
    int r = proc_lookup(ep, dst);
    if (r != OK)
        return r;
    if ((*dst)->rts_flags & RTS_KERNEL)
        return ep == SYSTEM && call == IPC_SENDREC ? OK : -EDSTDENIED;
    if (awaits_reply_from(*dst, caller) && call != IPC_NOTIFY)
        return OK;   /* a reply needs no send right: the client asked for it */
    return priv_may_send(caller, *dst) ? OK : -EDSTDENIED;
}

/* A kernel call: SENDREC to SYSTEM, answered at once in the caller's own buffer. */
static int kernel_call(struct proc *caller, vir_bytes addr)
{
    message m;
    int r = copy_from_user(caller, addr, &m, sizeof m);
    if (r != OK)
        return r;
    m.m_source = caller->endpoint;
    m.m_type = sys_call(caller, &m);
    m.m_source = SYSTEM;
    if (caller->rts_flags & RTS_SLOT_FREE)
        return OK;   /* the call ended the caller itself */
    return copy_to_user(caller, addr, &m, sizeof m);
}

/* The IPC trap. Returns the caller's result; a blocked caller gets it later. */
int ipc_call(struct proc *caller, uint32_t call, endpoint_t ep, vir_bytes addr)
{
    struct proc *dst;
    int r;

    if (call == 0 || call >= IPC_NR_CALLS)
        return -EBADREQUEST;
    if (!priv_may_trap(caller, call))
        return -ETRAPDENIED;
    if (call != IPC_NOTIFY && !user_range_ok(caller, addr, sizeof(message), call != IPC_SEND && call != IPC_SENDNB))
        return -EFAULT;
    if (call == IPC_RECEIVE) {
        if (ep != ANY && (r = proc_lookup(ep, &dst)) != OK)
            return r;
        return mini_receive(caller, ep, addr);
    }
    if ((r = check_destination(caller, call, ep, &dst)) != OK)
        return r;
    switch (call) {
    case IPC_SEND:
        return mini_send(caller, dst, addr, 0);
    case IPC_SENDNB:
        return mini_send(caller, dst, addr, 1);
    case IPC_NOTIFY:
        ipc_notify_from(caller->slot, dst);
        return OK;
    default:   /* IPC_SENDREC */
        if (dst->endpoint == SYSTEM)
            return kernel_call(caller, addr);
        caller->misc_flags |= MF_REPLY_WAIT;
        r = mini_send(caller, dst, addr, 0);
        if (r != OK || (caller->rts_flags & RTS_SENDING)) {
            if (r != OK)
                caller->misc_flags &= ~MF_REPLY_WAIT;
            return r;
        }
        r = mini_receive(caller, dst->endpoint, addr);
        if (r != OK || proc_is_runnable(caller))
            caller->misc_flags &= ~MF_REPLY_WAIT;
        return r;
    }
}

/* Takes a blocked sender off its destination's queue. */
static void leave_send_queue(struct proc *p)
{
    struct proc *dst;
    if (!(p->rts_flags & RTS_SENDING) || proc_lookup(p->sendto, &dst) != OK)
        return;
    for (struct proc **link = &dst->caller_q; *link; link = &(*link)->q_link)
        if (*link == p) {
            *link = p->q_link;
            break;
        }
    p->q_link = NULL;
}

/* Abandons p's own pending call (its result is for the caller to set); peers are untouched. */
void ipc_interrupt(struct proc *p)
{
    leave_send_queue(p);
    p->misc_flags &= ~MF_REPLY_WAIT;
    proc_unblock(p, RTS_SENDING | RTS_RECEIVING);
}

/* Takes a dying process out of every IPC relation: its pending send, the senders queued
 * on it, the processes waiting for its reply, and the notification bits it left. */
void ipc_cancel(struct proc *p)
{
    leave_send_queue(p);
    while (p->caller_q) {
        struct proc *sender = p->caller_q;
        p->caller_q = sender->q_link;
        sender->q_link = NULL;
        sender->misc_flags &= ~MF_REPLY_WAIT;
        complete(sender, RTS_SENDING, -EDEADSRCDST);
    }
    for (int i = NR_TASKS; i < NR_SLOTS; i++) {
        struct proc *q = &proc_table[i];
        if (q == p || (q->rts_flags & RTS_SLOT_FREE))
            continue;
        slot_clear(q->notify_pending, p->slot);
        if ((q->rts_flags & RTS_RECEIVING) && q->getfrom == p->endpoint) {
            q->misc_flags &= ~MF_REPLY_WAIT;
            complete(q, RTS_RECEIVING, -EDEADSRCDST);
        }
    }
    p->caller_q = NULL;
    memset(p->notify_pending, 0, sizeof p->notify_pending);
}
