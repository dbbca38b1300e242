/* Block and inode allocation from the per-group bitmaps. The group descriptor and superblock
 * free counts (and the directory count) move with every bit, so e2fsck finds them right. */
#include "ext2_int.h"

/* How many of the group's bitmap bits stand for real blocks: the last group may be short. */
static uint32_t group_blocks(const struct ext2_fs *fs, uint32_t g)
{
    uint32_t start = g * fs->sb.s_blocks_per_group;
    uint32_t total = fs->sb.s_blocks_count - fs->sb.s_first_data_block;
    uint32_t left = total - start;
    return left < fs->sb.s_blocks_per_group ? left : fs->sb.s_blocks_per_group;
}

/* The first clear bit in [from, n), then in [0, from); -1 if none. */
static int64_t find_clear(const uint8_t *map, uint32_t n, uint32_t from)
{
    for (uint32_t pass = 0; pass < 2; pass++) {
        uint32_t lo = pass == 0 ? from : 0, hi = pass == 0 ? n : from;
        for (uint32_t i = lo; i < hi; i++) {
            if ((i & 7) == 0 && map[i >> 3] == 0xff && i + 8 <= hi) {
                i += 7;         /* a full byte: skip it whole */
                continue;
            }
            if (!(map[i >> 3] & (1u << (i & 7))))
                return i;
        }
    }
    return -1;
}

static void bit_set(uint8_t *map, uint32_t i)   { map[i >> 3] |= (uint8_t)(1u << (i & 7)); }
static void bit_clear(uint8_t *map, uint32_t i) { map[i >> 3] &= (uint8_t)~(1u << (i & 7)); }
static bool bit_test(const uint8_t *map, uint32_t i) { return map[i >> 3] & (1u << (i & 7)); }

/* Takes a clear bit of one group's bitmap; 1 if taken, 0 if the group had none. */
static int take_bit(struct ext2_fs *fs, uint32_t bitmap, uint32_t n, uint32_t from,
                    uint32_t *bit)
{
    struct ext2_buf *b;
    int r = bc_get(fs, bitmap, &b);
    if (r < 0)
        return r;
    int64_t i = find_clear(b->data, n, from < n ? from : 0);
    if (i >= 0) {
        bit_set(b->data, (uint32_t)i);
        bc_dirty(b);
        *bit = (uint32_t)i;
    }
    bc_put(b);
    return i >= 0;
}

/* A bit was taken: the superblock's free count of its kind goes down with it. */
static int taken(struct ext2_fs *fs, uint32_t *free_count)
{
    if (*free_count > 0)
        (*free_count)--;
    fs->sb_dirty = true;
    return OK;
}

/* Starts in the goal's group, so a file's blocks tend to sit together. */
int alloc_block(struct ext2_fs *fs, uint32_t goal, uint32_t *block)
{
    uint32_t bpg = fs->sb.s_blocks_per_group;
    if (!block_ok(fs, goal))
        goal = fs->sb.s_first_data_block;
    uint32_t g0 = (goal - fs->sb.s_first_data_block) / bpg;
    for (uint32_t k = 0; k < fs->groups; k++) {
        uint32_t g = (g0 + k) % fs->groups;
        struct ext2_buf *gb;
        struct ext2_group_desc *gd;
        int r = gd_get(fs, g, &gb, &gd);
        if (r < 0)
            return r;
        uint32_t bit = 0;
        if (gd->bg_free_blocks_count > 0) {
            uint32_t from = k == 0 ? (goal - fs->sb.s_first_data_block) % bpg : 0;
            r = take_bit(fs, gd->bg_block_bitmap, group_blocks(fs, g), from, &bit);
            if (r == 1) {
                gd->bg_free_blocks_count--;
                bc_dirty(gb);
            }
        }
        bc_put(gb);
        if (r < 0)
            return r;
        if (r == 1) {
            *block = fs->sb.s_first_data_block + g * bpg + bit;
            return taken(fs, &fs->sb.s_free_blocks_count);
        }
    }
    return -ENOSPC;
}

/* Clears a bit that must be set; -EIO if it was not (a corrupt image, counts left alone). */
static int drop_bit(struct ext2_fs *fs, uint32_t bitmap, uint32_t bit)
{
    struct ext2_buf *b;
    int r = bc_get(fs, bitmap, &b);
    if (r < 0)
        return r;
    if (bit_test(b->data, bit)) {
        bit_clear(b->data, bit);
        bc_dirty(b);
    } else {
        r = -EIO;
    }
    bc_put(b);
    return r;
}

int free_block(struct ext2_fs *fs, uint32_t block)
{
    if (!block_ok(fs, block))
        return -EIO;
    uint32_t rel = block - fs->sb.s_first_data_block;
    uint32_t g = rel / fs->sb.s_blocks_per_group;
    struct ext2_buf *gb;
    struct ext2_group_desc *gd;
    int r = gd_get(fs, g, &gb, &gd);
    if (r < 0)
        return r;
    r = drop_bit(fs, gd->bg_block_bitmap, rel % fs->sb.s_blocks_per_group);
    if (r == OK) {
        gd->bg_free_blocks_count++;
        bc_dirty(gb);
        fs->sb.s_free_blocks_count++;
        fs->sb_dirty = true;
        bc_forget(fs, block);
    }
    bc_put(gb);
    return r;
}

/* Tries one group for an inode; 1 if one was taken. */
static int alloc_inode_in(struct ext2_fs *fs, uint32_t g, bool is_dir, uint32_t *ino)
{
    struct ext2_buf *gb;
    struct ext2_group_desc *gd;
    int r = gd_get(fs, g, &gb, &gd);
    if (r < 0)
        return r;
    uint32_t ipg = fs->sb.s_inodes_per_group, bit = 0;
    r = 0;
    if (gd->bg_free_inodes_count > 0)
        r = take_bit(fs, gd->bg_inode_bitmap, ipg, 0, &bit);
    if (r == 1 && g * ipg + bit + 1 < fs->first_ino) {
        r = -EIO;               /* a reserved inode marked free: do not hand it out */
    } else if (r == 1) {
        gd->bg_free_inodes_count--;
        if (is_dir)
            gd->bg_used_dirs_count++;
        bc_dirty(gb);
        *ino = g * ipg + bit + 1;
    }
    bc_put(gb);
    return r;
}

/* New inodes go near their directory, as the blocks go near their inode. */
int alloc_inode(struct ext2_fs *fs, uint32_t dir, bool is_dir, uint32_t *ino)
{
    uint32_t g0 = (dir - 1) / fs->sb.s_inodes_per_group;
    if (g0 >= fs->groups)
        g0 = 0;
    for (uint32_t k = 0; k < fs->groups; k++) {
        int r = alloc_inode_in(fs, (g0 + k) % fs->groups, is_dir, ino);
        if (r < 0)
            return r;
        if (r == 1)
            return taken(fs, &fs->sb.s_free_inodes_count);
    }
    return -ENOSPC;
}

int free_inode(struct ext2_fs *fs, uint32_t ino, bool is_dir)
{
    if (ino < fs->first_ino || ino > fs->sb.s_inodes_count)
        return -EIO;
    uint32_t g = (ino - 1) / fs->sb.s_inodes_per_group;
    struct ext2_buf *gb;
    struct ext2_group_desc *gd;
    int r = gd_get(fs, g, &gb, &gd);
    if (r < 0)
        return r;
    r = drop_bit(fs, gd->bg_inode_bitmap, (ino - 1) % fs->sb.s_inodes_per_group);
    if (r == OK) {
        gd->bg_free_inodes_count++;
        if (is_dir && gd->bg_used_dirs_count > 0)
            gd->bg_used_dirs_count--;
        bc_dirty(gb);
        fs->sb.s_free_inodes_count++;
        fs->sb_dirty = true;
    }
    bc_put(gb);
    return r;
}
