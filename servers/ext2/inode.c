/* Inodes: reading and writing them in the inode tables, mapping a file's logical blocks
 * through the direct and indirect blocks (allocating on demand), and freeing blocks again. */
#include "ext2_int.h"

/* Where inode num lives: the block of its group's inode table and the offset inside it. */
static int inode_locate(struct ext2_fs *fs, uint32_t num, uint32_t *block, uint32_t *off)
{
    if (num == 0 || num > fs->sb.s_inodes_count)
        return -EINVAL;
    uint32_t g = (num - 1) / fs->sb.s_inodes_per_group;
    uint32_t idx = (num - 1) % fs->sb.s_inodes_per_group;
    struct ext2_buf *gb;
    struct ext2_group_desc *gd;
    int r = gd_get(fs, g, &gb, &gd);
    if (r < 0)
        return r;
    uint64_t byte = (uint64_t)idx * fs->inode_size;
    *block = gd->bg_inode_table + (uint32_t)(byte / fs->block_size);
    *off = (uint32_t)(byte % fs->block_size);
    bc_put(gb);
    return OK;
}

/* The cache block holding inode num's on-disk record, held, and where the record starts. */
static int inode_record(struct ext2_fs *fs, uint32_t num, struct ext2_buf **b, uint8_t **rec)
{
    uint32_t block, off;
    int r = inode_locate(fs, num, &block, &off);
    if (r == OK)
        r = bc_get(fs, block, b);
    if (r == OK)
        *rec = (*b)->data + off;
    return r;
}

/* Copies the 128-byte core between ip and inode num's record, to the disk if write: what
 * lies beyond it in a large inode is left as it was. */
static int inode_copy(struct ext2_fs *fs, uint32_t num, struct ext2_ino *ip, bool write)
{
    struct ext2_buf *b;
    uint8_t *rec;
    int r = inode_record(fs, num, &b, &rec);
    if (r < 0)
        return r;
    if (write) {
        memcpy(rec, &ip->d, sizeof ip->d);
        bc_dirty(b);
    } else {
        memcpy(&ip->d, rec, sizeof ip->d);
        ip->num = num;
    }
    bc_put(b);
    return OK;
}

int inode_read(struct ext2_fs *fs, uint32_t num, struct ext2_ino *ip)
{
    return inode_copy(fs, num, ip, false);
}

int inode_write(struct ext2_fs *fs, struct ext2_ino *ip)
{
    return inode_copy(fs, ip->num, ip, true);
}

/* A freshly allocated inode: the whole on-disk record is cleared, extra space included. */
int inode_init(struct ext2_fs *fs, uint32_t num, uint32_t mode, uint32_t uid, uint32_t gid,
               struct ext2_ino *ip)
{
    struct ext2_buf *b;
    uint8_t *rec;
    int r = inode_record(fs, num, &b, &rec);
    if (r < 0)
        return r;
    memset(rec, 0, fs->inode_size);
    if (fs->inode_size >= EXT2_GOOD_OLD_INODE_SIZE + 32) {
        uint16_t extra = 32;    /* i_extra_isize, as Linux sets it: the ext4 fields it covers */
        memcpy(rec + EXT2_GOOD_OLD_INODE_SIZE, &extra, sizeof extra);
    }
    bc_dirty(b);
    bc_put(b);
    memset(&ip->d, 0, sizeof ip->d);
    ip->num = num;
    ip->d.i_mode = (uint16_t)mode;
    ip->d.i_uid = (uint16_t)uid;
    ip->d.i_uid_high = (uint16_t)(uid >> 16);
    ip->d.i_gid = (uint16_t)gid;
    ip->d.i_gid_high = (uint16_t)(gid >> 16);
    ip->d.i_atime = ip->d.i_ctime = ip->d.i_mtime = fs->now;
    return OK;
}

uint64_t inode_size(const struct ext2_ino *ip)
{
    uint64_t size = ip->d.i_size;
    if (EXT2_ISREG(ip->d.i_mode))
        size |= (uint64_t)ip->d.i_size_high << 32;
    return size;
}

void inode_set_size(struct ext2_ino *ip, uint64_t size)
{
    ip->d.i_size = (uint32_t)size;
    if (EXT2_ISREG(ip->d.i_mode))
        ip->d.i_size_high = (uint32_t)(size >> 32);
}

bool inode_is_device(const struct ext2_ino *ip)
{
    uint32_t type = ip->d.i_mode & EXT2_S_IFMT;
    return type == EXT2_S_IFCHR || type == EXT2_S_IFBLK;
}

/* A device file's number lives in i_block as Linux keeps it, so other tools read it alike:
 * the old 16-bit form (major << 8 | minor) in i_block[0] when both fit in a byte, else
 * i_block[0] is 0 and i_block[1] holds the new form (12-bit major, 20-bit minor). */
bool inode_rdev_fits(uint32_t major, uint32_t minor)
{
    return major <= 0xfff && minor <= 0xfffff;
}

void inode_set_rdev(struct ext2_ino *ip, uint32_t major, uint32_t minor)
{
    memset(ip->d.i_block, 0, sizeof ip->d.i_block);
    if (major < 256 && minor < 256)
        ip->d.i_block[0] = major << 8 | minor;
    else
        ip->d.i_block[1] = (minor & 0xff) | major << 8 | (minor & ~0xffu) << 12;
}

void inode_get_rdev(const struct ext2_ino *ip, uint32_t *major, uint32_t *minor)
{
    uint32_t old = ip->d.i_block[0], dev = ip->d.i_block[1];
    if (old != 0) {
        *major = old >> 8 & 0xff;
        *minor = old & 0xff;
    } else {
        *major = dev >> 8 & 0xfff;
        *minor = (dev & 0xff) | (dev >> 12 & 0xfff00);
    }
}

/* A short symlink keeps its target in i_block and owns no data block. */
bool inode_fast_symlink(const struct ext2_fs *fs, const struct ext2_ino *ip)
{
    uint32_t acl = ip->d.i_file_acl ? fs->block_size / 512 : 0;
    return EXT2_ISLNK(ip->d.i_mode) && ip->d.i_blocks == acl;
}

/* The path to a logical block: which i_block slot, then the index at each indirect level. */
static int bmap_path(const struct ext2_fs *fs, uint64_t lbn, uint32_t *slot, uint32_t idx[3])
{
    uint64_t p = fs->ptrs_per_block;
    if (lbn < EXT2_NDIR_BLOCKS) {
        *slot = (uint32_t)lbn;
        return 0;
    }
    lbn -= EXT2_NDIR_BLOCKS;
    if (lbn < p) {
        *slot = EXT2_IND_BLOCK;
        idx[0] = (uint32_t)lbn;
        return 1;
    }
    lbn -= p;
    if (lbn < p * p) {
        *slot = EXT2_DIND_BLOCK;
        idx[0] = (uint32_t)(lbn / p);
        idx[1] = (uint32_t)(lbn % p);
        return 2;
    }
    lbn -= p * p;
    if (lbn < p * p * p) {
        *slot = EXT2_TIND_BLOCK;
        idx[0] = (uint32_t)(lbn / (p * p));
        idx[1] = (uint32_t)(lbn / p % p);
        idx[2] = (uint32_t)(lbn % p);
        return 3;
    }
    return -EFBIG;
}

/* A new, zeroed block for the inode, counted in i_blocks. */
static int bmap_new(struct ext2_fs *fs, struct ext2_ino *ip, uint32_t goal, uint32_t *block)
{
    int r = alloc_block(fs, goal, block);
    if (r < 0)
        return r;
    struct ext2_buf *b;
    r = bc_get_zero(fs, *block, &b);
    if (r < 0) {
        free_block(fs, *block);
        return r;
    }
    bc_put(b);
    ip->d.i_blocks += fs->block_size / 512;
    return OK;
}

/* The goal for an inode's first block: the start of its own group. */
static uint32_t inode_goal(const struct ext2_fs *fs, const struct ext2_ino *ip)
{
    uint32_t g = (ip->num - 1) / fs->sb.s_inodes_per_group;
    return fs->sb.s_first_data_block + g * fs->sb.s_blocks_per_group;
}

/* Logical block lbn to a block number; 0 for a hole unless alloc fills it. The caller writes
 * the inode afterwards (its i_block and i_blocks may have changed). */
int inode_bmap(struct ext2_fs *fs, struct ext2_ino *ip, uint64_t lbn, bool alloc,
               uint32_t *block)
{
    uint32_t top, idx[3];
    int depth = bmap_path(fs, lbn, &top, idx);
    if (depth < 0)
        return depth;
    uint32_t *slot = &ip->d.i_block[top];
    struct ext2_buf *held = NULL;
    int r = OK;
    for (int level = 0;; level++) {
        uint32_t blk = *slot;
        if (blk == 0 && !alloc) {
            *block = 0;
            break;
        }
        if (blk == 0) {
            uint32_t goal = held ? held->block : inode_goal(fs, ip);
            if ((r = bmap_new(fs, ip, goal, &blk)) < 0)
                break;
            *slot = blk;
            if (held)
                bc_dirty(held);
        } else if (!block_ok(fs, blk)) {
            r = -EIO;
            break;
        }
        if (level == depth) {
            *block = blk;
            break;
        }
        struct ext2_buf *next;
        if ((r = bc_get(fs, blk, &next)) < 0)
            break;
        if (held)
            bc_put(held);
        held = next;
        slot = (uint32_t *)held->data + idx[level];
    }
    if (held)
        bc_put(held);
    return r;
}

static int release_block(struct ext2_fs *fs, struct ext2_ino *ip, uint32_t *slot)
{
    int r = free_block(fs, *slot);
    *slot = 0;
    uint32_t n = fs->block_size / 512;
    ip->d.i_blocks = ip->d.i_blocks > n ? ip->d.i_blocks - n : 0;
    return r;
}

/* Frees the blocks of the subtree under *slot (depth levels of indirection) whose logical
 * index inside the subtree is from or more; the subtree's own block goes when from is 0. */
static int trunc_tree(struct ext2_fs *fs, struct ext2_ino *ip, uint32_t *slot, int depth,
                      uint64_t from)
{
    if (*slot == 0)
        return OK;
    if (depth == 0)
        return from == 0 ? release_block(fs, ip, slot) : OK;
    if (!block_ok(fs, *slot))
        return -EIO;
    uint64_t span = 1;
    for (int i = 1; i < depth; i++)
        span *= fs->ptrs_per_block;
    struct ext2_buf *b;
    int r = bc_get(fs, *slot, &b);
    if (r < 0)
        return r;
    uint32_t *e = (uint32_t *)b->data;
    for (uint32_t i = 0; i < fs->ptrs_per_block && r == OK; i++) {
        uint64_t lo = i * span;
        if (lo + span <= from || e[i] == 0)
            continue;
        r = trunc_tree(fs, ip, &e[i], depth - 1, from > lo ? from - lo : 0);
        bc_dirty(b);
    }
    bc_put(b);
    if (r == OK && from == 0)
        r = release_block(fs, ip, slot);
    return r;
}

/* Zeroes the rest of the block that holds the new end, so a later extension reads zeros. */
static int zero_tail(struct ext2_fs *fs, struct ext2_ino *ip, uint64_t size)
{
    uint32_t off = (uint32_t)(size % fs->block_size), block;
    if (off == 0)
        return OK;
    int r = inode_bmap(fs, ip, size / fs->block_size, false, &block);
    if (r < 0 || block == 0)
        return r;
    struct ext2_buf *b;
    if ((r = bc_get(fs, block, &b)) < 0)
        return r;
    memset(b->data + off, 0, fs->block_size - off);
    bc_dirty(b);
    bc_put(b);
    return OK;
}

/* Cuts the file to size bytes (no larger than now), freeing the blocks past the end. */
int inode_shrink(struct ext2_fs *fs, struct ext2_ino *ip, uint64_t size)
{
    uint64_t p = fs->ptrs_per_block;
    uint64_t first = (size + fs->block_size - 1) / fs->block_size;
    uint64_t base[EXT2_N_BLOCKS];
    int depth[EXT2_N_BLOCKS];
    for (int i = 0; i < EXT2_NDIR_BLOCKS; i++) {
        base[i] = (uint64_t)i;
        depth[i] = 0;
    }
    base[EXT2_IND_BLOCK] = EXT2_NDIR_BLOCKS;
    base[EXT2_DIND_BLOCK] = EXT2_NDIR_BLOCKS + p;
    base[EXT2_TIND_BLOCK] = EXT2_NDIR_BLOCKS + p + p * p;
    depth[EXT2_IND_BLOCK] = 1;
    depth[EXT2_DIND_BLOCK] = 2;
    depth[EXT2_TIND_BLOCK] = 3;
    int r = OK;
    for (int i = 0; i < EXT2_N_BLOCKS && r == OK; i++)
        r = trunc_tree(fs, ip, &ip->d.i_block[i], depth[i], first > base[i] ? first - base[i] : 0);
    if (r == OK)
        r = zero_tail(fs, ip, size);
    inode_set_size(ip, size);
    return r;
}

/* Drops one reference to the inode's extended attribute block. */
static int release_xattr(struct ext2_fs *fs, struct ext2_ino *ip)
{
    uint32_t blk = ip->d.i_file_acl;
    ip->d.i_file_acl = 0;
    if (blk == 0 || !block_ok(fs, blk))
        return blk == 0 ? OK : -EIO;
    struct ext2_buf *b;
    int r = bc_get(fs, blk, &b);
    if (r < 0)
        return r;
    uint32_t hdr[2];
    memcpy(hdr, b->data, sizeof hdr);
    bool shared = hdr[0] == EXT2_XATTR_MAGIC && hdr[1] > 1;
    if (shared) {
        hdr[1]--;
        memcpy(b->data, hdr, sizeof hdr);
        bc_dirty(b);
    }
    bc_put(b);
    return shared ? OK : free_block(fs, blk);
}

/* The last link is gone: free the data, the attribute block and the inode itself. */
int inode_release(struct ext2_fs *fs, struct ext2_ino *ip)
{
    uint32_t mode = ip->d.i_mode;
    bool has_blocks = EXT2_ISREG(mode) || EXT2_ISDIR(mode) ||
                      (EXT2_ISLNK(mode) && !inode_fast_symlink(fs, ip));
    int r = has_blocks ? inode_shrink(fs, ip, 0) : OK;
    int x = release_xattr(fs, ip);
    ip->d.i_links_count = 0;
    ip->d.i_dtime = fs->now ? fs->now : 1;
    int w = inode_write(fs, ip);
    int f = free_inode(fs, ip->num, EXT2_ISDIR(mode));
    return r < 0 ? r : x < 0 ? x : w < 0 ? w : f;
}
