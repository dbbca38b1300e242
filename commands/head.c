/* head: the first lines (or bytes) of files. Usage: head [-n lines | -c bytes | -lines] [file...]
 * Ten lines by default; with several files each gets a "==> name <==" heading. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lib/io.h"

static char buf[8192];

/* Copies until the limit of lines (or bytes) is reached. */
static int head(int fd, const char *name, long limit, int bytes)
{
    while (limit > 0) {
        ssize_t n = read_some(fd, buf, sizeof buf);
        if (n < 0) {
            fprintf(stderr, "head: %s: %s\n", name, strerror(errno));
            return 1;
        }
        if (n == 0)
            break;
        ssize_t take = 0;
        while (take < n && limit > 0) {
            if (bytes || buf[take] == '\n')
                limit--;
            take++;
        }
        if (fwrite(buf, 1, (size_t)take, stdout) != (size_t)take)
            return 1;
    }
    return 0;
}

static long number(const char *s)
{
    char *end;
    long n = strtol(s, &end, 10);
    if (!*s || *end || n < 0) {
        fprintf(stderr, "head: %s: invalid count\n", s);
        exit(2);
    }
    return n;
}

int main(int argc, char **argv)
{
    long limit = 10;
    int bytes = 0, i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if ((a[1] == 'n' || a[1] == 'c')) {
            const char *v = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : "");
            limit = number(v);
            bytes = a[1] == 'c';
        } else if (a[1] >= '0' && a[1] <= '9') {
            limit = number(a + 1);
            bytes = 0;
        } else {
            fputs("usage: head [-n lines | -c bytes | -lines] [file...]\n", stderr);
            return 2;
        }
    }
    if (i == argc)
        return head(0, "stdin", limit, bytes) | (fflush(stdout) != 0);
    int status = 0, many = argc - i > 1;
    for (int first = i; i < argc; i++) {
        int fd = open_input("head", argv[i]);
        if (fd < 0) {
            status = 1;
            continue;
        }
        if (many)
            printf("%s==> %s <==\n", i > first ? "\n" : "", argv[i]);
        status |= head(fd, argv[i], limit, bytes);
        if (fd != 0)
            close(fd);
    }
    return status | (fflush(stdout) != 0);
}
