/* mount: mounts the ext2 file system on a block device on a directory.
 * Usage: mount [-r] DEVICE DIRECTORY   -r: read-only. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>

int main(int argc, char **argv)
{
    int flags = 0, i = 1;
    if (i < argc && strcmp(argv[i], "-r") == 0)
        flags |= MNT_RDONLY, i++;
    if (argc - i != 2) {
        fputs("usage: mount [-r] device directory\n", stderr);
        return 2;
    }
    if (mount(argv[i], argv[i + 1], flags) != 0) {
        fprintf(stderr, "mount: %s on %s: %s\n", argv[i], argv[i + 1], strerror(errno));
        return 1;
    }
    return 0;
}
