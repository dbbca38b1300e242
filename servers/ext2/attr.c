/* File data and attributes by inode number: read, write, truncate, readlink, stat (with a
 * device file's number), chmod and chown. These are the calls the file server makes once a
 * path has been resolved. */
#include "ext2_int.h"

/* An inode that is in use (its link count is not zero). */
static int get_live(struct ext2_fs *fs, uint32_t ino, struct ext2_ino *ip)
{
    int r = inode_read(fs, ino, ip);
    if (r == OK && ip->d.i_links_count == 0)
        r = -ENOENT;
    return r;
}

int ext2_read(struct ext2_fs *fs, uint32_t ino, uint64_t off, void *buf, uint32_t len)
{
    struct ext2_ino ip;
    int r = get_live(fs, ino, &ip);
    if (r < 0)
        return r;
    if (EXT2_ISDIR(ip.d.i_mode))
        return -EISDIR;
    if (inode_fast_symlink(fs, &ip))
        return -EINVAL;         /* no data blocks to read: ext2_readlink */
    return file_read(fs, &ip, off, buf, len);
}

/* An inode in use that may be changed: not on a read-only mount. */
static int get_changeable(struct ext2_fs *fs, uint32_t ino, struct ext2_ino *ip)
{
    return fs->rdonly ? -EROFS : get_live(fs, ino, ip);
}

/* A regular file that may be changed: the checks write and truncate share. */
static int get_writable_file(struct ext2_fs *fs, uint32_t ino, struct ext2_ino *ip)
{
    int r = get_changeable(fs, ino, ip);
    if (r < 0)
        return r;
    if (EXT2_ISDIR(ip->d.i_mode))
        return -EISDIR;
    return EXT2_ISREG(ip->d.i_mode) ? 0 : -EINVAL;
}

int ext2_write(struct ext2_fs *fs, uint32_t ino, uint64_t off, const void *buf, uint32_t len)
{
    struct ext2_ino ip;
    int r = get_writable_file(fs, ino, &ip);
    if (r < 0)
        return r;
    if (len == 0)
        return 0;
    return file_write(fs, &ip, off, buf, len);
}

/* Growing only sets the size (the new part is a hole); shrinking frees blocks. */
int ext2_truncate(struct ext2_fs *fs, uint32_t ino, uint64_t size)
{
    struct ext2_ino ip;
    int r = get_writable_file(fs, ino, &ip);
    if (r < 0)
        return r;
    if (size > fs_max_size(fs))
        return -EFBIG;
    if (size < inode_size(&ip))
        r = inode_shrink(fs, &ip, size);
    else
        inode_set_size(&ip, size);
    ip.d.i_mtime = ip.d.i_ctime = fs->now;
    int w = inode_write(fs, &ip);
    return r < 0 ? r : w;
}

/* Copies the target without a terminator, at most len bytes; returns the count. */
int ext2_readlink(struct ext2_fs *fs, uint32_t ino, char *buf, uint32_t len)
{
    struct ext2_ino ip;
    int r = get_live(fs, ino, &ip);
    if (r < 0)
        return r;
    if (!EXT2_ISLNK(ip.d.i_mode))
        return -EINVAL;
    uint64_t size = inode_size(&ip);
    if (!inode_fast_symlink(fs, &ip))
        return file_read(fs, &ip, 0, buf, len);
    if (size >= sizeof ip.d.i_block)
        return -EIO;
    if (len > size)
        len = (uint32_t)size;
    memcpy(buf, ip.d.i_block, len);
    return (int)len;
}

int ext2_stat(struct ext2_fs *fs, uint32_t ino, struct ext2_stat *st)
{
    struct ext2_ino ip;
    int r = get_live(fs, ino, &ip);
    if (r < 0)
        return r;
    st->ino = ino;
    st->mode = ip.d.i_mode;
    st->uid = ip.d.i_uid | (uint32_t)ip.d.i_uid_high << 16;
    st->gid = ip.d.i_gid | (uint32_t)ip.d.i_gid_high << 16;
    st->size = inode_size(&ip);
    st->atime = ip.d.i_atime;
    st->mtime = ip.d.i_mtime;
    st->ctime = ip.d.i_ctime;
    st->links = ip.d.i_links_count;
    st->blocks = ip.d.i_blocks;
    st->rdev_major = st->rdev_minor = 0;
    if (inode_is_device(&ip))
        inode_get_rdev(&ip, &st->rdev_major, &st->rdev_minor);
    return OK;
}

/* Only the permission bits change; the file type stays. */
int ext2_chmod(struct ext2_fs *fs, uint32_t ino, uint32_t mode)
{
    struct ext2_ino ip;
    int r = get_changeable(fs, ino, &ip);
    if (r < 0)
        return r;
    ip.d.i_mode = (uint16_t)((ip.d.i_mode & EXT2_S_IFMT) | (mode & 07777));
    ip.d.i_ctime = fs->now;
    return inode_write(fs, &ip);
}

/* An id of (uint32_t)-1 leaves that id as it is, as chown(2) does. */
int ext2_chown(struct ext2_fs *fs, uint32_t ino, uint32_t uid, uint32_t gid)
{
    struct ext2_ino ip;
    int r = get_changeable(fs, ino, &ip);
    if (r < 0)
        return r;
    if (uid != 0xffffffffu) {
        ip.d.i_uid = (uint16_t)uid;
        ip.d.i_uid_high = (uint16_t)(uid >> 16);
    }
    if (gid != 0xffffffffu) {
        ip.d.i_gid = (uint16_t)gid;
        ip.d.i_gid_high = (uint16_t)(gid >> 16);
    }
    ip.d.i_ctime = fs->now;
    return inode_write(fs, &ip);
}
