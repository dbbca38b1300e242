/* The mount table: the root file system, mounted on first use from the file server named in
 * VFS's arguments, and further ext2 file systems on block devices mounted on directories. */
#include "vfs.h"

struct mount mounts[NR_MOUNTS];
char root_fs_label[16] = "ext2";   /* "root=LABEL" in the arguments */

static int mount_slot(void)
{
    for (int i = 0; i < NR_MOUNTS; i++)
        if (!mounts[i].used)
            return i;
    return -ENFILE;
}

/* FS_MOUNT of driver_label:minor ("" for the server's own device) at the file server fs;
 * the server's number for the mount, or an error. */
static int fs_mount_request(endpoint_t fs, const char *driver_label, uint32_t minor, int rdonly,
                            uint32_t *fs_mnt, uint32_t *root_ino)
{
    message m = { 0 };
    m.m_type = FS_MOUNT;
    size_t len = strlen(driver_label);
    m.m.fs.grant = grant_make(fs, (void *)driver_label, len ? len : 1, GRANT_READ);
    m.m.fs.len = (uint32_t)len;
    m.m.fs.ino = minor;
    m.m.fs.flags = rdonly ? MNT_RDONLY : 0;
    int r = ipc_sendrec(fs, &m);
    grant_revoke(m.m.fs.grant);
    if (r == OK)
        r = m.m_type;
    *fs_mnt = m.m.fs.mnt;
    *root_ino = m.m.fs.ino;
    return r;
}

/* Asks the file server `label` to mount the device driver_label:minor ("" for its own). */
static int fs_mount(int slot, const char *label, const char *driver_label, uint32_t minor,
                    uint32_t dev, int rdonly)
{
    endpoint_t fs;
    int r = ds_lookup(label, &fs);
    if (r != OK)
        return r == -ENOENT ? -ENXIO : r;
    uint32_t fs_mnt, root_ino;
    if ((r = fs_mount_request(fs, driver_label, minor, rdonly, &fs_mnt, &root_ino)) < 0)
        return r;
    struct mount *mt = &mounts[slot];
    *mt = (struct mount){ 1, "", fs, fs_mnt, "", minor, dev, NULL, NULL, rdonly };
    strncpy(mt->label, label, sizeof mt->label - 1);
    strncpy(mt->driver_label, driver_label, sizeof mt->driver_label - 1);
    mt->root = vnode_get(slot, root_ino, OS_S_IFDIR | 0755, 0);
    if (!mt->root) {
        mt->used = 0;
        return -ENFILE;
    }
    struct vfs_stat st;
    fs_stat(mt->root, &st);
    return OK;
}

/* A file server died under requests: once RS has restarted it, its new instance takes over
 * the grants made for the old one and mounts again what the old one had mounted, so the
 * files and directories VFS holds (by inode number) stay valid. What the old instance had
 * not written back is lost with it. */
int fs_restarted(endpoint_t dead)
{
    const char *label = NULL;
    for (int i = 0; i < NR_MOUNTS && !label; i++)
        if (mounts[i].used && mounts[i].fs == dead)
            label = mounts[i].label;
    endpoint_t ep = label ? wait_for_restart(label, dead) : NONE;
    if (ep == NONE)
        return -EIO;
    grant_regrant(dead, ep);
    for (int i = 0; i < NR_MOUNTS; i++) {
        struct mount *mt = &mounts[i];
        if (!mt->used || mt->fs != dead)
            continue;
        uint32_t fs_mnt, root_ino;
        int r = fs_mount_request(ep, mt->driver_label, mt->minor, mt->rdonly, &fs_mnt, &root_ino);
        mt->fs = ep;
        mt->fs_mnt = r < 0 ? 0 : fs_mnt;   /* 0 names no mount: its requests fail */
        log_printf("vfs: %s is back as endpoint %d; mount %d again: %s\n", mt->label, (int)ep,
                   i, err_name(r < 0 ? r : OK));
    }
    return OK;
}

int mount_root(void)
{
    int r = fs_mount(0, root_fs_label, "", 0, 0, 0);
    if (r == OK)
        log_printf("vfs: / is mounted from %s\n", root_fs_label);
    return r;
}

int mount_of_dev(uint32_t dev)
{
    for (int i = 1; i < NR_MOUNTS; i++)
        if (mounts[i].used && mounts[i].dev == dev)
            return i;
    return -1;
}

int do_mount(message *m)
{
    static char dev_path[OS_PATH_MAX], dir_path[OS_PATH_MAX];
    int r = copy_path(m->m_source, m->m.vfs.grant, m->m.vfs.len, dev_path);
    if (r == OK)
        r = copy_path(m->m_source, m->m.vfs.grant2, m->m.vfs.len2, dir_path);
    if (r != OK)
        return r;
    struct vnode *devvn, *dir;
    if ((r = path_lookup(fp, dev_path, 1, &devvn)) != OK)
        return r;
    uint32_t rdev = devvn->rdev;
    int is_blk = (devvn->mode & OS_S_IFMT) == OS_S_IFBLK;
    vnode_put(devvn);
    if (!is_blk)
        return -ENOTBLK;
    const char *driver = dev_label(rdev);
    if (!driver)
        return -ENXIO;
    if (mount_of_dev(rdev) >= 0)
        return -EBUSY;
    if ((r = path_lookup(fp, dir_path, 1, &dir)) != OK)
        return r;
    int slot = mount_slot();
    if ((dir->mode & OS_S_IFMT) != OS_S_IFDIR)
        r = -ENOTDIR;
    else if (dir->covered_by >= 0 || mounts[dir->mnt].root == dir)
        r = -EBUSY;
    else if (slot < 0)
        r = slot;
    else
        r = fs_mount(slot, root_fs_label, driver, DEV_MINOR(rdev), rdev, m->m.vfs.flags & MNT_RDONLY);
    if (r != OK) {
        vnode_put(dir);
        return r;
    }
    mounts[slot].covered = dir;     /* keeps the hold */
    dir->covered_by = slot;
    return OK;
}

int do_umount(message *m)
{
    static char path[OS_PATH_MAX];
    int r = copy_path(m->m_source, m->m.vfs.grant, m->m.vfs.len, path);
    struct vnode *vn;
    if (r != OK || (r = path_lookup(fp, path, 1, &vn)) != OK)
        return r;
    int slot = vn->mnt;
    int is_root = mounts[slot].root == vn;
    vnode_put(vn);
    if (!is_root || slot == 0)
        return slot == 0 && is_root ? -EBUSY : -EINVAL;
    if (vnode_in_use(slot, mounts[slot].root))
        return -EBUSY;
    message fm = { 0 };
    r = fs_request(slot, FS_UNMOUNT, &fm);
    if (r != OK)
        return r;
    struct mount *mt = &mounts[slot];
    vnode_put(mt->root);
    mt->covered->covered_by = -1;
    vnode_put(mt->covered);
    mt->used = 0;
    return OK;
}

int do_sync(message *m)
{
    (void)m;
    int r = OK;
    for (int i = 0; i < NR_MOUNTS; i++)
        if (mounts[i].used) {
            message fm = { 0 };
            int s = fs_request(i, FS_SYNC, &fm);
            if (s != OK)
                r = s;
        }
    return r;
}
