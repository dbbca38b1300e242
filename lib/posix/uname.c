/* uname: the system's name, and the board and processor it was built for (lib/CMakeLists.txt
 * passes them in). There is no host name yet, so the node is called after the system. */
#include <string.h>
#include <sys/utsname.h>
#include "posix.h"

int uname(struct utsname *u)
{
    if (!u)
        return posix_fail(-EFAULT);
    memset(u, 0, sizeof *u);
    strncpy(u->sysname, "phoenix", sizeof u->sysname - 1);
    strncpy(u->nodename, "phoenix", sizeof u->nodename - 1);
    strncpy(u->release, POSIX_RELEASE, sizeof u->release - 1);
    strncpy(u->version, POSIX_BOARD, sizeof u->version - 1);
    strncpy(u->machine, POSIX_MACHINE, sizeof u->machine - 1);
    return 0;
}
