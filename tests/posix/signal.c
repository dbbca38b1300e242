/* posix_signal: signals through newlib and lib/posix with PM: handlers that return through the
 * trampoline, masks, pending signals, sigsuspend, alarm, pause, sleep, ignored signals,
 * SIGCHLD, and signals that end processes. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

static volatile sig_atomic_t caught[NSIG];
static volatile sig_atomic_t last_signo;

static void count(int sig)
{
    caught[sig]++;
    last_signo = sig;
}

static void reset(void)
{
    memset((void *)caught, 0, sizeof caught);
    last_signo = 0;
}

static void check_handler(void)
{
    struct sigaction act = { .sa_handler = count }, old;
    sigemptyset(&act.sa_mask);
    CHECK(sigaction(SIGUSR1, &act, &old) == 0 && old.sa_handler == SIG_DFL,
          "sigaction installs a handler; the old one was SIG_DFL");
    reset();
    CHECK(raise(SIGUSR1) == 0 && caught[SIGUSR1] == 1 && last_signo == SIGUSR1,
          "raise runs the handler once, with the signal number, before it returns");
    CHECK(kill(getpid(), SIGUSR1) == 0 && caught[SIGUSR1] == 2, "so does kill(getpid())");
    struct sigaction now;
    CHECK(sigaction(SIGUSR1, NULL, &now) == 0 && now.sa_handler == count,
          "sigaction with no new action only reports the current one");
    CHECK(signal(SIGUSR1, SIG_DFL) == count, "signal() returns the previous handler");
    CHECK(sigaction(SIGKILL, &act, NULL) == -1 && errno == EINVAL, "SIGKILL cannot be caught");
}

/* Locals that live in registers across a handler that clobbers what it can: the kernel's frame
 * must give all of them back. */
static volatile unsigned long sink;

static void clobber(int sig)
{
    unsigned long r0 = 0x11111111u, r1 = 0x22222222u, r2 = 0x33333333u, r3 = 0x44444444u;
    for (int i = 0; i < 64; i++) {
        r0 = r0 * 31 + r3 + (unsigned long)sig;
        r1 ^= r0 >> 3;
        r2 += r1 * 7;
        r3 = (r3 << 1) ^ r2;
    }
    sink = r0 + r1 + r2 + r3;
    caught[sig]++;
}

/* Five values carried in callee-saved registers around raise(); the same sum without signals
 * is the reference. */
static unsigned long mix(int with_signals)
{
    unsigned long a = 1, b = 2, c = 3, d = 5, e = 8;
    for (int i = 0; i < 20; i++) {
        if (with_signals && i % 5 == 0)
            raise(SIGUSR2);
        unsigned long f = a + b + c + d + e;
        a = b, b = c, c = d, d = e, e = f % 1000003;
    }
    return a ^ b ^ c ^ d ^ e;
}

static void check_context_kept(void)
{
    signal(SIGUSR2, clobber);
    reset();
    unsigned long with = mix(1), without = mix(0);
    CHECK(caught[SIGUSR2] == 4 && with == without,
          "four handlers ran and the computation around them held (%lu, %lu)", with, without);
    signal(SIGUSR2, SIG_DFL);
}

static void nested_inner(int sig)
{
    (void)sig;
    caught[SIGUSR2]++;
}

static void nested_outer(int sig)
{
    (void)sig;
    raise(SIGUSR2);   /* not blocked: runs inside this handler */
    caught[SIGUSR1] += caught[SIGUSR2] == 1 ? 1 : 100;
}

static void check_nesting(void)
{
    signal(SIGUSR1, nested_outer);
    signal(SIGUSR2, nested_inner);
    reset();
    raise(SIGUSR1);
    CHECK(caught[SIGUSR1] == 1 && caught[SIGUSR2] == 1, "a handler that raises another signal nests");
    signal(SIGUSR1, SIG_DFL);
    signal(SIGUSR2, SIG_DFL);
}

static void check_mask(void)
{
    signal(SIGUSR1, count);
    reset();
    sigset_t block, old, pending;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    CHECK(sigprocmask(SIG_BLOCK, &block, &old) == 0 && !sigismember(&old, SIGUSR1), "SIG_BLOCK SIGUSR1");
    raise(SIGUSR1);
    CHECK(caught[SIGUSR1] == 0, "a blocked signal waits");
    CHECK(sigpending(&pending) == 0 && sigismember(&pending, SIGUSR1), "sigpending shows it");
    sigset_t now;
    CHECK(sigprocmask(SIG_SETMASK, NULL, &now) == 0 && sigismember(&now, SIGUSR1),
          "sigprocmask with no set reports the mask");
    sigprocmask(SIG_UNBLOCK, &block, NULL);
    CHECK(caught[SIGUSR1] == 1, "unblocking delivers it");
    CHECK(sigpending(&pending) == 0 && !sigismember(&pending, SIGUSR1), "and it is no longer pending");
}

/* The handler's own signal is blocked while it runs, and the mask comes back afterwards. */
static volatile sig_atomic_t mask_inside;

static void look_at_mask(int sig)
{
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    mask_inside = sigismember(&now, sig) && sigismember(&now, SIGUSR2);
}

static void check_handler_mask(void)
{
    struct sigaction act = { .sa_handler = look_at_mask };
    sigemptyset(&act.sa_mask);
    sigaddset(&act.sa_mask, SIGUSR2);
    sigaction(SIGUSR1, &act, NULL);
    raise(SIGUSR1);
    sigset_t after;
    sigprocmask(SIG_BLOCK, NULL, &after);
    CHECK(mask_inside && !sigismember(&after, SIGUSR1) && !sigismember(&after, SIGUSR2),
          "in a handler its signal and sa_mask are blocked; afterwards the mask is back");
    signal(SIGUSR1, SIG_DFL);
}

static void check_ignore(void)
{
    CHECK(signal(SIGUSR2, SIG_IGN) == SIG_DFL, "SIG_IGN for SIGUSR2");
    CHECK(raise(SIGUSR2) == 0, "an ignored signal does nothing");
    signal(SIGUSR2, SIG_DFL);
}

static void check_sigsuspend(void)
{
    signal(SIGUSR2, count);
    reset();
    sigset_t block, old, wait_mask;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR2);
    sigprocmask(SIG_BLOCK, &block, &old);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        kill(getppid(), SIGUSR2);
        _exit(0);
    }
    wait_mask = old;
    sigdelset(&wait_mask, SIGUSR2);
    int r = sigsuspend(&wait_mask);
    CHECK(r == -1 && errno == EINTR && caught[SIGUSR2] == 1,
          "sigsuspend returns EINTR after the child's SIGUSR2 ran its handler");
    sigset_t now;
    sigprocmask(SIG_SETMASK, NULL, &now);
    CHECK(sigismember(&now, SIGUSR2), "sigsuspend gives the old mask back");
    sigprocmask(SIG_SETMASK, &old, NULL);
    waitpid(child, NULL, 0);
    signal(SIGUSR2, SIG_DFL);
}

static long now_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return tv.tv_sec * 1000L + tv.tv_usec / 1000;
}

static void check_alarm(void)
{
    signal(SIGALRM, count);
    reset();
    CHECK(alarm(10) == 0, "alarm(10) with none before returns 0");
    unsigned left = alarm(0);
    CHECK(left >= 9 && left <= 10, "alarm(0) cancels and returns the seconds left (%u)", left);
    long start = now_ms();
    alarm(1);
    int r = pause();
    long took = now_ms() - start;
    CHECK(r == -1 && errno == EINTR && caught[SIGALRM] == 1, "alarm(1) ends pause() with EINTR");
    CHECK(took >= 900 && took < 3000, "after about a second (%ld ms)", took);
    signal(SIGALRM, SIG_DFL);

    start = now_ms();
    unsigned rest = sleep(1);
    took = now_ms() - start;
    CHECK(rest == 0 && took >= 900 && took < 3000, "sleep(1) sleeps about a second (%ld ms)", took);
    struct sigaction a;
    sigaction(SIGALRM, NULL, &a);
    CHECK(a.sa_handler == SIG_DFL && alarm(0) == 0, "sleep leaves no handler and no alarm behind");
}

/* SIGCHLD stays blocked outside sigsuspend, so it cannot arrive between test and wait. */
static void check_sigchld(void)
{
    signal(SIGCHLD, count);
    reset();
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, &old);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    while (!caught[SIGCHLD])
        sigsuspend(&old);
    sigprocmask(SIG_SETMASK, &old, NULL);
    CHECK(caught[SIGCHLD] == 1, "SIGCHLD arrives when a child ends");
    waitpid(child, NULL, 0);
    signal(SIGCHLD, SIG_DFL);
}

static void segv_handler(int sig)
{
    _exit(sig == SIGSEGV ? 42 : 1);
}

/* In a child: the status of a process that does what() and is ended by a signal or exits. */
static int status_of(void (*what)(void))
{
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        what();
        _exit(0);
    }
    int status = -1;
    waitpid(child, &status, 0);
    return status;
}

static void do_abort(void) { abort(); }
static void do_kill_self(void) { kill(getpid(), SIGTERM); }
static void do_segv(void) { *(volatile int *)0 = 1; }
static void do_segv_caught(void) { signal(SIGSEGV, segv_handler); *(volatile int *)0 = 1; }

static void check_deadly(void)
{
    int s = status_of(do_abort);
    CHECK(WIFSIGNALED(s) && WTERMSIG(s) == SIGABRT, "abort() ends with SIGABRT (status %#x)", s);
    s = status_of(do_kill_self);
    CHECK(WIFSIGNALED(s) && WTERMSIG(s) == SIGTERM, "kill(self, SIGTERM) ends with SIGTERM (status %#x)", s);
    s = status_of(do_segv);
    CHECK(WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV, "a NULL write ends with SIGSEGV (status %#x)", s);
    s = status_of(do_segv_caught);
    CHECK(WIFEXITED(s) && WEXITSTATUS(s) == 42, "a SIGSEGV handler runs (status %#x)", s);
}

int main(void)
{
    check_program = "posix_signal";
    check_handler();
    check_context_kept();
    check_nesting();
    check_mask();
    check_handler_mask();
    check_ignore();
    check_sigsuspend();
    check_alarm();
    check_sigchld();
    check_deadly();
    return check_done();
}
