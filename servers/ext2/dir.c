/* Directories: linked lists of variable-length entries in each block. Every entry read from
 * disk is checked (rec_len, name_len, inode number) before it is used. */
#include "ext2_int.h"

#define NO_PREV 0xffffffffu

/* Called for each entry of a directory: 0 to go on, 1 to stop, negative for an error. */
typedef int (*dir_fn)(struct ext2_fs *fs, struct ext2_buf *b, uint32_t off, uint32_t prev,
                      void *arg);

static bool entry_ok(const struct ext2_fs *fs, const uint8_t *blk, uint32_t off)
{
    struct ext2_dir_entry de;
    if (off + EXT2_DIRENT_HDR > fs->block_size)
        return false;
    memcpy(&de, blk + off, sizeof de);
    if (de.rec_len < EXT2_DIRENT_HDR || de.rec_len % 4 != 0 || off + de.rec_len > fs->block_size)
        return false;
    if (de.inode == 0)
        return true;
    return de.inode <= fs->sb.s_inodes_count && EXT2_DIRENT_HDR + de.name_len <= de.rec_len;
}

static struct ext2_dir_entry *entry_at(struct ext2_buf *b, uint32_t off)
{
    return (struct ext2_dir_entry *)(b->data + off);
}

/* Runs fn over one directory block's entries. */
static int walk_block(struct ext2_fs *fs, struct ext2_buf *b, dir_fn fn, void *arg)
{
    uint32_t prev = NO_PREV;
    for (uint32_t off = 0; off < fs->block_size; off += entry_at(b, off)->rec_len) {
        if (!entry_ok(fs, b->data, off))
            return -EIO;
        int r = fn(fs, b, off, prev, arg);
        if (r != 0)
            return r;
        prev = off;
    }
    return 0;
}

static int dir_walk(struct ext2_fs *fs, struct ext2_ino *dp, dir_fn fn, void *arg)
{
    uint64_t blocks = inode_size(dp) / fs->block_size;
    for (uint64_t lbn = 0; lbn < blocks; lbn++) {
        uint32_t block;
        int r = inode_bmap(fs, dp, lbn, false, &block);
        if (r < 0)
            return r;
        if (block == 0)
            return -EIO;        /* directories have no holes */
        struct ext2_buf *b;
        if ((r = bc_get(fs, block, &b)) < 0)
            return r;
        r = walk_block(fs, b, fn, arg);
        bc_put(b);
        if (r != 0)
            return r;
    }
    return 0;
}

struct name_arg {
    const char *name;
    uint32_t len;
    uint32_t ino, mode;         /* found (lookup) or to store (set) */
};

static bool name_is(struct ext2_buf *b, uint32_t off, const struct name_arg *a)
{
    struct ext2_dir_entry *de = entry_at(b, off);
    return de->inode != 0 && de->name_len == a->len &&
           memcmp(b->data + off + EXT2_DIRENT_HDR, a->name, a->len) == 0;
}

static int lookup_fn(struct ext2_fs *fs, struct ext2_buf *b, uint32_t off, uint32_t prev,
                     void *arg)
{
    (void)fs;
    (void)prev;
    struct name_arg *a = arg;
    if (!name_is(b, off, a))
        return 0;
    a->ino = entry_at(b, off)->inode;
    return 1;
}

int dir_lookup(struct ext2_fs *fs, struct ext2_ino *dp, const char *name, uint32_t len,
               uint32_t *ino)
{
    struct name_arg a = { name, len, 0, 0 };
    int r = dir_walk(fs, dp, lookup_fn, &a);
    if (r < 0)
        return r;
    if (r == 0 || a.ino == 0)
        return -ENOENT;
    *ino = a.ino;
    return OK;
}

uint8_t dir_ftype(const struct ext2_fs *fs, uint32_t mode)
{
    if (!fs_has_filetype(fs))
        return EXT2_FT_UNKNOWN;
    switch (mode & EXT2_S_IFMT) {
    case EXT2_S_IFREG:  return EXT2_FT_REG_FILE;
    case EXT2_S_IFDIR:  return EXT2_FT_DIR;
    case EXT2_S_IFCHR:  return EXT2_FT_CHRDEV;
    case EXT2_S_IFBLK:  return EXT2_FT_BLKDEV;
    case EXT2_S_IFIFO:  return EXT2_FT_FIFO;
    case EXT2_S_IFSOCK: return EXT2_FT_SOCK;
    case EXT2_S_IFLNK:  return EXT2_FT_SYMLINK;
    default:            return EXT2_FT_UNKNOWN;
    }
}

static void put_entry(struct ext2_fs *fs, struct ext2_buf *b, uint32_t off, uint16_t rec_len,
                      const struct name_arg *a)
{
    struct ext2_dir_entry *de = entry_at(b, off);
    de->inode = a->ino;
    de->rec_len = rec_len;
    de->name_len = (uint8_t)a->len;
    de->file_type = dir_ftype(fs, a->mode);
    memcpy(b->data + off + EXT2_DIRENT_HDR, a->name, a->len);
    bc_dirty(b);
}

/* Fits the new entry into the slack after an entry, or into an unused entry. */
static int add_fn(struct ext2_fs *fs, struct ext2_buf *b, uint32_t off, uint32_t prev, void *arg)
{
    (void)prev;
    struct name_arg *a = arg;
    struct ext2_dir_entry *de = entry_at(b, off);
    uint32_t need = EXT2_DIRENT_LEN(a->len);
    uint32_t used = de->inode ? EXT2_DIRENT_LEN(de->name_len) : 0;
    if (de->rec_len < used + need)
        return 0;
    if (used == 0) {
        put_entry(fs, b, off, de->rec_len, a);
    } else {
        uint16_t rest = (uint16_t)(de->rec_len - used);
        de->rec_len = (uint16_t)used;
        put_entry(fs, b, off + used, rest, a);
    }
    return 1;
}

/* The directory changed: its times move, and any htree index is no longer right. */
static void dir_touch(struct ext2_fs *fs, struct ext2_ino *dp)
{
    dp->d.i_mtime = dp->d.i_ctime = fs->now;
    dp->d.i_flags &= ~EXT2_INDEX_FL;
}

/* Appends a block holding only the new entry. */
static int add_block(struct ext2_fs *fs, struct ext2_ino *dp, struct name_arg *a)
{
    uint64_t size = inode_size(dp);
    uint32_t block;
    int r = inode_bmap(fs, dp, size / fs->block_size, true, &block);
    if (r < 0) {
        inode_write(fs, dp);    /* an indirect block may have been allocated */
        return r;
    }
    struct ext2_buf *b;
    if ((r = bc_get(fs, block, &b)) < 0)
        return r;
    put_entry(fs, b, 0, (uint16_t)fs->block_size, a);
    bc_put(b);
    inode_set_size(dp, size + fs->block_size);
    return OK;
}

/* Adds name -> ino; the caller has made sure the name is not there yet. Writes dp. */
int dir_add(struct ext2_fs *fs, struct ext2_ino *dp, const char *name, uint32_t len,
            uint32_t ino, uint32_t mode)
{
    struct name_arg a = { name, len, ino, mode };
    int r = dir_walk(fs, dp, add_fn, &a);
    if (r == 0)
        r = add_block(fs, dp, &a);
    if (r < 0)
        return r;
    dir_touch(fs, dp);
    return inode_write(fs, dp);
}

/* Removes an entry by joining it to the one before, or marking it unused if first. */
static int remove_fn(struct ext2_fs *fs, struct ext2_buf *b, uint32_t off, uint32_t prev,
                     void *arg)
{
    (void)fs;
    if (!name_is(b, off, arg))
        return 0;
    if (prev == NO_PREV)
        entry_at(b, off)->inode = 0;
    else
        entry_at(b, prev)->rec_len = (uint16_t)(entry_at(b, prev)->rec_len +
                                                entry_at(b, off)->rec_len);
    bc_dirty(b);
    return 1;
}

/* Runs fn, which changes the entry a names, over dp's entries; -ENOENT if there is none. */
static int change_entry(struct ext2_fs *fs, struct ext2_ino *dp, dir_fn fn, struct name_arg *a)
{
    int r = dir_walk(fs, dp, fn, a);
    if (r < 0)
        return r;
    if (r == 0)
        return -ENOENT;
    dir_touch(fs, dp);
    return inode_write(fs, dp);
}

int dir_remove(struct ext2_fs *fs, struct ext2_ino *dp, const char *name, uint32_t len)
{
    struct name_arg a = { name, len, 0, 0 };
    return change_entry(fs, dp, remove_fn, &a);
}

static int set_fn(struct ext2_fs *fs, struct ext2_buf *b, uint32_t off, uint32_t prev, void *arg)
{
    (void)prev;
    struct name_arg *a = arg;
    if (!name_is(b, off, a))
        return 0;
    entry_at(b, off)->inode = a->ino;
    entry_at(b, off)->file_type = dir_ftype(fs, a->mode);
    bc_dirty(b);
    return 1;
}

/* Points an existing entry at another inode (rename over a name, a moved directory's ..). */
int dir_set(struct ext2_fs *fs, struct ext2_ino *dp, const char *name, uint32_t len,
            uint32_t ino, uint32_t mode)
{
    struct name_arg a = { name, len, ino, mode };
    return change_entry(fs, dp, set_fn, &a);
}

static int empty_fn(struct ext2_fs *fs, struct ext2_buf *b, uint32_t off, uint32_t prev,
                    void *arg)
{
    (void)fs;
    (void)prev;
    (void)arg;
    struct ext2_dir_entry *de = entry_at(b, off);
    const char *name = (const char *)b->data + off + EXT2_DIRENT_HDR;
    if (de->inode == 0)
        return 0;
    if (de->name_len == 1 && name[0] == '.')
        return 0;
    if (de->name_len == 2 && name[0] == '.' && name[1] == '.')
        return 0;
    return 1;
}

/* OK if only . and .. are left, -ENOTEMPTY otherwise. */
int dir_empty(struct ext2_fs *fs, struct ext2_ino *dp)
{
    int r = dir_walk(fs, dp, empty_fn, NULL);
    return r < 0 ? r : r == 1 ? -ENOTEMPTY : OK;
}

/* The first block of a new directory: . and .., the latter taking the rest of the block. */
int dir_init(struct ext2_fs *fs, struct ext2_ino *dp, uint32_t parent)
{
    uint32_t block;
    int r = inode_bmap(fs, dp, 0, true, &block);
    if (r < 0)
        return r;
    struct ext2_buf *b;
    if ((r = bc_get(fs, block, &b)) < 0)
        return r;
    struct name_arg dot = { ".", 1, dp->num, EXT2_S_IFDIR };
    struct name_arg dotdot = { "..", 2, parent, EXT2_S_IFDIR };
    put_entry(fs, b, 0, 12, &dot);
    put_entry(fs, b, 12, (uint16_t)(fs->block_size - 12), &dotdot);
    bc_put(b);
    inode_set_size(dp, fs->block_size);
    dp->d.i_links_count = 2;
    return OK;
}
