/* kill: sends a signal (TERM by default; a name or number) to processes, or to group n as -n
 * after "--". Usage: kill [-s SIG | -SIG | -n] pid... | kill -l [exit status] */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lib/signames.h"

static int usage(void)
{
    fputs("usage: kill [-s SIG | -SIG | -n] pid... | kill -l [status]\n", stderr);
    return 2;
}

static int list(const char *status)
{
    if (status) {
        int n = atoi(status);
        const char *name = sig_name(n > 128 ? n - 128 : n);
        if (!name) {
            fprintf(stderr, "kill: %s: unknown signal\n", status);
            return 1;
        }
        puts(name);
        return 0;
    }
    for (int i = 0; sig_at(i) >= 0; i++)
        printf("%2d %s\n", sig_at(i), sig_name(sig_at(i)));
    return 0;
}

int main(int argc, char **argv)
{
    int sig = SIGTERM, i = 1;
    if (i < argc && strcmp(argv[i], "-l") == 0)
        return list(i + 1 < argc ? argv[i + 1] : NULL);
    if (i < argc && strcmp(argv[i], "-s") == 0) {
        if (i + 1 >= argc)
            return usage();
        sig = sig_number(argv[i + 1]);
        if (sig < 0) {
            fprintf(stderr, "kill: %s: unknown signal\n", argv[i + 1]);
            return 1;
        }
        i += 2;
    } else if (i < argc && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") != 0) {
        sig = sig_number(argv[i] + 1);
        if (sig < 0) {
            fprintf(stderr, "kill: %s: unknown signal\n", argv[i] + 1);
            return 1;
        }
        i++;
    }
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i == argc)
        return usage();
    int status = 0;
    for (; i < argc; i++) {
        char *end;
        long pid = strtol(argv[i], &end, 10);
        if (!argv[i][0] || *end) {
            fprintf(stderr, "kill: %s: not a process id\n", argv[i]);
            status = 1;
            continue;
        }
        if (kill((pid_t)pid, sig) < 0) {
            fprintf(stderr, "kill: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        }
    }
    return status;
}
