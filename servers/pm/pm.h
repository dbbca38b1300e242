/* The process manager's table and the functions its parts share. PM keeps the POSIX view of
 * every process (pid, parent, group, session, ids, signals, exit status); the kernel keeps
 * the mechanism, VM the memory. */
#ifndef PM_PM_H
#define PM_PM_H

#include <libsys.h>

#define INIT_PID 1
#define NO_PID   0

enum mp_state { MP_FREE, MP_ALIVE, MP_ZOMBIE };

struct sigact {
    vir_bytes handler;      /* SIG_DFL (0), SIG_IGN (1), or a function */
    uint32_t mask;
    uint32_t flags;
};
#define SIG_DFL_ADDR 0
#define SIG_IGN_ADDR 1
#define SA_NODEFER_FLAG 0x40000000u   /* newlib's SA_NODEFER is not defined; ours */

struct mproc {
    enum mp_state state;
    endpoint_t ep;
    int32_t pid, ppid, pgid, sid;
    uint32_t uid, euid, gid, egid;
    char name[16];
    int system;               /* a server or driver: signals arrive as notifications */
    int32_t exit_status;      /* wait status once a zombie */
    uint32_t child_user, child_sys;   /* ticks of reaped children */
    uint32_t user, sys;       /* own ticks, kept at exit */

    /* signals */
    uint32_t sig_pending, sig_mask, sig_saved_mask;
    struct sigact act[OS_NSIG];
    vir_bytes restorer;
    uint64_t alarm_at;        /* uptime tick, 0 if none */

    /* a call PM has not answered yet */
    int waiting;              /* in waitpid */
    int32_t wait_pid;
    int32_t wait_options;
    int suspended;            /* in sigsuspend */
    int stopped;              /* by SIGSTOP and friends */
    int exec_deferred;        /* an exec of a file waits for the one in flight: */
    message exec_msg;         /* its request, run again then */
};

extern struct mproc mproc[NR_SLOTS];
extern struct mproc *who;     /* the caller of the request being handled */

/* main.c */
void reply(struct mproc *mp, message *m);
void reply_status(struct mproc *mp, int status);
struct mproc *mp_by_endpoint(endpoint_t ep);
struct mproc *mp_by_pid(int32_t pid);
uint64_t uptime_ticks(void);

/* proc.c */
void pm_init_boot_processes(void);
int do_fork(message *m);
int do_exit(message *m);
int do_waitpid(message *m);
int do_exec(message *m);
int do_spawn(message *m);
int do_exec_ready(message *m);
void pm_exit(struct mproc *mp, int32_t wait_status);

/* vfs.c */
void vfs_init(void);
void vfs_fork(endpoint_t parent, endpoint_t child, int32_t pid);
void vfs_exit(endpoint_t ep);
void vfs_unpause(endpoint_t ep);
int vfs_exec_request(endpoint_t ep, const char *path);
void vfs_exec_request_done(void);
int vfs_is(endpoint_t ep);
int do_vfs_event(message *m);

/* signal.c */
int do_kill(message *m);
int do_sigaction(message *m);
int do_sigprocmask(message *m);
int do_sigsuspend(message *m);
int do_sigpending(message *m);
int do_sigreturn(message *m);
int do_getsigs(message *m);
void sig_raise(struct mproc *mp, int sig);
void sig_deliver_pending(struct mproc *mp);
void sig_kernel_signals(void);
void sig_alarms(void);
int do_alarm(message *m);

/* misc.c */
int do_getpid(message *m);
int do_times(message *m);
int do_setsid(message *m);
int do_getsid(message *m);
int do_setpgid(message *m);
int do_getpgid(message *m);
int do_getuid(message *m);
int do_euid_of(message *m);
int do_setuid(message *m);
int do_setgid(message *m);
int do_procinfo(message *m);
int do_reboot(message *m);

/* Results a handler returns instead of a status: the reply is sent later, or never. */
#define SUSPEND  (-100000)

#endif
