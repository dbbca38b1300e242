/* What the parts of lib/posix share: a request to a server as a system call, errors as errno,
 * and faulting pages in before the kernel or a server uses them. */
#ifndef LIB_POSIX_POSIX_H
#define LIB_POSIX_POSIX_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>
#include <libsys.h>

#define EXEC_ARGS_MAX 8192   /* PM's limit on an exec's path, arguments and environment */

/* SENDREC to server with m_type = type; the reply's m_type if >= 0, else -1 with errno set. */
int posix_call(endpoint_t server, int type, message *m);
/* errno for a negative kernel or server error; always returns -1. */
int posix_fail(int err);
/* Reads and writes back one byte per page of a buffer of ours the kernel will write or read:
 * a copy-on-write or not yet mapped page is then resolved by an ordinary fault first. */
void posix_touch(void *addr, size_t len);
/* Clock ticks per second of the kernel's uptime and CPU times: its HZ (kernel/config.h), the
 * same on every board. The kernel would tell with GETINFO, but ordinary programs may not make
 * that call, and PM's replies do not carry it. */
#define KERNEL_HZ 100
/* Kernel ticks in CLOCKS_PER_SEC units, which newlib's clock() and CLK_TCK assume. */
clock_t posix_ticks_to_clock(uint64_t ticks);

/* The hooks newlib's libc.a calls (its connectors turn write() into _write(), ...). */
void _exit(int status) __attribute__((noreturn));
pid_t _fork(void);
pid_t _wait(int *status);
pid_t _getpid(void);
int _kill(int pid, int sig);
int _execve(const char *path, char *const argv[], char *const envp[]);
void *_sbrk(ptrdiff_t incr);
clock_t _times(struct tms *buf);
int _gettimeofday(struct timeval *tv, void *tz);
_READ_WRITE_RETURN_TYPE _write(int fd, const void *buf, size_t len);
_READ_WRITE_RETURN_TYPE _read(int fd, void *buf, size_t len);
int _open(const char *path, int flags, int mode);
int _close(int fd);
_off_t _lseek(int fd, _off_t offset, int whence);
int _link(const char *from, const char *to);
int _unlink(const char *path);
int _stat(const char *path, struct stat *st);
int _fstat(int fd, struct stat *st);
int _isatty(int fd);

#endif
