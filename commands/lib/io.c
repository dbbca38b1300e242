/* Reading and writing file descriptors for the utilities: the retries after a signal and after
 * a short write that every copying loop needs, written once. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "io.h"

ssize_t read_some(int fd, void *buf, size_t n)
{
    ssize_t r;
    do
        r = read(fd, buf, n);
    while (r < 0 && errno == EINTR);
    return r;
}

int write_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int copy_fd(int in, int out)
{
    static char buf[8192];   /* not on the stack: cp copies while it recurses */
    for (;;) {
        ssize_t n = read_some(in, buf, sizeof buf);
        if (n < 0)
            return COPY_READ_FAILED;
        if (n == 0)
            return 0;
        if (write_all(out, buf, (size_t)n) < 0)
            return COPY_WRITE_FAILED;
    }
}

int open_input(const char *prog, const char *name)
{
    int fd = strcmp(name, "-") == 0 ? 0 : open(name, O_RDONLY);
    if (fd < 0)
        fprintf(stderr, "%s: %s: %s\n", prog, name, strerror(errno));
    return fd;
}
