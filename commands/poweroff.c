/* poweroff and reboot (one program, two names): write the file systems back, then ask PM to
 * turn the machine off or restart it. QEMU exits on poweroff. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    (void)argc;
    const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
    int how = strcmp(name, "reboot") == 0 ? RB_AUTOBOOT : RB_POWEROFF;
    sync();
    reboot(how);
    fprintf(stderr, "%s: %s\n", name, strerror(errno));
    return 1;
}
