/* Name lookups for the file server: one name in a directory, an absolute path (no symlink
 * following: that belongs to the file server's path walk), and directory listing. */
#include "ext2_int.h"

/* Inode ino, which must be an in-use directory. */
int names_get_dir(struct ext2_fs *fs, uint32_t ino, struct ext2_ino *dp)
{
    int r = inode_read(fs, ino, dp);
    if (r < 0)
        return r;
    if (dp->d.i_links_count == 0)
        return -ENOENT;
    return EXT2_ISDIR(dp->d.i_mode) ? OK : -ENOTDIR;
}

/* A single path component: not empty, no slash, at most 255 bytes. */
int names_check(const char *name, uint32_t *len)
{
    uint32_t n = 0;
    while (name[n] != '\0') {
        if (name[n] == '/')
            return -EINVAL;
        if (++n > EXT2_NAME_LEN)
            return -ENAMETOOLONG;
    }
    if (n == 0)
        return -ENOENT;
    *len = n;
    return OK;
}

int ext2_lookup(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t *ino)
{
    struct ext2_ino dp;
    uint32_t len;
    int r = names_check(name, &len);
    if (r == OK)
        r = names_get_dir(fs, dir, &dp);
    if (r == OK)
        r = dir_lookup(fs, &dp, name, len, ino);
    return r;
}

int ext2_namei(struct ext2_fs *fs, const char *path, uint32_t *ino)
{
    if (path[0] != '/')
        return -EINVAL;
    uint32_t cur = EXT2_ROOT_INO;
    const char *p = path;
    for (;;) {
        while (*p == '/')
            p++;
        if (*p == '\0')
            break;
        uint32_t len = 0;
        while (p[len] != '\0' && p[len] != '/')
            if (++len > EXT2_NAME_LEN)
                return -ENAMETOOLONG;
        struct ext2_ino dp;
        int r = names_get_dir(fs, cur, &dp);
        if (r == OK)
            r = dir_lookup(fs, &dp, p, len, &cur);
        if (r < 0)
            return r;
        p += len;
    }
    *ino = cur;
    return OK;
}

/* The first used entry at or after byte in of the block; 1 if found, 0 if none left. */
static int readdir_block(struct ext2_fs *fs, struct ext2_buf *b, uint32_t in, uint32_t *next,
                         struct ext2_dirent *out)
{
    for (uint32_t off = 0; off < fs->block_size;) {
        struct ext2_dir_entry de;
        if (off + EXT2_DIRENT_HDR > fs->block_size)
            return -EIO;
        memcpy(&de, b->data + off, sizeof de);
        if (de.rec_len < EXT2_DIRENT_HDR ||
            de.rec_len % 4 != 0 || off + de.rec_len > fs->block_size ||
            (de.inode != 0 && EXT2_DIRENT_HDR + de.name_len > de.rec_len))
            return -EIO;
        if (off >= in && de.inode != 0) {
            out->ino = de.inode;
            out->type = fs_has_filetype(fs) ? de.file_type : 0;
            out->name_len = de.name_len;
            memcpy(out->name, b->data + off + EXT2_DIRENT_HDR, de.name_len);
            out->name[de.name_len] = '\0';
            *next = off + de.rec_len;
            return 1;
        }
        off += de.rec_len;
    }
    return 0;
}

/* *pos is a byte offset in the directory, 0 to start; returns 1 with an entry, 0 at the end. */
int ext2_readdir(struct ext2_fs *fs, uint32_t dir, uint64_t *pos, struct ext2_dirent *out)
{
    struct ext2_ino dp;
    int r = names_get_dir(fs, dir, &dp);
    if (r < 0)
        return r;
    uint64_t size = inode_size(&dp);
    while (*pos < size) {
        uint64_t lbn = *pos / fs->block_size;
        uint32_t block, next;
        if ((r = inode_bmap(fs, &dp, lbn, false, &block)) < 0)
            return r;
        if (block == 0)
            return -EIO;
        struct ext2_buf *b;
        if ((r = bc_get(fs, block, &b)) < 0)
            return r;
        r = readdir_block(fs, b, (uint32_t)(*pos % fs->block_size), &next, out);
        bc_put(b);
        if (r < 0)
            return r;
        *pos = lbn * fs->block_size + (r == 1 ? next : fs->block_size);
        if (r == 1)
            return 1;
    }
    return 0;
}
