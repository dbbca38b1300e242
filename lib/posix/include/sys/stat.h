/* newlib's <sys/stat.h> plus what it declares only for some systems: lstat and mknod, which
 * lib/posix provides. */
#ifndef LIB_POSIX_SYS_STAT_H
#define LIB_POSIX_SYS_STAT_H
#include_next <sys/stat.h>
int lstat(const char *__restrict path, struct stat *__restrict buf);
int mknod(const char *path, mode_t mode, dev_t dev);
#endif
