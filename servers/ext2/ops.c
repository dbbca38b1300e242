/* Changing the name space: create, mkdir, mknod, symlink, link, unlink, rmdir and rename.
 * Each one keeps link counts, the directory count and the free counts consistent, even on
 * failure. */
#include "ext2_int.h"

#define EXT2_LINK_MAX 32000

static bool is_dot(const char *name, uint32_t len)
{
    return (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
}

/* Checks name for a new entry in directory dir (held in *dp); *len gets its length. */
static int prepare_new(struct ext2_fs *fs, uint32_t dir, const char *name, struct ext2_ino *dp,
                       uint32_t *len)
{
    if (fs->rdonly)
        return -EROFS;
    int r = names_check(name, len);
    if (r == OK)
        r = names_get_dir(fs, dir, dp);
    if (r < 0)
        return r;
    uint32_t ino;
    r = dir_lookup(fs, dp, name, *len, &ino);
    if (r == OK)
        return -EEXIST;
    return r == -ENOENT ? OK : r;
}

/* A new inode near dir, initialised and with one link; not written yet. */
static int new_inode(struct ext2_fs *fs, struct ext2_ino *dp, uint32_t mode, uint32_t uid,
                     uint32_t gid, struct ext2_ino *ip)
{
    uint32_t num;
    int r = alloc_inode(fs, dp->num, EXT2_ISDIR(mode), &num);
    if (r < 0)
        return r;
    if ((r = inode_init(fs, num, mode, uid, gid, ip)) < 0) {
        free_inode(fs, num, EXT2_ISDIR(mode));
        return r;
    }
    ip->d.i_links_count = 1;
    return OK;
}

/* Writes the new inode and enters it in the directory; undoes the inode if that fails. */
static int commit_new(struct ext2_fs *fs, struct ext2_ino *dp, const char *name, uint32_t len,
                      struct ext2_ino *ip, uint32_t *ino)
{
    int r = inode_write(fs, ip);
    if (r == OK)
        r = dir_add(fs, dp, name, len, ip->num, ip->d.i_mode);
    if (r < 0) {
        inode_release(fs, ip);
        return r;
    }
    if (ino != NULL)
        *ino = ip->num;
    return OK;
}

int ext2_create(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t mode,
                uint32_t uid, uint32_t gid, uint32_t *ino)
{
    if ((mode & EXT2_S_IFMT) == 0)
        mode |= EXT2_S_IFREG;
    if (EXT2_ISDIR(mode) || EXT2_ISLNK(mode))
        return -EINVAL;         /* ext2_mkdir and ext2_symlink make those */
    struct ext2_ino d, ip;
    uint32_t len;
    int r = prepare_new(fs, dir, name, &d, &len);
    if (r == OK)
        r = new_inode(fs, &d, mode, uid, gid, &ip);
    if (r == OK)
        r = commit_new(fs, &d, name, len, &ip, ino);
    return r;
}

int ext2_mkdir(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t mode,
               uint32_t uid, uint32_t gid, uint32_t *ino)
{
    struct ext2_ino d, ip;
    uint32_t len;
    int r = prepare_new(fs, dir, name, &d, &len);
    if (r < 0)
        return r;
    if (d.d.i_links_count >= EXT2_LINK_MAX)
        return -EMLINK;
    mode = EXT2_S_IFDIR | (mode & 07777);
    if ((r = new_inode(fs, &d, mode, uid, gid, &ip)) < 0)
        return r;
    if ((r = dir_init(fs, &ip, d.num)) < 0) {
        inode_release(fs, &ip);
        return r;
    }
    if ((r = commit_new(fs, &d, name, len, &ip, ino)) < 0)
        return r;
    d.d.i_links_count++;        /* the new directory's .. */
    return inode_write(fs, &d);
}

int ext2_mknod(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t mode,
               uint32_t major, uint32_t minor, uint32_t uid, uint32_t gid, uint32_t *ino)
{
    uint32_t type = mode & EXT2_S_IFMT;
    if (type != EXT2_S_IFCHR && type != EXT2_S_IFBLK && type != EXT2_S_IFIFO &&
        type != EXT2_S_IFSOCK)
        return -EINVAL;
    bool device = type == EXT2_S_IFCHR || type == EXT2_S_IFBLK;
    if (device && !inode_rdev_fits(major, minor))
        return -EINVAL;
    struct ext2_ino d, ip;
    uint32_t len;
    int r = prepare_new(fs, dir, name, &d, &len);
    if (r == OK)
        r = new_inode(fs, &d, type | (mode & 07777), uid, gid, &ip);
    if (r < 0)
        return r;
    if (device)
        inode_set_rdev(&ip, major, minor);
    return commit_new(fs, &d, name, len, &ip, ino);
}

/* Short targets live in i_block (a fast symlink); longer ones in a data block. */
int ext2_symlink(struct ext2_fs *fs, uint32_t dir, const char *name, const char *target,
                 uint32_t uid, uint32_t gid, uint32_t *ino)
{
    size_t tlen = strlen(target);
    if (tlen == 0)
        return -ENOENT;
    if (tlen >= fs->block_size)
        return -ENAMETOOLONG;
    struct ext2_ino d, ip;
    uint32_t len;
    int r = prepare_new(fs, dir, name, &d, &len);
    if (r == OK)
        r = new_inode(fs, &d, EXT2_S_IFLNK | 0777, uid, gid, &ip);
    if (r < 0)
        return r;
    if (tlen < sizeof ip.d.i_block) {
        memcpy(ip.d.i_block, target, tlen);
        inode_set_size(&ip, tlen);
    } else if ((r = file_write(fs, &ip, 0, target, (uint32_t)tlen)) != (int)tlen) {
        inode_release(fs, &ip);
        return r < 0 ? r : -ENOSPC;
    }
    return commit_new(fs, &d, name, len, &ip, ino);
}

int ext2_link(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t ino)
{
    struct ext2_ino d, ip;
    uint32_t len;
    int r = prepare_new(fs, dir, name, &d, &len);
    if (r == OK)
        r = inode_read(fs, ino, &ip);
    if (r < 0)
        return r;
    if (ip.d.i_links_count == 0)
        return -ENOENT;
    if (EXT2_ISDIR(ip.d.i_mode))
        return -EPERM;
    if (ip.d.i_links_count >= EXT2_LINK_MAX)
        return -EMLINK;
    if ((r = dir_add(fs, &d, name, len, ino, ip.d.i_mode)) < 0)
        return r;
    ip.d.i_links_count++;
    ip.d.i_ctime = fs->now;
    return inode_write(fs, &ip);
}

/* One link fewer; the inode goes with its last one. */
static int drop_link(struct ext2_fs *fs, struct ext2_ino *ip)
{
    if (ip->d.i_links_count > 0)
        ip->d.i_links_count--;
    if (EXT2_ISDIR(ip->d.i_mode) || ip->d.i_links_count == 0)
        return inode_release(fs, ip);
    ip->d.i_ctime = fs->now;
    return inode_write(fs, ip);
}

/* The directory and the inode an existing name refers to. */
static int find_entry(struct ext2_fs *fs, uint32_t dir, const char *name, struct ext2_ino *dp,
                      uint32_t *len, struct ext2_ino *ip)
{
    if (fs->rdonly)
        return -EROFS;
    uint32_t ino;
    int r = names_check(name, len);
    if (r == OK)
        r = names_get_dir(fs, dir, dp);
    if (r == OK)
        r = dir_lookup(fs, dp, name, *len, &ino);
    if (r == OK)
        r = inode_read(fs, ino, ip);
    return r;
}

/* unlink (a name of anything but a directory) and rmdir (an empty directory's name). */
static int remove_name(struct ext2_fs *fs, uint32_t dir, const char *name, bool is_dir)
{
    struct ext2_ino d, ip;
    uint32_t len;
    int r = find_entry(fs, dir, name, &d, &len, &ip);
    if (r < 0)
        return r;
    if (EXT2_ISDIR(ip.d.i_mode) != is_dir)
        return is_dir ? -ENOTDIR : -EISDIR;
    if (is_dir && is_dot(name, len))
        return len == 1 ? -EINVAL : -ENOTEMPTY;
    if (is_dir && (r = dir_empty(fs, &ip)) < 0)
        return r;
    if ((r = dir_remove(fs, &d, name, len)) < 0)
        return r;
    if ((r = drop_link(fs, &ip)) < 0 || !is_dir)
        return r;
    if (d.d.i_links_count > 2)
        d.d.i_links_count--;    /* the removed directory's .. */
    return inode_write(fs, &d);
}

int ext2_unlink(struct ext2_fs *fs, uint32_t dir, const char *name)
{
    return remove_name(fs, dir, name, false);
}

int ext2_rmdir(struct ext2_fs *fs, uint32_t dir, const char *name)
{
    return remove_name(fs, dir, name, true);
}

/* -EINVAL if directory ino is dir or one of its ancestors (a move into its own subtree). */
static int check_not_ancestor(struct ext2_fs *fs, uint32_t ino, uint32_t dir)
{
    for (uint32_t steps = 0; steps < fs->sb.s_inodes_count; steps++) {
        if (dir == ino)
            return -EINVAL;
        if (dir == EXT2_ROOT_INO)
            return OK;
        struct ext2_ino dp;
        int r = names_get_dir(fs, dir, &dp);
        if (r == OK)
            r = dir_lookup(fs, &dp, "..", 2, &dir);
        if (r < 0)
            return r;
    }
    return -EIO;                /* a loop of .. entries: corrupt */
}

/* The target name exists: it goes, if the kinds agree, and the entry is pointed at src. */
static int replace_target(struct ext2_fs *fs, struct ext2_ino *dd, const char *name,
                          uint32_t len, struct ext2_ino *src, uint32_t dino)
{
    struct ext2_ino old;
    int r = inode_read(fs, dino, &old);
    if (r < 0)
        return r;
    bool src_dir = EXT2_ISDIR(src->d.i_mode), old_dir = EXT2_ISDIR(old.d.i_mode);
    if (src_dir && !old_dir)
        return -ENOTDIR;
    if (!src_dir && old_dir)
        return -EISDIR;
    if (old_dir && (r = dir_empty(fs, &old)) < 0)
        return r;
    if ((r = dir_set(fs, dd, name, len, src->num, src->d.i_mode)) < 0)
        return r;
    if (old_dir && dd->d.i_links_count > 2)
        dd->d.i_links_count--;  /* the replaced directory's .. */
    return drop_link(fs, &old);
}

struct rename_ctx {
    struct ext2_ino sd, dd_own, src;
    struct ext2_ino *dd;        /* &sd when both directories are the same */
    uint32_t slen, dlen;
};

static int rename_prepare(struct ext2_fs *fs, struct rename_ctx *c, uint32_t sdir,
                          const char *sname, uint32_t ddir, const char *dname)
{
    int r = find_entry(fs, sdir, sname, &c->sd, &c->slen, &c->src);
    if (r < 0)
        return r;
    if ((r = names_check(dname, &c->dlen)) < 0)
        return r;
    if (is_dot(sname, c->slen) || is_dot(dname, c->dlen))
        return -EINVAL;
    c->dd = &c->sd;
    if (ddir != sdir) {
        c->dd = &c->dd_own;
        if ((r = names_get_dir(fs, ddir, c->dd)) < 0)
            return r;
        if (EXT2_ISDIR(c->src.d.i_mode) && (r = check_not_ancestor(fs, c->src.num, ddir)) < 0)
            return r;
    }
    return OK;
}

int ext2_rename(struct ext2_fs *fs, uint32_t sdir, const char *sname,
                uint32_t ddir, const char *dname)
{
    struct rename_ctx c;
    int r = rename_prepare(fs, &c, sdir, sname, ddir, dname);
    if (r < 0)
        return r;
    uint32_t dino;
    r = dir_lookup(fs, c.dd, dname, c.dlen, &dino);
    if (r == OK && dino == c.src.num)
        return OK;              /* two names of one file: nothing to do */
    if (r == OK)
        r = replace_target(fs, c.dd, dname, c.dlen, &c.src, dino);
    else if (r == -ENOENT)
        r = dir_add(fs, c.dd, dname, c.dlen, c.src.num, c.src.d.i_mode);
    if (r == OK)
        r = dir_remove(fs, &c.sd, sname, c.slen);
    if (r < 0)
        return r;
    if (EXT2_ISDIR(c.src.d.i_mode) && c.dd != &c.sd) {
        if ((r = dir_set(fs, &c.src, "..", 2, ddir, EXT2_S_IFDIR)) < 0)
            return r;
        c.sd.d.i_links_count--;
        c.dd->d.i_links_count++;
    }
    c.src.d.i_ctime = fs->now;
    r = inode_write(fs, &c.src);
    if (r == OK)
        r = inode_write(fs, &c.sd);
    if (r == OK && c.dd != &c.sd)
        r = inode_write(fs, c.dd);
    return r;
}
