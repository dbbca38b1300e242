/* The mount table: up to NR_MOUNTS file systems at once, each on its own block device. A
 * mount's number (mnt) is its slot plus one, so a zeroed request names none. */
#include "server.h"

#define NR_MOUNTS 4

static struct mount mounts[NR_MOUNTS];
static char own_label[DS_KEY_MAX];   /* the device from our arguments, if any */
static uint32_t own_minor;
static char own_volume[16];          /* or the minor whose ext2 volume has this name */
#define MAX_MINOR_PROBED 8

static uint32_t parse_u32(const char *s)
{
    uint32_t v = 0;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (uint32_t)(*s++ - '0');
    return v;
}

/* ext2 <driver label> <minor or volume name>: the device an FS_MOUNT with an empty label
 * means. A volume name ("root") picks the driver's first disk whose ext2 superblock carries
 * it, as disk order differs between boards and boot methods. */
void mounts_init(int argc, char **argv)
{
    if (argc > 1 && strnlen(argv[1], DS_KEY_MAX) < DS_KEY_MAX)
        strcpy(own_label, argv[1]);
    own_minor = argc > 2 ? parse_u32(argv[2]) : 0;
    if (argc > 2 && (argv[2][0] < '0' || argv[2][0] > '9'))
        strncpy(own_volume, argv[2], sizeof own_volume - 1);
}

static int find_volume(const char *label, uint32_t *minor)
{
    static uint8_t sb[1024];
    for (uint32_t m = 0; m < MAX_MINOR_PROBED; m++) {
        struct blockdev d;
        if (blockdev_open(&d, label, m, DEV_ACCESS_READ) < 0)
            continue;
        int r = blockdev_ops.read(&d, 1024, sb, sizeof sb);
        blockdev_close(&d);
        const struct ext2_super *s = (const void *)sb;
        if (r == OK && s->s_magic == EXT2_MAGIC &&
            strncmp(s->s_volume_name, own_volume, sizeof s->s_volume_name) == 0) {
            *minor = m;
            return OK;
        }
    }
    log_printf("ext2: no disk of %s holds the volume \"%s\"\n", label, own_volume);
    return -ENXIO;
}

struct ext2_fs *mount_fs(uint32_t mnt)
{
    if (mnt == 0 || mnt > NR_MOUNTS || !mounts[mnt - 1].used)
        return NULL;
    struct ext2_fs *fs = &mounts[mnt - 1].fs;
    ext2_set_time(fs, idle_seconds());
    return fs;
}

/* Inodes below the first ordinary one belong to the file system itself (bad blocks, the
 * resize inode, the journal): of those only the root may be asked for. */
bool ino_ok(const struct ext2_fs *fs, uint32_t ino)
{
    return ino == EXT2_ROOT_INO || (ino >= fs->first_ino && ino <= fs->sb.s_inodes_count);
}

static bool mounted(const char *label, uint32_t minor)
{
    for (int i = 0; i < NR_MOUNTS; i++)
        if (mounts[i].used && mounts[i].dev.minor == minor &&
            strcmp(mounts[i].dev.label, label) == 0)
            return true;
    return false;
}

static int free_slot(void)
{
    for (int i = 0; i < NR_MOUNTS; i++)
        if (!mounts[i].used)
            return i;
    return -1;
}

/* The label from the request's grant, or our own device's for an empty one. */
static int mount_label(const message *m, char label[DS_KEY_MAX], uint32_t *minor)
{
    const struct fs_payload *a = &m->m.fs;
    memset(label, 0, DS_KEY_MAX);
    *minor = a->ino;
    if (a->len >= DS_KEY_MAX)
        return -ENAMETOOLONG;
    if (a->len > 0) {
        int r = sys_safecopyfrom(m->m_source, a->grant, 0, label, a->len);
        if (r != OK)
            return r;
        return memchr(label, '\0', a->len) ? -EINVAL : OK;
    }
    if (own_label[0] == '\0')
        return -ENXIO;          /* no device in our arguments */
    strcpy(label, own_label);
    *minor = own_minor;
    return own_volume[0] ? find_volume(label, minor) : OK;
}

static int mount_on(struct mount *mt, const char *label, uint32_t minor, bool rdonly)
{
    uint32_t access = DEV_ACCESS_READ | (rdonly ? 0 : DEV_ACCESS_WRITE);
    int r = blockdev_open(&mt->dev, label, minor, access);
    if (r < 0) {
        log_printf("ext2: cannot open %s minor %u: error %d\n", label, (unsigned)minor, r);
        return r;
    }
    struct ext2_dev dev = blockdev_ops;
    dev.ctx = &mt->dev;
    r = ext2_mount(&mt->fs, &dev, rdonly ? EXT2_MOUNT_RDONLY : 0);
    if (r == -EINVAL)
        log_printf("ext2: %s minor %u: not a sound ext2 file system (superblock or group "
                   "descriptors fail the checks); not mounted\n", label, (unsigned)minor);
    else if (r < 0)
        log_printf("ext2: %s minor %u: mount failed with error %d\n", label, (unsigned)minor, r);
    if (r < 0)
        blockdev_close(&mt->dev);
    return r;
}

int do_mount(message *m)
{
    struct fs_payload *a = &m->m.fs;
    char label[DS_KEY_MAX];
    uint32_t minor;
    if (a->flags & ~(uint32_t)MNT_RDONLY)
        return -EINVAL;
    int r = mount_label(m, label, &minor);
    if (r < 0)
        return r;
    if (mounted(label, minor))
        return -EBUSY;
    int slot = free_slot();
    if (slot < 0)
        return -ENFILE;
    struct mount *mt = &mounts[slot];
    if ((r = mount_on(mt, label, minor, a->flags & MNT_RDONLY)) < 0)
        return r;
    mt->used = true;
    ext2_set_time(&mt->fs, idle_seconds());
    if (mt->fs.rdonly && !(a->flags & MNT_RDONLY))
        log_printf("ext2: %s minor %u has features we cannot write: mounted read-only\n",
                   label, (unsigned)minor);
    a->mnt = (uint32_t)slot + 1;
    a->ino = EXT2_ROOT_INO;
    a->flags = mt->fs.rdonly ? MNT_RDONLY : 0;
    return OK;
}

/* The mount goes even if writing back fails (the device may be gone for good); the error
 * is still reported. */
int do_unmount(message *m)
{
    struct ext2_fs *fs = mount_fs(m->m.fs.mnt);
    if (fs == NULL)
        return -EINVAL;
    struct mount *mt = &mounts[m->m.fs.mnt - 1];
    int r = ext2_unmount(fs);
    if (r < 0)
        log_printf("ext2: unmount of %s minor %u could not write back: error %d\n",
                   mt->dev.label, (unsigned)mt->dev.minor, r);
    blockdev_close(&mt->dev);
    mt->used = false;
    return r;
}

int do_sync(message *m)
{
    (void)m;
    int err = OK;
    for (uint32_t i = 1; i <= NR_MOUNTS; i++) {
        struct ext2_fs *fs = mount_fs(i);
        int r = fs ? ext2_sync(fs) : OK;
        if (r < 0 && err == OK)
            err = r;
    }
    return err;
}
