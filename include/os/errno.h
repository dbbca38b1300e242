/* Error numbers returned by the kernel and the servers, negated on the wire.
 * The POSIX ones use newlib's values so the C library needs no translation. */
#ifndef OS_ERRNO_H
#define OS_ERRNO_H

#define OK 0

#ifndef EPERM
#define EPERM     1
#define ENOENT    2
#define ESRCH     3
#define EINTR     4
#define EIO       5
#define ENXIO     6
#define E2BIG     7
#define ENOEXEC   8
#define EBADF     9
#define ECHILD   10
#define EAGAIN   11
#define ENOMEM   12
#define EACCES   13
#define EFAULT   14
#define EBUSY    16
#define EEXIST   17
#define ENODEV   19
#define EINVAL   22
#define ENOTBLK  15
#define EXDEV    18
#define ENOTDIR  20
#define EISDIR   21
#define ENFILE   23
#define EMFILE   24
#define ENOTTY   25
#define ETXTBSY  26
#define EFBIG    27
#define ENOSPC   28
#define ESPIPE   29
#define EROFS    30
#define EMLINK   31
#define EPIPE    32
#define ERANGE   34
#define EDEADLK  45
#define ENOSYS   88
#define ENOTEMPTY    90
#define ENAMETOOLONG 91
#define ELOOP        92
#endif

/* Kernel IPC and privilege errors (outside newlib's range). */
#define EDEADSRCDST  200  /* source or destination is dead, or of an older generation */
#define ENOTREADY    201  /* SENDNB: the destination is not waiting */
#define ETRAPDENIED  202  /* this IPC primitive is not allowed to the caller */
#define EDSTDENIED   203  /* this destination is not allowed to the caller */
#define ECALLDENIED  204  /* this kernel call is not allowed to the caller */
#define EBADREQUEST  205  /* malformed request: unknown call or bad field */
#define ENOGRANT     206  /* the grant does not exist, expired, or is not for the caller */
#define EIOPERM      207  /* I/O port, memory range or IRQ not allowed */
#define EBADEPT      208  /* not a valid endpoint */
#define ESUSPEND     209  /* DEV_ASYNC: the request waits; DEV_STATUS gives its end */

#endif
