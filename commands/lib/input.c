/* The file operands of hexdump and od as one stream: each file is opened when the one before
 * it ends, and one that fails is reported and passed over. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "input.h"
#include "io.h"

void input_init(struct input *in, const char *prog, char **files, int nfiles)
{
    in->prog = prog;
    in->files = files;
    in->nfiles = nfiles;
    in->next = 0;
    in->fd = -1;
    in->status = 0;
}

/* Opens the next file: 0, or -1 once there are none left. */
static int next_file(struct input *in)
{
    for (;;) {
        if (in->nfiles == 0 && in->next == 0) {
            in->next = 1;
            in->fd = 0;
            return 0;
        }
        if (in->next >= in->nfiles)
            return -1;
        in->fd = open_input(in->prog, in->files[in->next++]);
        if (in->fd >= 0)
            return 0;
        in->status = 1;
    }
}

size_t input_read(struct input *in, unsigned char *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        if (in->fd < 0 && next_file(in) < 0)
            break;
        ssize_t r = read_some(in->fd, buf + got, n - got);
        if (r > 0) {
            got += (size_t)r;
            continue;
        }
        if (r < 0) {
            fprintf(stderr, "%s: %s\n", in->prog, strerror(errno));
            in->status = 1;
        }
        if (in->fd > 0)
            close(in->fd);
        in->fd = -1;
    }
    return got;
}
