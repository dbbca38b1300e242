/* The memory manager: start-up, then a loop serving PM (exec, fork, exit), every process
 * (brk, mmap, munmap, DMA memory, info) and the kernel's page faults; one SENDNB reply per
 * request. */
#include "vm.h"

/* The child is a slot the kernel has just made with an empty address space. */
static int do_fork(message *m)
{
    endpoint_t child_ep = m->m.vm.child;
    struct vmproc *parent = vmp_known(m->m.vm.target);
    if (!parent || !proc_alive(parent->ep) || child_ep < 0 || ENDPOINT_SLOT(child_ep) >= NR_SLOTS ||
        ENDPOINT_SLOT(child_ep) == vmp_slot(parent) || vmp_known(child_ep))
        return -EINVAL;
    if (parent->boot)
        return -EPERM;   /* its pages are the kernel's: VM cannot share or copy them */
    int err = vmctl(VMCTL_CLEAR, child_ep, 0, 0, 0, 0);
    if (err != OK)
        return err;
    struct vmproc *child = vmp_take(child_ep);
    if ((err = space_fork(parent, child)) != OK) {
        vmctl(VMCTL_CLEAR, child_ep, 0, 0, 0, 0);
        vmp_release(child);
    }
    return err;
}

/* PM asks before it clears the slot; a process already gone just has its records dropped. */
static int do_exit(message *m)
{
    struct vmproc *vp = vmp_known(m->m.vm.target);
    int err = vmctl(VMCTL_CLEAR, m->m.vm.target, 0, 0, 0, 0);
    if (vp)
        vmp_release(vp);
    return vp || err == OK ? OK : -EINVAL;
}

/* VM_INFO's reply: m.vm.len is the number of pages VM manages, m.vm.prot how many are free. */
static int do_info(message *m)
{
    m->m.vm.len = frames_total();
    m->m.vm.prot = frames_free();
    return OK;
}

/* Fault injection: a bit of the caller's own memory flips, as a cosmic ray would flip it. */
static int do_flipbit(struct vmproc *vp, vir_bytes addr, uint32_t bit)
{
    struct page *rec = page_find(vmp_slot(vp), PAGE_DOWN(addr));
    if (!rec)
        return -EFAULT;
    phys_bytes pa = page_pa(rec);
    if (frame_refs(pa) != 1)
        return -EBUSY;
    uint8_t *frame = frame_window(0, pa);
    frame[addr % PAGE_SIZE] ^= (uint8_t)(1u << bit);
    return OK;
}

static int caller_request(message *m)
{
    struct vmproc *vp = vmp_known(m->m_source);
    if (!vp)
        return -EINVAL;   /* a process whose memory VM does not manage */
    switch (m->m_type) {
    case VM_BRK:
        return do_brk(vp, m->m.vm.addr);
    case VM_MMAP:
        return do_mmap(vp, m);
    case VM_DMA_ALLOC:
        return do_dma_alloc(vp, m);
    case VM_FLIPBIT:
        return do_flipbit(vp, m->m.vm.addr, m->m.vm.len % 8);
    default:
        return do_munmap(vp, m);
    }
}

static int handle(message *m)
{
    int from_pm = m->m_source == PM_PROC;
    switch (m->m_type) {
    case VM_EXEC:
        return from_pm ? do_exec(m) : -EPERM;
    case VM_FORK:
        return from_pm ? do_fork(m) : -EPERM;
    case VM_EXIT:
        return from_pm ? do_exit(m) : -EPERM;
    case VM_INFO:
        return do_info(m);
    case VM_SETLIMIT:
        return do_setlimit(m);
    case VM_BRK:
    case VM_MMAP:
    case VM_MUNMAP:
    case VM_DMA_ALLOC:
    case VM_FLIPBIT:
        return caller_request(m);
    default:
        return -EBADREQUEST;
    }
}

int main(void)
{
    frames_init();
    bootimg_init();
    for (;;) {
        message m;
        if (ipc_receive(ANY, &m) != OK)
            continue;
        if (m.m_type == NOTIFY_MESSAGE) {
            if (m.m_source == SYSTEM)
                faults_handle();
            continue;   /* nobody waits for an answer to a notification */
        }
        int r = handle(&m);
        /* Processes that died without VM_EXIT may hold the memory; a failed call undoes
         * itself, so it can simply run again once they are gone. */
        if (r == -ENOMEM && vmp_reclaim_dead() > 0)
            r = handle(&m);
        m.m_type = r;
        ipc_sendnb(m.m_source, &m);
    }
}
