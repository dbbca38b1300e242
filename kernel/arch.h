/* The interface every CPU back end (arch/<cpu>/) implements, and nothing else of the CPU.
 * Generic kernel code reaches registers, the MMU and the cycle counter only through these. */
#ifndef KERNEL_ARCH_H
#define KERNEL_ARCH_H

#include <os/types.h>
#include <arch/proc.h>   /* struct arch_regs, struct arch_mm, ARCH_* constants */

struct proc;

/* Memory-protection flags for arch_mm_map. */
#define MAP_USER  0x1
#define MAP_WRITE 0x2
#define MAP_EXEC  0x4
#define MAP_OWNED 0x8   /* a pool page: freed with the address space */
#define MAP_DEVICE 0x10 /* device registers: uncached, strongly ordered */

void arch_init(void);                       /* descriptor tables, MMU, vectors */
_Noreturn void arch_switch_to_user(struct proc *p);
void arch_idle(void);                       /* wait for an interrupt with interrupts on */
uint64_t arch_cycles(void);                 /* free-running counter (guest instructions under -icount) */
uint32_t arch_cycles_hz(void);

/* Registers of a stopped process. */
void arch_proc_init(struct proc *p, vir_bytes pc, vir_bytes sp);
void arch_syscall_args(const struct proc *p, uint32_t *call, endpoint_t *ep, vir_bytes *msg);
void arch_set_retval(struct proc *p, int32_t value);
vir_bytes arch_proc_pc(const struct proc *p);
vir_bytes arch_proc_sp(const struct proc *p);

/* Signals: enter handler(signo) on p's stack below frame, returning to restorer; and put
 * back registers saved in a frame, keeping only what user mode may set. */
int arch_signal_enter(struct proc *p, vir_bytes handler, vir_bytes restorer, uint32_t signo,
                      vir_bytes frame);
void arch_regs_restore(struct proc *p, const struct arch_regs *saved);

/* Address spaces. Page-granular; an address space is created empty. */
int arch_mm_create(struct proc *p);
void arch_mm_destroy(struct proc *p);
int arch_mm_map(struct proc *p, vir_bytes va, phys_bytes pa, uint32_t flags);
void arch_mm_unmap(struct proc *p, vir_bytes va);
void *arch_phys_to_kernel(phys_bytes pa);

/* The physical address behind user address va of p, if user mode may read it (and, with
 * write, write it); -EFAULT otherwise. Kernel copies to and from users rest on this alone. */
int arch_user_translate(const struct proc *p, vir_bytes va, int write, phys_bytes *pa);

/* Device I/O for SYS_DEVIO; back ends without I/O ports return -EINVAL. */
int arch_port_io(uint32_t port, uint32_t width, int write, uint32_t *value);

#endif
