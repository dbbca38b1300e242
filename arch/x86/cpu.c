/* x86 processor set-up and traps: segment descriptors, the TSS, the interrupt table,
 * and the routing of exceptions, interrupts and system calls to the generic kernel. */
#include "../../kernel/kernel.h"
#include "../../kernel/board.h"
#include "x86.h"
#include <string.h>

struct gdt_entry { uint16_t limit_lo, base_lo; uint8_t base_mid, access, flags_limit_hi, base_hi; } __attribute__((packed));
struct idt_entry { uint16_t off_lo, sel; uint8_t zero, type; uint16_t off_hi; } __attribute__((packed));
struct table_ptr { uint16_t limit; uint32_t base; } __attribute__((packed));

struct tss {
    uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2, cr3, eip, eflags;
    uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi, es, cs, ss, ds, fs, gs, ldt;
    uint16_t trap, iomap_base;
} __attribute__((packed));

#define NR_VECTORS_USED 49    /* 0-47, then the system call */

static struct gdt_entry gdt[6];
static struct idt_entry idt[256];
static struct tss tss;
extern uint32_t x86_vectors[NR_VECTORS_USED];
extern uint32_t x86_has_nx;
_Noreturn void x86_restore(struct arch_regs *regs);
void x86_mmu_init(void);
void x86_mmu_activate(struct proc *p);

static void set_segment(int i, uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
    gdt[i] = (struct gdt_entry){ (uint16_t)(limit & 0xffff), (uint16_t)(base & 0xffff),
                                 (uint8_t)(base >> 16), access,
                                 (uint8_t)((flags << 4) | ((limit >> 16) & 0xf)), (uint8_t)(base >> 24) };
}

static void set_gate(int vector, uint32_t handler, int user)
{
    idt[vector] = (struct idt_entry){ (uint16_t)(handler & 0xffff), SEL_KCODE, 0,
                                      (uint8_t)(user ? 0xEE : 0x8E), (uint16_t)(handler >> 16) };
}

static void load_tables(void)
{
    struct table_ptr gp = { sizeof gdt - 1, (uint32_t)gdt };
    struct table_ptr ip = { sizeof idt - 1, (uint32_t)idt };
    __asm__ volatile("lgdt %0" : : "m"(gp));
    __asm__ volatile("movw %w0, %%ds; movw %w0, %%es; movw %w0, %%fs; movw %w0, %%gs; movw %w0, %%ss"
                     : : "r"(SEL_KDATA));
    __asm__ volatile("ljmp %0, $1f; 1:" : : "i"(SEL_KCODE));
    __asm__ volatile("lidt %0" : : "m"(ip));
    __asm__ volatile("ltr %w0" : : "r"(SEL_TSS));
}

void arch_init(void)
{
    set_segment(0, 0, 0, 0, 0);
    set_segment(1, 0, 0xfffff, 0x9A, 0xC);   /* kernel code */
    set_segment(2, 0, 0xfffff, 0x92, 0xC);   /* kernel data */
    set_segment(3, 0, 0xfffff, 0xFA, 0xC);   /* user code */
    set_segment(4, 0, 0xfffff, 0xF2, 0xC);   /* user data */
    memset(&tss, 0, sizeof tss);
    tss.ss0 = SEL_KDATA;
    tss.iomap_base = sizeof tss;              /* no I/O bitmap: user ports always fault */
    set_segment(5, (uint32_t)&tss, sizeof tss - 1, 0x89, 0x0);
    for (int v = 0; v < NR_VECTORS_USED - 1; v++)
        set_gate(v, x86_vectors[v], v == 3);
    set_gate(SYSCALL_VECTOR, x86_vectors[NR_VECTORS_USED - 1], 1);
    load_tables();
    if (!x86_has_nx)
        panic("this CPU has no NX bit; run QEMU with a CPU that has it (e.g. -cpu qemu32,+nx)");
    x86_mmu_init();
}

/* Entry from boot.S, on the boot stack with paging on. */
void x86_main(void)
{
    board_console_init();
    arch_init();
    kernel_main();
    kernel_run();
}

static enum exception_kind classify(const struct arch_regs *f)
{
    switch (f->vector) {
    case 0: return EXC_ARITHMETIC;
    case 3: return EXC_BREAKPOINT;
    case 6: return EXC_ILLEGAL;
    case 13: return EXC_PRIVILEGED;
    case 14: return (f->error & 0x10) ? EXC_EXEC_FAULT : EXC_PAGE_FAULT;
    case 16: case 19: return EXC_ARITHMETIC;
    case 17: return EXC_ALIGNMENT;
    default: return EXC_OTHER;
    }
}

/* Page-fault error code: bit 0 present, bit 1 write, bit 4 instruction fetch. */
static uint32_t fault_flags(uint32_t error)
{
    return (error & 0x1 ? PF_PROT : 0) | (error & 0x2 ? PF_WRITE : 0) | (error & 0x10 ? PF_EXEC : 0);
}

void x86_trap_user(struct arch_regs *f)
{
    struct proc *p = proc_current;
    KASSERT(p && &p->regs == f);
    if (f->vector == SYSCALL_VECTOR)
        kernel_syscall(p);
    else if (f->vector >= IRQ_VECTOR_BASE)
        kernel_irq(f->vector - IRQ_VECTOR_BASE);
    else
        kernel_exception(p, classify(f), f->vector == 14 ? read_cr2() : f->eip, f->error,
                         f->vector == 14 ? fault_flags(f->error) : 0);
    kernel_run();
}

void x86_trap_kernel(struct arch_regs *f)
{
    if (f->vector >= IRQ_VECTOR_BASE && f->vector < IRQ_VECTOR_BASE + 16) {
        kernel_irq(f->vector - IRQ_VECTOR_BASE);
        return;
    }
    panic("exception %u in the kernel at eip 0x%08x, error 0x%x, cr2 0x%08x",
          (unsigned)f->vector, (unsigned)f->eip, (unsigned)f->error, (unsigned)read_cr2());
}

_Noreturn void arch_switch_to_user(struct proc *p)
{
    tss.esp0 = (uint32_t)(&p->regs + 1);
    x86_mmu_activate(p);
    x86_restore(&p->regs);
}

void arch_idle(void)
{
    __asm__ volatile("sti; hlt; cli" : : : "memory");
}

uint64_t arch_cycles(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

uint32_t arch_cycles_hz(void)
{
    return 0;   /* the TSC rate is not calibrated; under -icount it counts guest instructions */
}

void arch_proc_init(struct proc *p, vir_bytes pc, vir_bytes sp)
{
    memset(&p->regs, 0, sizeof p->regs);
    p->regs.cs = SEL_UCODE;
    p->regs.ds = p->regs.es = p->regs.fs = p->regs.gs = p->regs.ss = SEL_UDATA;
    p->regs.eflags = 0x202;    /* interrupts on */
    p->regs.eip = pc;
    p->regs.esp = sp;
}

void arch_syscall_args(const struct proc *p, uint32_t *call, endpoint_t *ep, vir_bytes *msg)
{
    *call = p->regs.eax;
    *ep = (endpoint_t)p->regs.ebx;
    *msg = p->regs.ecx;
}

void arch_set_retval(struct proc *p, int32_t value)
{
    p->regs.eax = (uint32_t)value;
}

vir_bytes arch_proc_pc(const struct proc *p)
{
    return p->regs.eip;
}

vir_bytes arch_proc_sp(const struct proc *p)
{
    return p->regs.esp;
}

/* handler(signo) is called with the restorer as its return address, just below the frame. */
int arch_signal_enter(struct proc *p, vir_bytes handler, vir_bytes restorer, uint32_t signo,
                      vir_bytes frame)
{
    uint32_t call[2] = { restorer, signo };
    int r = copy_to_user(p, frame - sizeof call, call, sizeof call);
    if (r != OK)
        return r;
    p->regs.esp = frame - sizeof call;
    p->regs.eip = handler;
    return OK;
}

#define EFLAGS_USER 0x8d5   /* CF PF AF ZF SF DF OF: what a program may change */

void arch_regs_restore(struct proc *p, const struct arch_regs *saved)
{
    uint32_t eflags = p->regs.eflags;
    p->regs.eax = saved->eax;
    p->regs.ebx = saved->ebx;
    p->regs.ecx = saved->ecx;
    p->regs.edx = saved->edx;
    p->regs.esi = saved->esi;
    p->regs.edi = saved->edi;
    p->regs.ebp = saved->ebp;
    p->regs.esp = saved->esp;
    p->regs.eip = saved->eip;
    p->regs.eflags = (eflags & ~EFLAGS_USER) | (saved->eflags & EFLAGS_USER);
}

int arch_port_io(uint32_t port, uint32_t width, int write, uint32_t *value)
{
    if (port > 0xffff)
        return -EINVAL;
    uint16_t p = (uint16_t)port;
    if (write) {
        if (width == 1) outb(p, (uint8_t)*value);
        else if (width == 2) outw(p, (uint16_t)*value);
        else outl(p, *value);
    } else {
        *value = width == 1 ? inb(p) : width == 2 ? inw(p) : inl(p);
    }
    return OK;
}
