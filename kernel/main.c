/* Kernel start-up and the generic halves of the trap paths: system calls, user exceptions,
 * and picking the next process to run. */
#include "kernel.h"
#include "board.h"

#define PAGE_TABLE_RESERVE 256   /* pages kept for page tables made after boot */

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
    board_memory(&base, &limit);
    mem_init(base, limit);
    reserve_loader_ranges();
    board_irq_init();
    int n = boot_load_image();
    if (n < 0)
        panic("cannot load the boot image: error %d", n);
    mem_seal(PAGE_TABLE_RESERVE);
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

/* A user process faulted: report it and end it; everything else keeps running.
 * (Once PM exists it receives the exception and turns it into a signal.) */
void kernel_exception(struct proc *p, enum exception_kind kind, vir_bytes addr, uint32_t code)
{
    printk("kernel: process %s (endpoint %d) stopped: %s at address 0x%08x, pc 0x%08x, code 0x%x\n",
           p->name, (int)p->endpoint, exception_names[kind], (unsigned)addr,
           (unsigned)arch_proc_pc(p), (unsigned)code);
    proc_kill(p, exception_names[kind]);
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
