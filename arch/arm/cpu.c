/* ARMv7-A processor set-up and traps: the vector base, the routing of system calls,
 * interrupts and exceptions to the generic kernel, and process registers. */
#include "../../kernel/kernel.h"
#include "../../kernel/board.h"
#include "arm.h"
#include <string.h>

enum arm_trap { TRAP_SVC, TRAP_IRQ, TRAP_UNDEFINED, TRAP_PREFETCH_ABORT, TRAP_DATA_ABORT,
                TRAP_FIQ, TRAP_RESET };

#define PSR_T 0x20
#define PSR_IT 0x0600fc00u
#define FSR_STATUS(fsr) (((fsr) & 0xf) | (((fsr) >> 6) & 0x10))
#define FSR_WNR (1u << 11)
#define FS_ALIGNMENT 0x01
#define FS_PERMISSION_SECTION 0x0d
#define FS_PERMISSION_PAGE 0x0f

extern char arm_vectors[];
_Noreturn void arm_restore(struct arch_regs *regs);
void arm_mmu_init(void);
void arm_mmu_activate(struct proc *p);

void arch_init(void)
{
    CP15_WRITE(c12, 0, c0, 0, (uint32_t)arm_vectors);   /* VBAR */
    isb();
    arm_mmu_init();
}

/* Entry from boot.S, on the kernel stack with the MMU on. */
void arm_main(void)
{
    arch_init();
    board_console_init();
    kernel_main();
    kernel_run();
}

static void handle_interrupts(void)
{
    int line;
    while ((line = board_irq_claim()) >= 0)
        kernel_irq((unsigned)line);
}

static void report_abort(struct proc *p, vir_bytes addr, uint32_t fsr, int fetch)
{
    unsigned status = FSR_STATUS(fsr);
    enum exception_kind kind = EXC_PAGE_FAULT;
    if (status == FS_ALIGNMENT)
        kind = EXC_ALIGNMENT;
    else if (fetch && (status == FS_PERMISSION_SECTION || status == FS_PERMISSION_PAGE))
        kind = EXC_EXEC_FAULT;
    uint32_t flags = (fetch ? PF_EXEC : 0) | (!fetch && (fsr & FSR_WNR) ? PF_WRITE : 0) |
                     (status == FS_PERMISSION_SECTION || status == FS_PERMISSION_PAGE ? PF_PROT : 0);
    kernel_exception(p, kind, addr, fsr, flags);
}

void arm_trap_user(struct arch_regs *regs, enum arm_trap trap)
{
    struct proc *p = proc_current;
    KASSERT(p && &p->regs == regs);
    switch (trap) {
    case TRAP_SVC:
        kernel_syscall(p);
        break;
    case TRAP_IRQ:
        handle_interrupts();
        break;
    case TRAP_UNDEFINED:
        if (regs->cpsr & PSR_T)
            regs->pc += 2;       /* Thumb: lr was only 2 past the instruction */
        kernel_exception(p, EXC_ILLEGAL, regs->pc, 0, 0);
        break;
    case TRAP_PREFETCH_ABORT:
        report_abort(p, read_ifar(), read_ifsr(), 1);
        break;
    case TRAP_DATA_ABORT:
        report_abort(p, read_dfar(), read_dfsr(), 0);
        break;
    default:
        panic("unexpected exception %d from user mode at pc 0x%08x", trap, (unsigned)regs->pc);
    }
    kernel_run();
}

_Noreturn void arm_trap_kernel(struct arch_regs *regs, enum arm_trap trap)
{
    panic("exception %d in the kernel at pc 0x%08x, lr 0x%08x, cpsr 0x%08x, dfar 0x%08x, dfsr 0x%x",
          trap, (unsigned)regs->pc, (unsigned)regs->lr, (unsigned)regs->cpsr,
          (unsigned)read_dfar(), (unsigned)read_dfsr());
}

_Noreturn void arch_switch_to_user(struct proc *p)
{
    arm_mmu_activate(p);
    arm_restore(&p->regs);
}

/* Interrupts stay masked in the kernel: wait for one, then take what is pending. */
void arch_idle(void)
{
    dsb();
    __asm__ volatile("wfi" : : : "memory");
    handle_interrupts();
}

uint64_t arch_cycles(void)
{
    return board_counter();
}

uint32_t arch_cycles_hz(void)
{
    return board_counter_hz();
}

void arch_proc_init(struct proc *p, vir_bytes pc, vir_bytes sp)
{
    memset(&p->regs, 0, sizeof p->regs);
    p->regs.cpsr = MODE_USR | PSR_F | (pc & 1 ? PSR_T : 0);
    p->regs.pc = pc & ~1u;
    p->regs.sp = sp;
}

void arch_syscall_args(const struct proc *p, uint32_t *call, endpoint_t *ep, vir_bytes *msg)
{
    *call = p->regs.r[0];
    *ep = (endpoint_t)p->regs.r[1];
    *msg = p->regs.r[2];
}

void arch_set_retval(struct proc *p, int32_t value)
{
    p->regs.r[0] = (uint32_t)value;
}

vir_bytes arch_proc_pc(const struct proc *p)
{
    return p->regs.pc;
}

vir_bytes arch_proc_sp(const struct proc *p)
{
    return p->regs.sp;
}

/* handler(signo) runs on the stack at the frame and returns through lr to the restorer. */
int arch_signal_enter(struct proc *p, vir_bytes handler, vir_bytes restorer, uint32_t signo,
                      vir_bytes frame)
{
    p->regs.r[0] = signo;
    p->regs.sp = frame;
    p->regs.lr = restorer;
    p->regs.pc = handler & ~1u;
    p->regs.cpsr = (p->regs.cpsr & ~(PSR_T | PSR_IT)) | (handler & 1 ? PSR_T : 0);
    return OK;
}

/* Condition flags, GE, endianness, Thumb and IT state: what a program may change. */
#define PSR_USER (0xf8000000u | 0x000f0000u | 0x200u | PSR_T | PSR_IT)

void arch_regs_restore(struct proc *p, const struct arch_regs *saved)
{
    uint32_t cpsr = p->regs.cpsr;
    memcpy(p->regs.r, saved->r, sizeof p->regs.r);
    p->regs.sp = saved->sp;
    p->regs.lr = saved->lr;
    p->regs.pc = saved->pc;
    p->regs.cpsr = (cpsr & ~PSR_USER) | (saved->cpsr & PSR_USER);
}

int arch_port_io(uint32_t port, uint32_t width, int write, uint32_t *value)
{
    (void)port, (void)width, (void)write, (void)value;
    return -EINVAL;    /* ARM has no I/O ports: devices are memory mapped (SYS_PHYSMAP) */
}
