/* Signal numbers the kernel and servers agree on; they are newlib's numbers, so programs
 * see the same values in <signal.h>. */
#ifndef OS_SIGS_H
#define OS_SIGS_H

#define OS_SIGHUP   1
#define OS_SIGINT   2
#define OS_SIGQUIT  3
#define OS_SIGILL   4
#define OS_SIGTRAP  5
#define OS_SIGABRT  6
#define OS_SIGFPE   8
#define OS_SIGKILL  9
#define OS_SIGBUS   10
#define OS_SIGSEGV  11
#define OS_SIGPIPE  13
#define OS_SIGALRM  14
#define OS_SIGTERM  15
#define OS_SIGSTOP  17
#define OS_SIGTSTP  18
#define OS_SIGCONT  19
#define OS_SIGCHLD  20
#define OS_SIGUSR1  30
#define OS_SIGUSR2  31
#define OS_NSIG     32

#define OS_SIGBIT(sig) (1u << (sig))

/* What the kernel pushes on a user stack for a handler, above the call set-up. */
#include <os/types.h>
struct sigframe_head {
    uint32_t signo;
    uint32_t mask;        /* the signal mask to restore, PM's business */
    uint32_t magic;       /* SIGFRAME_MAGIC: sigreturn refuses anything else */
    uint32_t reserved;
};
#define SIGFRAME_MAGIC 0x5349474eu   /* "SIGN" */

#endif
