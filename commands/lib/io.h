/* Reading and writing file descriptors for the utilities: reads that a signal does not cut
 * short, writes that go on until all is written, and file operands opened as input. */
#ifndef COMMANDS_IO_H
#define COMMANDS_IO_H

#include <stddef.h>
#include <sys/types.h>

/* read(2), repeated when a signal interrupts it. */
ssize_t read_some(int fd, void *buf, size_t n);
/* All n bytes or -1 (errno says why); 0 when done. */
int write_all(int fd, const void *buf, size_t n);

/* What copy_fd returns when it fails; errno says why. */
enum { COPY_READ_FAILED = 1, COPY_WRITE_FAILED = 2 };
/* Copies in to out up to the end of in: 0, or which side failed. */
int copy_fd(int in, int out);

/* A file operand opened for reading, "-" being standard input; -1 after saying
 * "prog: name: why" on standard error. */
int open_input(const char *prog, const char *name);

#endif
