/* The system library: IPC primitives, kernel-call wrappers, and diagnostics for servers,
 * drivers and test programs. Every call returns OK or a negative error code. */
#ifndef LIBSYS_H
#define LIBSYS_H

#include <os/ipc.h>
#include <os/kcall.h>
#include <os/priv.h>
#include <os/errno.h>
#include <os/com.h>
#include <os/grant.h>
#include <os/sigs.h>
#include <os/bootimg.h>
#include <os/layout.h>

int ipc_trap(uint32_t call, endpoint_t ep, message *m);   /* per-architecture, lib/arch/<cpu>/ */
void arch_privileged_instruction(void);                  /* for fault tests: must trap in user mode */
void arch_illegal_instruction(void);                     /* an undefined instruction */
void arch_dma_barrier(void);   /* orders memory accesses against a device's (lib/arch/<cpu>/) */

static inline int ipc_send(endpoint_t dst, message *m) { return ipc_trap(IPC_SEND, dst, m); }
static inline int ipc_receive(endpoint_t src, message *m) { return ipc_trap(IPC_RECEIVE, src, m); }
static inline int ipc_sendrec(endpoint_t dst, message *m) { return ipc_trap(IPC_SENDREC, dst, m); }
static inline int ipc_sendnb(endpoint_t dst, message *m) { return ipc_trap(IPC_SENDNB, dst, m); }
static inline int ipc_notify(endpoint_t dst) { return ipc_trap(IPC_NOTIFY, dst, 0); }

/* SENDREC to SYSTEM; the trap's error if it failed, else the call's status. */
int kernel_call(int call, message *m);

int sys_diag(const char *text);
int sys_times(endpoint_t who, struct kc_times *out);
int sys_setalarm(uint32_t ticks);
int sys_devio(uint32_t port, uint32_t width, int write, uint32_t *value);
/* len bytes (at most SDEVIO_MAX) between buf and one port, width bytes at a time. */
int sys_sdevio(uint32_t port, uint32_t width, int write, void *buf, uint32_t len);
int sys_whoami(endpoint_t *self, char name[16]);
int sys_lookup(const char *name, endpoint_t *ep);
int sys_poweroff(void);
int sys_machine(struct machine_info *out);
_Noreturn void sys_exit(int status);
int sys_getinfo(uint32_t what, int32_t arg, void *buf, uint32_t len);  /* >= 0: result */
int sys_fork(endpoint_t parent, endpoint_t *child);
int sys_exec(endpoint_t target, vir_bytes pc, vir_bytes sp, const char *name);
int sys_clear(endpoint_t target);
int sys_stop(endpoint_t target, int stop);
int sys_privctl(endpoint_t target, const struct priv_desc *desc);
int sys_safecopyfrom(endpoint_t granter, grant_id_t grant, vir_bytes offset, void *addr, size_t len);
int sys_safecopyto(endpoint_t granter, grant_id_t grant, vir_bytes offset, const void *addr, size_t len);
int sys_getksig(endpoint_t *target, uint32_t *sigs);
int sys_endksig(endpoint_t target);
int sys_sigsend(endpoint_t target, vir_bytes handler, vir_bytes restorer, uint32_t signo, uint32_t mask);
int sys_sigreturn(endpoint_t target, vir_bytes frame, uint32_t *mask);
int sys_abort(uint32_t how);
int sys_irqctl(uint32_t op, uint32_t irq, uint32_t hook);
int sys_physmap(phys_bytes phys, vir_bytes vaddr, uint32_t len);

/* Grants on the caller's own memory (GRANT_READ and/or GRANT_WRITE for `to`). */
grant_id_t grant_make(endpoint_t to, void *addr, size_t len, uint32_t access);
/* Passes on [offset, offset + len) of grant from_grant that `from` made to us, to `to`. */
grant_id_t grant_indirect(endpoint_t to, endpoint_t from, grant_id_t from_grant, vir_bytes offset,
                          size_t len, uint32_t access);
void grant_revoke(grant_id_t id);
size_t grant_moved(grant_id_t id);   /* bytes the grantee has copied through it so far */
void grant_regrant(endpoint_t dead, endpoint_t successor);   /* a restarted server's */

/* Signals through PM (lib/sys/signal.c); handlers return through the arch trampoline.
 * how: 0 set, 1 block, 2 unblock. Sets are bit masks of OS_SIGBIT(sig). */
int sig_action(int sig, void (*handler)(int), uint32_t mask, uint32_t flags);
int sig_procmask(int how, uint32_t set, uint32_t *old);
int sig_suspend(uint32_t mask);
int sig_pending(uint32_t *set);
int sig_kill(int pid, int sig);
int sig_alarm(int seconds);

/* A server's loop: receive from anyone; notifications and requests to their handlers. */
_Noreturn void serve(void (*on_notify)(const message *m), void (*on_request)(message *m));

/* If m is RS's FI_INJECT, makes that fault happen in the caller and returns 1 (if it
 * returns at all). Every service loop (serve, the driver loop, ext2's) asks it first. */
int fi_check(const message *m);
extern int fi_lying;   /* FI_LIE: grant copies say OK and move nothing (lib/sys/kcall.c) */
extern int fi_misdirecting;   /* FI_MISDIRECT: sectors a block driver adds (lib/driver/blockdev.c) */

/* The start-up handshake every service does with RS once it is ready to serve. */
int rs_init_done(void);
int rs_restart(const char *label);
/* If m is RS's heartbeat ping, answers it and returns 1. serve() and the driver loop do this. */
int rs_heartbeat(const message *m);

/* argv[i] as an endpoint (the boot image writes "@name" arguments as numbers), or NONE. */
endpoint_t arg_endpoint(int argc, char **argv, int i);
/* A whole argument as a number, decimal or 0x hex; -EINVAL if it is not one. */
int arg_number(const char *s, uint32_t *value);

/* Text to the log server (the console until the tty driver exists). */
void log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *err_name(int err);

/* The data store (lib/sys/ds.c). Keys are at most DS_KEY_MAX - 1 bytes; flags: DSF_PRIVATE
 * (only the publisher's label may retrieve it, also after a restart), DSF_OVERWRITE (replace
 * one's own entry). Retrieving a string or blob returns its length; -E2BIG if it does not
 * fit. A subscriber gets a notification from DS_PROC on a change to a key matching one of
 * its glob patterns (* and ?) and then calls ds_check until -ENOENT; type 0 there means the
 * key was deleted. ds_lookup gives the endpoint RS published under a label. */
int ds_publish_u32(const char *key, uint32_t value, uint32_t flags);
int ds_publish_str(const char *key, const char *value, uint32_t flags);
int ds_publish_blob(const char *key, const void *data, size_t len, uint32_t flags);
int ds_retrieve_u32(const char *key, uint32_t *value);
int ds_retrieve_str(const char *key, char *buf, size_t size);
int ds_retrieve_blob(const char *key, void *buf, size_t size);
int ds_delete(const char *key);
int ds_subscribe(const char *pattern);
int ds_check(char key[DS_KEY_MAX], uint32_t *type);
int ds_lookup(const char *label, endpoint_t *ep);

#endif
