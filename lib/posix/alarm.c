/* Waiting on signals and time: alarm (PM's per-process timer), pause, and sleep, which PM has
 * no call for: it is built on alarm and sigsuspend. */
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include "posix.h"

unsigned alarm(unsigned seconds)
{
    message m = { 0 };
    m.m.pm.arg = (int32_t)seconds;
    int left = posix_call(PM_PROC, PM_ALARM, &m);
    return left < 0 ? 0 : (unsigned)left;
}

/* The mask does not change, so a signal already pending cannot slip past. */
int pause(void)
{
    sigset_t mask;
    if (sigprocmask(SIG_BLOCK, NULL, &mask) < 0)
        return -1;
    return sigsuspend(&mask);
}

static volatile sig_atomic_t alarm_rang;

static void ring(int sig)
{
    (void)sig;
    alarm_rang = 1;
}

/* Sleeps on SIGALRM with the alarm, then gives back the caller's action, mask and alarm (what
 * was left of it, less the time slept, but at least a second so it still rings). A handled
 * signal ends the sleep early and the seconds left are returned, as POSIX allows. */
unsigned sleep(unsigned seconds)
{
    if (seconds == 0)
        return 0;
    struct sigaction act = { .sa_handler = ring }, old_act;
    sigset_t block, old_mask;
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    if (sigprocmask(SIG_BLOCK, &block, &old_mask) < 0)
        return seconds;
    if (sigaction(SIGALRM, &act, &old_act) < 0) {
        sigprocmask(SIG_SETMASK, &old_mask, NULL);
        return seconds;
    }
    alarm_rang = 0;
    unsigned before = alarm(seconds);
    sigset_t wait_mask = old_mask;
    sigdelset(&wait_mask, SIGALRM);
    sigsuspend(&wait_mask);
    unsigned left = alarm_rang ? 0 : alarm(0);
    sigaction(SIGALRM, &old_act, NULL);
    sigprocmask(SIG_SETMASK, &old_mask, NULL);
    if (before) {
        unsigned slept = seconds - left;
        alarm(before > slept ? before - slept : 1);
    }
    return left;
}
