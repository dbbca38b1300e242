/* Mounting: the superblock is checked field by field before anything trusts it, so a corrupt
 * image is refused with -EINVAL instead of leading the code astray. Also sync and unmount. */
#include "ext2_int.h"

static uint32_t div_up(uint32_t a, uint32_t b)
{
    return a / b + (a % b != 0);
}

bool fs_has_filetype(const struct ext2_fs *fs)
{
    return fs->sb.s_rev_level >= EXT2_DYNAMIC_REV &&
           (fs->sb.s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE);
}

/* Without large_file, sizes must stay below 2 GiB; the mapping limit is far above that for
 * 1 KiB blocks (16 GiB) and 4 KiB blocks (4 TiB), and i_blocks limits it to 2 TiB. */
uint64_t fs_max_size(const struct ext2_fs *fs)
{
    uint64_t p = fs->ptrs_per_block;
    uint64_t blocks = EXT2_NDIR_BLOCKS + p + p * p + p * p * p;
    uint64_t max = blocks * fs->block_size;
    uint64_t iblocks_max = ((uint64_t)0xffffffffu * 512) - 4 * (uint64_t)fs->block_size * p;
    if (max > iblocks_max)
        max = iblocks_max;
    if (!(fs->sb.s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_LARGE_FILE))
        max = 0x7fffffff;
    return max;
}

/* The sizes that everything else is computed from. */
static int check_geometry(struct ext2_fs *fs)
{
    const struct ext2_super *sb = &fs->sb;
    if (sb->s_magic != EXT2_MAGIC)
        return -EINVAL;
    if (sb->s_rev_level > EXT2_DYNAMIC_REV)
        return -EINVAL;
    if (sb->s_log_block_size > EXT2_MAX_BLOCK_LOG - EXT2_MIN_BLOCK_LOG)
        return -EINVAL;
    fs->block_size = 1024u << sb->s_log_block_size;
    fs->ptrs_per_block = fs->block_size / 4;
    if (sb->s_rev_level == EXT2_GOOD_OLD_REV) {
        fs->inode_size = EXT2_GOOD_OLD_INODE_SIZE;
        fs->first_ino = EXT2_GOOD_OLD_FIRST_INO;
    } else {
        fs->inode_size = sb->s_inode_size;
        fs->first_ino = sb->s_first_ino;
    }
    uint32_t is = fs->inode_size;
    if (is < EXT2_GOOD_OLD_INODE_SIZE || is > fs->block_size || (is & (is - 1)) != 0)
        return -EINVAL;
    if (sb->s_first_data_block != (fs->block_size == 1024 ? 1u : 0u))
        return -EINVAL;
    return OK;
}

/* The counts: groups, blocks and inodes must agree with one another. */
static int check_counts(struct ext2_fs *fs)
{
    const struct ext2_super *sb = &fs->sb;
    uint32_t bits = fs->block_size * 8;
    if (sb->s_blocks_per_group == 0 || sb->s_blocks_per_group > bits)
        return -EINVAL;
    if (sb->s_inodes_per_group == 0 || sb->s_inodes_per_group > bits)
        return -EINVAL;
    if (sb->s_blocks_count <= sb->s_first_data_block + 1)
        return -EINVAL;
    fs->groups = div_up(sb->s_blocks_count - sb->s_first_data_block, sb->s_blocks_per_group);
    if ((uint64_t)fs->groups * sb->s_inodes_per_group != sb->s_inodes_count)
        return -EINVAL;
    if (sb->s_free_blocks_count > sb->s_blocks_count ||
        sb->s_free_inodes_count > sb->s_inodes_count)
        return -EINVAL;
    if (fs->first_ino <= EXT2_ROOT_INO || fs->first_ino >= sb->s_inodes_count)
        return -EINVAL;
    uint32_t gdt_blocks = div_up(fs->groups, fs->block_size / sizeof(struct ext2_group_desc));
    if ((uint64_t)sb->s_first_data_block + 1 + gdt_blocks > sb->s_blocks_count)
        return -EINVAL;
    return OK;
}

int gd_get(struct ext2_fs *fs, uint32_t group, struct ext2_buf **buf,
           struct ext2_group_desc **gd)
{
    if (group >= fs->groups)
        return -EIO;
    uint32_t per_block = fs->block_size / sizeof(struct ext2_group_desc);
    int r = bc_get(fs, fs->sb.s_first_data_block + 1 + group / per_block, buf);
    if (r < 0)
        return r;
    *gd = (struct ext2_group_desc *)(*buf)->data + group % per_block;
    return OK;
}

/* Every group's bitmaps and inode table must lie inside the file system. */
static int check_groups(struct ext2_fs *fs)
{
    uint32_t itable_blocks = div_up(fs->sb.s_inodes_per_group * fs->inode_size,
                                    fs->block_size);
    for (uint32_t g = 0; g < fs->groups; g++) {
        struct ext2_buf *b;
        struct ext2_group_desc *gd;
        int r = gd_get(fs, g, &b, &gd);
        if (r < 0)
            return r;
        bool ok = block_ok(fs, gd->bg_block_bitmap) && block_ok(fs, gd->bg_inode_bitmap) &&
                  block_ok(fs, gd->bg_inode_table) &&
                  (uint64_t)gd->bg_inode_table + itable_blocks <= fs->sb.s_blocks_count;
        bc_put(b);
        if (!ok)
            return -EINVAL;
    }
    return OK;
}

static int write_super(struct ext2_fs *fs)
{
    if (fs->dev.write(fs->dev.ctx, EXT2_SUPER_OFFSET, &fs->sb, EXT2_SUPER_SIZE) < 0)
        return -EIO;
    fs->sb_dirty = false;
    return OK;
}

static int check_features(struct ext2_fs *fs, int flags)
{
    fs->rdonly = (flags & EXT2_MOUNT_RDONLY) != 0;
    if (fs->sb.s_rev_level == EXT2_GOOD_OLD_REV)
        return OK;
    if (fs->sb.s_feature_incompat & ~(uint32_t)EXT2_SUPPORTED_INCOMPAT)
        return -EINVAL;
    if (fs->sb.s_feature_ro_compat & ~(uint32_t)EXT2_SUPPORTED_RO_COMPAT)
        fs->rdonly = true;
    return OK;
}

int ext2_mount(struct ext2_fs *fs, const struct ext2_dev *dev, int flags)
{
    fs->dev = *dev;
    fs->sb_dirty = false;
    fs->now = 0;
    bc_init(fs);
    if (dev->read(dev->ctx, EXT2_SUPER_OFFSET, &fs->sb, EXT2_SUPER_SIZE) < 0)
        return -EIO;
    int r = check_geometry(fs);
    if (r == OK)
        r = check_counts(fs);
    if (r == OK)
        r = check_features(fs, flags);
    if (r == OK)
        r = check_groups(fs);
    if (r < 0)
        return r;
    struct ext2_ino root;
    r = inode_read(fs, EXT2_ROOT_INO, &root);
    if (r < 0)
        return r;
    if (!EXT2_ISDIR(root.d.i_mode))
        return -EINVAL;
    if (!fs->rdonly) {
        /* Until the unmount, a crash leaves the file system marked as needing a check. */
        fs->sb.s_state &= (uint16_t)~EXT2_VALID_FS;
        r = write_super(fs);
    }
    return r;
}

void ext2_set_time(struct ext2_fs *fs, uint32_t now)
{
    fs->now = now;
}

int ext2_sync(struct ext2_fs *fs)
{
    if (fs->rdonly)
        return OK;
    int r = bc_flush(fs);
    if (fs->sb_dirty) {
        if (fs->now != 0)
            fs->sb.s_wtime = fs->now;
        int w = write_super(fs);
        if (r == OK)
            r = w;
    }
    return r;
}

int ext2_unmount(struct ext2_fs *fs)
{
    if (fs->rdonly)
        return OK;
    fs->sb.s_state |= EXT2_VALID_FS;
    fs->sb_dirty = true;
    return ext2_sync(fs);
}
