/* mount and umount: VFS asks the file server for the device and grafts it on the mount point. */
#include <sys/mount.h>
#include "posix.h"

int mount(const char *source, const char *target, int flags)
{
    message m = { 0 };
    if (flags & ~MNT_RDONLY)
        return posix_fail(-EINVAL);
    m.m.vfs.flags = (uint32_t)flags;
    return vfs_path2(VFS_MOUNT, source, target, &m) < 0 ? -1 : 0;
}

int umount(const char *target)
{
    message m = { 0 };
    return vfs_path(VFS_UMOUNT, target, &m) < 0 ? -1 : 0;
}
