/* sysconf: the limits and rates of this system that programs may ask for. */
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include "posix.h"


long sysconf(int name)
{
    switch (name) {
    case _SC_CLK_TCK:
        return CLOCKS_PER_SEC;   /* the unit of times(), see time.c */
    case _SC_PAGESIZE:
        return PAGE_SIZE;
    case _SC_ARG_MAX:
        return EXEC_ARGS_MAX;
    case _SC_OPEN_MAX:
        return 64;   /* VFS's descriptors per process (servers/vfs/vfs.h) */
    default:
        errno = EINVAL;
        return -1;
    }
}

int getpagesize(void)
{
    return PAGE_SIZE;
}
