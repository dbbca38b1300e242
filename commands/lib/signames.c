/* Signal names and descriptions, built from <signal.h>'s macros so each system's own numbers
 * are used. The table holds POSIX's signals, which newlib and the build machine both have. */
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
    { SIGHUP, "HUP", "Hangup" },
    { SIGINT, "INT", "Interrupt" },
    { SIGQUIT, "QUIT", "Quit" },
    { SIGILL, "ILL", "Illegal instruction" },
    { SIGTRAP, "TRAP", "Trace/breakpoint trap" },
    { SIGABRT, "ABRT", "Aborted" },
    { SIGBUS, "BUS", "Bus error" },
    { SIGFPE, "FPE", "Floating point exception" },
    { SIGKILL, "KILL", "Killed" },
    { SIGUSR1, "USR1", "User defined signal 1" },
    { SIGSEGV, "SEGV", "Segmentation fault" },
    { SIGUSR2, "USR2", "User defined signal 2" },
    { SIGPIPE, "PIPE", "Broken pipe" },
    { SIGALRM, "ALRM", "Alarm clock" },
    { SIGTERM, "TERM", "Terminated" },
    { SIGCHLD, "CHLD", "Child exited" },
    { SIGCONT, "CONT", "Continued" },
    { SIGSTOP, "STOP", "Stopped (signal)" },
    { SIGTSTP, "TSTP", "Stopped" },
    { SIGTTIN, "TTIN", "Stopped (tty input)" },
    { SIGTTOU, "TTOU", "Stopped (tty output)" },
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

static const struct signame *find(int sig)
{
    for (int i = 0; i < TABLE_SIZE; i++)
        if (table[i].num == sig)
            return &table[i];
    return NULL;
}

const char *sig_name(int sig)
{
    const struct signame *s = find(sig);
    return s ? s->name : NULL;
}

const char *sig_text(int sig)
{
    static char other[32];
    const struct signame *s = find(sig);
    if (s)
        return s->text;
    snprintf(other, sizeof other, "Signal %d", sig);
    return other;
}

int sig_at(int i)
{
    return i >= 0 && i < TABLE_SIZE ? table[i].num : -1;
}
