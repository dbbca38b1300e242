/* reboot: PM checks that the caller is the superuser and has the kernel stop the machine.
 * File systems are not synced here: a program that reboots calls sync() first. */
#include <sys/reboot.h>
#include "posix.h"

int reboot(int how)
{
    message m = { 0 };
    if (how == RB_AUTOBOOT)
        m.m.pm.pid = ABORT_REBOOT;
    else if (how == RB_POWEROFF)
        m.m.pm.pid = ABORT_POWEROFF;
    else
        return posix_fail(-EINVAL);
    return posix_call(PM_PROC, PM_REBOOT, &m) < 0 ? -1 : 0;
}
