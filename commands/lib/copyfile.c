/* Copying a file's data for cp and mv: the opens, the copy and the close, each of which can
 * fail and is reported with the path it concerns. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "copyfile.h"
#include "io.h"

static void report(const char *prog, const char *path)
{
    fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
}

int copy_file_data(const char *prog, const char *src, const char *dst, mode_t mode)
{
    int in = open(src, O_RDONLY);
    if (in < 0) {
        report(prog, src);
        return COPY_NOTHING;
    }
    int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (out < 0) {
        report(prog, dst);
        close(in);
        return COPY_NOTHING;
    }
    int r = copy_fd(in, out);
    if (r != 0)
        report(prog, r == COPY_READ_FAILED ? src : dst);
    close(in);
    if (close(out) < 0 && r == 0) {
        report(prog, dst);
        r = 1;
    }
    return r == 0 ? 0 : COPY_PART;
}
