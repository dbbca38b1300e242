/* File data: reads and writes at any offset, block by block through the buffer cache.
 * Holes read as zeros; writes allocate the data and indirect blocks they need. */
#include "ext2_int.h"

int file_read(struct ext2_fs *fs, struct ext2_ino *ip, uint64_t off, void *buf, uint32_t len)
{
    uint64_t size = inode_size(ip);
    if (off >= size)
        return 0;
    if (len > size - off)
        len = (uint32_t)(size - off);
    if (len > 0x7fffffffu)
        len = 0x7fffffffu;      /* the count must fit the int result */
    uint8_t *dst = buf;
    uint32_t done = 0;
    while (done < len) {
        uint64_t pos = off + done;
        uint32_t in = (uint32_t)(pos % fs->block_size);
        uint32_t n = fs->block_size - in;
        if (n > len - done)
            n = len - done;
        uint32_t block;
        int r = inode_bmap(fs, ip, pos / fs->block_size, false, &block);
        if (r < 0)
            return done > 0 ? (int)done : r;
        if (block == 0) {
            memset(dst + done, 0, n);
        } else {
            struct ext2_buf *b;
            uint32_t left = (len - done + fs->block_size - 1) / fs->block_size;
            if ((r = bc_get_ahead(fs, block, left, &b)) < 0)
                return done > 0 ? (int)done : r;
            memcpy(dst + done, b->data + in, n);
            bc_put(b);
        }
        done += n;
    }
    return (int)done;
}

/* Copies one piece that lies inside a single block, allocating the block if needed. A piece
 * that covers the whole block replaces it, so the old contents are not read first. */
static int write_piece(struct ext2_fs *fs, struct ext2_ino *ip, uint64_t pos, const uint8_t *src,
                       uint32_t n)
{
    uint32_t block;
    int r = inode_bmap(fs, ip, pos / fs->block_size, true, &block);
    if (r < 0)
        return r;
    struct ext2_buf *b;
    r = n == fs->block_size ? bc_get_zero(fs, block, &b) : bc_get(fs, block, &b);
    if (r < 0)
        return r;
    memcpy(b->data + pos % fs->block_size, src, n);
    bc_dirty(b);
    bc_put(b);
    return OK;
}

/* Returns the count written; a short count when the disk fills after some progress. The
 * inode is written whatever happens, since blocks may have been allocated to it. */
int file_write(struct ext2_fs *fs, struct ext2_ino *ip, uint64_t off, const void *buf,
               uint32_t len)
{
    uint64_t max = fs_max_size(fs);
    if (off >= max)
        return -EFBIG;
    if (len > max - off)
        len = (uint32_t)(max - off);
    if (len > 0x7fffffffu)
        len = 0x7fffffffu;
    const uint8_t *src = buf;
    uint32_t done = 0;
    int r = OK;
    while (done < len) {
        uint64_t pos = off + done;
        uint32_t n = fs->block_size - (uint32_t)(pos % fs->block_size);
        if (n > len - done)
            n = len - done;
        if ((r = write_piece(fs, ip, pos, src + done, n)) < 0)
            break;
        done += n;
    }
    if (done > 0) {
        if (off + done > inode_size(ip))
            inode_set_size(ip, off + done);
        ip->d.i_mtime = ip->d.i_ctime = fs->now;
    }
    int w = inode_write(fs, ip);
    if (done > 0)
        return w < 0 ? w : (int)done;
    return r < 0 ? r : w;
}
