/* Signal names and descriptions, built from <signal.h>'s macros so each system's own numbers
 * are used; signals a system lacks are left out. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "signames.h"

struct signame {
    int num;
    const char *name, *text;
};

static const struct signame table[] = {
#ifdef SIGHUP
    { SIGHUP, "HUP", "Hangup" },
#endif
    { SIGINT, "INT", "Interrupt" },
#ifdef SIGQUIT
    { SIGQUIT, "QUIT", "Quit" },
#endif
    { SIGILL, "ILL", "Illegal instruction" },
#ifdef SIGTRAP
    { SIGTRAP, "TRAP", "Trace/breakpoint trap" },
#endif
    { SIGABRT, "ABRT", "Aborted" },
#ifdef SIGBUS
    { SIGBUS, "BUS", "Bus error" },
#endif
    { SIGFPE, "FPE", "Floating point exception" },
#ifdef SIGKILL
    { SIGKILL, "KILL", "Killed" },
#endif
#ifdef SIGUSR1
    { SIGUSR1, "USR1", "User defined signal 1" },
#endif
    { SIGSEGV, "SEGV", "Segmentation fault" },
#ifdef SIGUSR2
    { SIGUSR2, "USR2", "User defined signal 2" },
#endif
#ifdef SIGPIPE
    { SIGPIPE, "PIPE", "Broken pipe" },
#endif
#ifdef SIGALRM
    { SIGALRM, "ALRM", "Alarm clock" },
#endif
    { SIGTERM, "TERM", "Terminated" },
#ifdef SIGCHLD
    { SIGCHLD, "CHLD", "Child exited" },
#endif
#ifdef SIGCONT
    { SIGCONT, "CONT", "Continued" },
#endif
#ifdef SIGSTOP
    { SIGSTOP, "STOP", "Stopped (signal)" },
#endif
#ifdef SIGTSTP
    { SIGTSTP, "TSTP", "Stopped" },
#endif
#ifdef SIGTTIN
    { SIGTTIN, "TTIN", "Stopped (tty input)" },
#endif
#ifdef SIGTTOU
    { SIGTTOU, "TTOU", "Stopped (tty output)" },
#endif
};

#define TABLE_SIZE ((int)(sizeof table / sizeof table[0]))

int sig_number(const char *name)
{
    if (name[0] >= '0' && name[0] <= '9') {
        char *end;
        long n = strtol(name, &end, 10);
        return *end || n < 0 || n > 64 ? -1 : (int)n;
    }
    if (strncasecmp(name, "SIG", 3) == 0)
        name += 3;
    for (int i = 0; i < TABLE_SIZE; i++)
        if (strcasecmp(name, table[i].name) == 0)
            return table[i].num;
    return -1;
}

const char *sig_name(int sig)
{
    for (int i = 0; i < TABLE_SIZE; i++)
        if (table[i].num == sig)
            return table[i].name;
    return NULL;
}

const char *sig_text(int sig)
{
    static char other[32];
    for (int i = 0; i < TABLE_SIZE; i++)
        if (table[i].num == sig)
            return table[i].text;
    snprintf(other, sizeof other, "Signal %d", sig);
    return other;
}

int sig_at(int i)
{
    return i >= 0 && i < TABLE_SIZE ? table[i].num : -1;
}
