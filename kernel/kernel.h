/* What every kernel file needs: the console, panic, and the generic entry points
 * that the CPU back end calls on traps, interrupts and exceptions. */
#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include <stdarg.h>
#include <os/errno.h>
#include <os/ipc.h>
#include <os/bootimg.h>
#include <os/kcall.h>
#include <os/sigs.h>
#include "config.h"
#include "proc.h"

void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void printk_denied(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void printk_init(void);   /* a new count of refusals shown this second */
_Noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A broken kernel invariant, never something a process did. */
#define KASSERT(cond) ((cond) ? (void)0 : panic("assertion failed: %s (%s:%d)", #cond, __FILE__, __LINE__))

/* Kinds of CPU exception raised by a user process, as the back end classifies them. */
enum exception_kind {
    EXC_PAGE_FAULT,     /* unmapped, or a protection violation */
    EXC_EXEC_FAULT,     /* instruction fetch from a no-execute page */
    EXC_ILLEGAL,        /* undefined instruction */
    EXC_ALIGNMENT,
    EXC_ARITHMETIC,     /* divide error and the like */
    EXC_PRIVILEGED,     /* general protection, privileged instruction */
    EXC_BREAKPOINT,
    EXC_OTHER
};

/* Entry points, called by the back end with interrupts disabled. */
void kernel_main(void);
void kernel_syscall(struct proc *p);
void kernel_irq(unsigned line);
void kernel_exception(struct proc *p, enum exception_kind kind, vir_bytes addr, uint32_t code,
                      uint32_t pf_flags);
void raise_exception_signal(struct proc *p, uint32_t sig, const char *why);
struct proc *proc_with_priv(uint32_t flag);   /* the live process with this PRIV_ flag */
_Noreturn void kernel_run(void);

/* Kernel-internal services. */
int ipc_call(struct proc *caller, uint32_t call, endpoint_t ep, vir_bytes msg_addr);
void ipc_notify_from(int src_slot, struct proc *dst);
void ipc_cancel(struct proc *p);
void ipc_interrupt(struct proc *p);
int sys_call(struct proc *caller, message *m);
int grant_copy(struct proc *caller, endpoint_t granter_ep, grant_id_t gid, vir_bytes offset,
               vir_bytes addr, vir_bytes len, int to_granter);

void clock_init(void);
void clock_tick(void);
uint64_t clock_uptime(void);
void clock_set_alarm(struct proc *p, uint32_t ticks, uint32_t *remaining);

void irq_init(void);
int irq_set_policy(struct proc *p, unsigned line, unsigned hook);
int irq_remove_policy(struct proc *p, unsigned line);
int irq_enable(struct proc *p, unsigned line, int enable);
void irq_release_all(struct proc *p);

int priv_may_call(const struct proc *p, int call);
int priv_may_send(const struct proc *p, const struct proc *dst);
int priv_may_trap(const struct proc *p, uint32_t call);
int priv_may_io(const struct proc *p, uint32_t port, uint32_t width);
int priv_may_map(const struct proc *p, phys_bytes base, phys_bytes len);
int priv_may_irq(const struct proc *p, unsigned line);

int proc_kill(struct proc *p, const char *why);

/* Physical pages for page tables and boot processes. */
void mem_init(phys_bytes base, phys_bytes limit);
phys_bytes mem_alloc_page(void);    /* zeroed; 0 if none left */
void mem_free_page(phys_bytes pa);
void mem_reserve(phys_bytes base, phys_bytes size);
int mem_free_ranges(struct mem_range *out, int max);
void mem_seal(uint32_t reserve_pages);
phys_bytes mem_free_base(void);
phys_bytes mem_end(void);

int boot_load_image(void);
void boot_grant_memory(void);
int boot_entry(uint32_t index, struct bootimg_entry *out);

/* Copies between the kernel and user address spaces (usercopy.c), checked against the page
 * tables: every byte must be user-accessible, and writable for the destination. */
int copy_from_user(const struct proc *p, vir_bytes va, void *buf, size_t len);
int copy_to_user(const struct proc *p, vir_bytes va, const void *buf, size_t len);
int copy_user(const struct proc *dst, vir_bytes dva, const struct proc *src, vir_bytes sva, size_t len);
int user_range_ok(const struct proc *p, vir_bytes va, size_t len, int write);

/* Formatting shared with the system library. */
#include "../lib/common/fmt.h"

#endif
