/* cat: copies each file, or standard input for "-" or no operand, to standard output.
 * Usage: cat [-u] [file...] */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "lib/io.h"

static int copy(int fd, const char *name)
{
    int r = copy_fd(fd, 1);
    if (r == COPY_READ_FAILED)
        fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
    else if (r == COPY_WRITE_FAILED)
        fprintf(stderr, "cat: write error: %s\n", strerror(errno));
    return r != 0;
}

int main(int argc, char **argv)
{
    int status = 0, i = 1;
    if (i < argc && strcmp(argv[i], "-u") == 0)
        i++;   /* output is never buffered here anyway */
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i == argc)
        return copy(0, "stdin");
    for (; i < argc; i++) {
        int fd = open_input("cat", argv[i]);
        if (fd < 0) {
            status = 1;
            continue;
        }
        status |= copy(fd, fd == 0 ? "stdin" : argv[i]);
        if (fd != 0)
            close(fd);
    }
    return status;
}
