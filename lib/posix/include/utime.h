/* newlib's <utime.h> gives struct utimbuf only; lib/posix declares the call. */
#ifndef LIB_POSIX_UTIME_H
#define LIB_POSIX_UTIME_H
#include_next <utime.h>
int utime(const char *path, const struct utimbuf *times);
#endif
