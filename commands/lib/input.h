/* The file operands of hexdump and od read as one stream, so that a line of the dump may take
 * its bytes from two files. */
#ifndef COMMANDS_INPUT_H
#define COMMANDS_INPUT_H

#include <stddef.h>

struct input {
    const char *prog;           /* the name error messages start with */
    char **files;
    int nfiles, next;           /* no files: standard input */
    int fd;                     /* the file being read, -1 between files */
    int status;                 /* 1 once a file could not be opened or read */
};

void input_init(struct input *in, const char *prog, char **files, int nfiles);
/* Up to n bytes, fewer only at the end of the last file; a file that fails is reported and
 * skipped. */
size_t input_read(struct input *in, unsigned char *buf, size_t n);

#endif
