/* Mounting file systems: VFS hands the device to a file server and grafts its root on target. */
#ifndef _SYS_MOUNT_H_
#define _SYS_MOUNT_H_

#define MNT_RDONLY 0x1

int mount(const char *source, const char *target, int flags);
int umount(const char *target);

#endif
