/* The SYS task's handlers, one per file in kernel/system/, and their shared helpers.
 * Each handler decodes and checks its message first, then acts; it returns OK or -E*. */
#ifndef KERNEL_SYSTEM_H
#define KERNEL_SYSTEM_H

#include "kernel.h"
#include <os/kcall.h>

typedef int (*kcall_handler)(struct proc *caller, message *m);

/* Resolves a target endpoint (SELF is the caller) to a user-level process. */
int sys_target(struct proc *caller, endpoint_t ep, struct proc **pp);

int do_privctl(struct proc *caller, message *m);
int do_fork(struct proc *caller, message *m);
int do_exec(struct proc *caller, message *m);
int do_clear(struct proc *caller, message *m);
int do_setgrant(struct proc *caller, message *m);
int do_safecopyfrom(struct proc *caller, message *m);
int do_safecopyto(struct proc *caller, message *m);
int do_devio(struct proc *caller, message *m);
int do_sdevio(struct proc *caller, message *m);
int do_irqctl(struct proc *caller, message *m);
int do_setalarm(struct proc *caller, message *m);
int do_times(struct proc *caller, message *m);
int do_getinfo(struct proc *caller, message *m);
int do_diagctl(struct proc *caller, message *m);
int do_physmap(struct proc *caller, message *m);
int do_abort(struct proc *caller, message *m);
int do_stop(struct proc *caller, message *m);
int do_vmctl(struct proc *caller, message *m);
int do_getksig(struct proc *caller, message *m);
int do_endksig(struct proc *caller, message *m);
int do_sigsend(struct proc *caller, message *m);
int do_sigreturn(struct proc *caller, message *m);

#endif
