/* What the parts of lib/posix share: a request to a server as a system call, errors as errno,
 * faulting pages in before the kernel or a server uses them, and requests to VFS. */
#ifndef LIB_POSIX_POSIX_H
#define LIB_POSIX_POSIX_H

#include <errno.h>
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
 * a copy-on-write or not yet mapped page is then resolved by an ordinary fault first. A range
 * outside user space is left alone: the copy into it fails with EFAULT instead. */
void posix_touch(void *addr, size_t len);
/* Clock ticks per second of the kernel's uptime and CPU times: its HZ (kernel/config.h), the
 * same on every board. The kernel would tell with GETINFO, but ordinary programs may not make
 * that call, and PM's replies do not carry it. */
#define KERNEL_HZ 100
/* Kernel ticks in CLOCKS_PER_SEC units, which newlib's clock() and CLK_TCK assume. */
clock_t posix_ticks_to_clock(uint64_t ticks);

/* Requests to VFS (vfs.c). A span is a buffer VFS copies from (GRANT_READ) or into
 * (GRANT_WRITE); vfs_request puts the first in the payload's grant and len, the second in
 * grant2 and len2, makes the grants for the call only, and touches buffers VFS writes. */
struct vfs_span {
    void *addr;
    size_t len;
    uint32_t access;       /* 0: no buffer */
};
#define VFS_NO_SPAN ((struct vfs_span){ 0, 0, 0 })
#define VFS_IN(a, n)  ((struct vfs_span){ (void *)(uintptr_t)(a), (n), GRANT_READ })
#define VFS_OUT(a, n) ((struct vfs_span){ (a), (n), GRANT_WRITE })

/* The reply's m_type if >= 0, else -1 with errno set. Once VFS turns out not to be in the
 * system (or not reachable by us), later calls fail at once with ENOSYS. */
int vfs_call(int type, message *m);
int vfs_request(int type, message *m, struct vfs_span a, struct vfs_span b);
/* 1 once a call found no VFS: the newlib hooks then fall back to the console (io.c). */
int vfs_absent(void);
/* A path as a span without its NUL, or -EFAULT, -ENOENT (empty) or -ENAMETOOLONG. */
int vfs_path_span(const char *path, struct vfs_span *out);
/* Calls that take one path, or two (the second in grant2, len2). */
int vfs_path(int type, const char *path, message *m);
int vfs_path2(int type, const char *path, const char *path2, message *m);

/* A struct vfs_stat as newlib's struct stat: 0, or -EOVERFLOW if the size does not fit. */
int posix_stat_from_vfs(struct stat *st, const struct vfs_stat *v);
/* stat and lstat (type VFS_STAT or VFS_LSTAT), and fstat, for the hooks and the calls. */
int posix_stat(int type, const char *path, struct stat *st);
int posix_fstat(int fd, struct stat *st);

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
