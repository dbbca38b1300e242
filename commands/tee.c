/* tee: copies standard input to standard output and to files (-a: appending); a file that
 * cannot be written is reported and left out. Usage: tee [-a] [file...] */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lib/io.h"

static char buf[8192];

int main(int argc, char **argv)
{
    int flags = O_WRONLY | O_CREAT | O_TRUNC, i = 1, status = 0;
    if (i < argc && strcmp(argv[i], "-a") == 0) {
        flags = O_WRONLY | O_CREAT | O_APPEND;
        i++;
    }
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    int n = argc - i;
    int *fds = malloc(sizeof *fds * (size_t)(n + 1));
    if (!fds) {
        fputs("tee: out of memory\n", stderr);
        return 1;
    }
    fds[0] = 1;
    for (int k = 0; k < n; k++) {
        fds[k + 1] = open(argv[i + k], flags, 0666);
        if (fds[k + 1] < 0) {
            fprintf(stderr, "tee: %s: %s\n", argv[i + k], strerror(errno));
            status = 1;
        }
    }
    for (;;) {
        ssize_t r = read_some(0, buf, sizeof buf);
        if (r < 0) {
            fprintf(stderr, "tee: %s\n", strerror(errno));
            status = 1;
        }
        if (r <= 0)
            break;
        for (int k = 0; k <= n; k++) {
            if (fds[k] >= 0 && write_all(fds[k], buf, (size_t)r) < 0) {
                fprintf(stderr, "tee: %s: %s\n", k ? argv[i + k - 1] : "stdout",
                        strerror(errno));
                if (k)
                    close(fds[k]);
                fds[k] = -1;
                status = 1;
            }
        }
    }
    for (int k = 1; k <= n; k++)
        if (fds[k] >= 0 && close(fds[k]) < 0) {
            fprintf(stderr, "tee: %s: %s\n", argv[i + k - 1], strerror(errno));
            status = 1;
        }
    free(fds);
    return status;
}
