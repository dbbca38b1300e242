/* Kernel start-up and the generic halves of the trap paths: system calls, user exceptions,
 * and picking the next process to run. */
#include "kernel.h"
#include "board.h"

#define PAGE_TABLE_RESERVE 1024  /* pages kept for page tables made after boot */

static void reserve_loader_ranges(void)
{
    phys_bytes base, size;
    if (board_boot_image(&base, &size) == OK)
        mem_reserve(base, size);
    for (unsigned i = 0; board_reserved(i, &base, &size) == OK; i++)
        mem_reserve(base, size);
}

void kernel_main(void)
{
    phys_bytes base, limit;

    printk("\nPhoenix microkernel on %s (%s), %d Hz\n", board_name, ARCH_NAME, HZ);
    proc_init();
    clock_init();
    printk_init();
    irq_init();
    board_memory(&base, &limit);
    mem_init(base, limit);
    reserve_loader_ranges();
    board_irq_init();
    int n = boot_load_image();
    if (n < 0)
        panic("cannot load the boot image: error %d", n);
    mem_seal(PAGE_TABLE_RESERVE);
    boot_grant_memory();
    printk("kernel: %d boot processes, %u KiB free for user memory at 0x%08x-0x%08x\n", n,
           (unsigned)((mem_end() - mem_free_base()) / 1024), (unsigned)mem_free_base(),
           (unsigned)mem_end());
    board_timer_init(HZ);
}

void kernel_syscall(struct proc *p)
{
    uint32_t call;
    endpoint_t ep;
    vir_bytes msg;
    arch_syscall_args(p, &call, &ep, &msg);
    int r = ipc_call(p, call, ep, msg);
    /* A blocked caller's result is set again when its call completes. */
    if (!(p->rts_flags & RTS_SLOT_FREE))
        arch_set_retval(p, r);
}

static const char *const exception_names[] = {
    [EXC_PAGE_FAULT] = "page fault",
    [EXC_EXEC_FAULT] = "execute from a no-execute page",
    [EXC_ILLEGAL] = "illegal instruction",
    [EXC_ALIGNMENT] = "alignment fault",
    [EXC_ARITHMETIC] = "arithmetic fault",
    [EXC_PRIVILEGED] = "protection fault",
    [EXC_BREAKPOINT] = "breakpoint",
    [EXC_OTHER] = "exception",
};

static const uint32_t exception_signals[] = {
    [EXC_PAGE_FAULT] = OS_SIGSEGV, [EXC_EXEC_FAULT] = OS_SIGSEGV, [EXC_ILLEGAL] = OS_SIGILL,
    [EXC_ALIGNMENT] = OS_SIGBUS, [EXC_ARITHMETIC] = OS_SIGFPE, [EXC_PRIVILEGED] = OS_SIGSEGV,
    [EXC_BREAKPOINT] = OS_SIGTRAP, [EXC_OTHER] = OS_SIGSEGV,
};

struct proc *proc_with_priv(uint32_t flag)
{
    for (int i = NR_TASKS; i < NR_SLOTS; i++) {
        struct proc *p = &proc_table[i];
        if (!(p->rts_flags & RTS_SLOT_FREE) && (p->priv.flags & flag))
            return p;
    }
    return NULL;
}

/* An exception the process cannot go on from: the process manager turns it into a signal;
 * without one (or if the manager itself faulted) the process is reported and ended. */
void raise_exception_signal(struct proc *p, uint32_t sig, const char *why)
{
    struct proc *pm = proc_with_priv(PRIV_SIGMGR);
    if (pm && pm != p) {
        p->ksig |= OS_SIGBIT(sig);
        proc_block(p, RTS_SIGNALED);
        ipc_notify_from(ENDPOINT_SLOT(SYSTEM), pm);
        return;
    }
    printk("kernel: process %s (endpoint %d) stopped: %s\n", p->name, (int)p->endpoint, why);
    proc_kill(p, why);
}

/* A user process faulted. Page faults go to the memory manager, which may resolve them;
 * everything else becomes a signal. */
void kernel_exception(struct proc *p, enum exception_kind kind, vir_bytes addr, uint32_t code,
                      uint32_t pf_flags)
{
    struct proc *vm = proc_with_priv(PRIV_VM);
    if ((kind == EXC_PAGE_FAULT || kind == EXC_EXEC_FAULT) && vm && vm != p && addr < USER_TOP) {
        p->pf_addr = addr;
        p->pf_flags = pf_flags;
        p->pf_reported = 0;
        proc_block(p, RTS_PAGEFAULT);
        ipc_notify_from(ENDPOINT_SLOT(SYSTEM), vm);
        return;
    }
    char why[96];
    fmt_snprintf(why, sizeof why, "%s at address 0x%08x, pc 0x%08x, code 0x%x", exception_names[kind],
             (unsigned)addr, (unsigned)arch_proc_pc(p), (unsigned)code);
    raise_exception_signal(p, exception_signals[kind], why);
}

/* Ends a process: no IPC, interrupt, alarm or memory of it survives, and its endpoint dies. */
int proc_kill(struct proc *p, const char *why)
{
    (void)why;
    if (p->slot < NR_TASKS || (p->rts_flags & RTS_SLOT_FREE))
        return -EINVAL;
    ipc_cancel(p);
    irq_release_all(p);
    p->alarm_at = 0;
    arch_mm_destroy(p);
    proc_free(p);
    return OK;
}

_Noreturn void kernel_run(void)
{
    struct proc *p;
    while ((p = sched_pick()) == NULL) {
        proc_current = NULL;
        arch_idle();
    }
    proc_current = p;
    arch_switch_to_user(p);
}
