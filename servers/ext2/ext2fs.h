/* The ext2 file-system core's interface: mount an image through a block device, then work on
 * it by inode number. The file server wraps these calls in its message loop. Every call
 * returns 0 (or a count) on success and a negative error number (-ENOENT...) on failure. */
#ifndef EXT2FS_H
#define EXT2FS_H
#include "ext2.h"

/* Byte-addressed storage under the file system; both calls return 0 or a negative error. */
struct ext2_dev {
    void *ctx;
    int (*read)(void *ctx, uint64_t byte_off, void *buf, uint32_t len);
    int (*write)(void *ctx, uint64_t byte_off, const void *buf, uint32_t len);
};

/* Enough buffers for the deepest path (three indirect levels, bitmaps, descriptors, a
 * directory block) with plenty left over for caching. */
#define EXT2_CACHE_BLOCKS 64

struct ext2_buf {
    uint32_t block;
    bool valid, dirty;
    uint32_t refs;                  /* held buffers are never evicted */
    uint64_t last_use;              /* LRU stamp */
    uint8_t data[EXT2_MAX_BLOCK_SIZE];
};

struct ext2_fs {
    struct ext2_dev dev;
    struct ext2_super sb;
    bool sb_dirty;
    bool rdonly;
    uint32_t block_size;
    uint32_t inode_size;
    uint32_t groups;
    uint32_t first_ino;
    uint32_t ptrs_per_block;        /* block numbers in an indirect block */
    uint32_t now;                   /* seconds since 1970, for timestamps: ext2_set_time() */
    uint64_t tick;
    struct ext2_buf cache[EXT2_CACHE_BLOCKS];
};

#define EXT2_MOUNT_RDONLY 0x1

struct ext2_stat {
    uint32_t ino;
    uint32_t mode;                  /* type and permission bits */
    uint32_t uid, gid;
    uint64_t size;
    uint32_t atime, mtime, ctime;
    uint32_t links;
    uint64_t blocks;                /* 512-byte units */
    uint32_t rdev_major, rdev_minor;    /* device files only; 0 for the rest */
};

struct ext2_dirent {
    uint32_t ino;
    uint8_t type;                   /* EXT2_FT_*, or 0 without the filetype feature */
    uint8_t name_len;
    char name[EXT2_NAME_LEN + 1];   /* terminated */
};

/* Mounting. */
int ext2_mount(struct ext2_fs *fs, const struct ext2_dev *dev, int flags);
int ext2_sync(struct ext2_fs *fs);
int ext2_unmount(struct ext2_fs *fs);
void ext2_set_time(struct ext2_fs *fs, uint32_t now);

/* Names. */
int ext2_lookup(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t *ino);
int ext2_namei(struct ext2_fs *fs, const char *path, uint32_t *ino);
int ext2_readdir(struct ext2_fs *fs, uint32_t dir, uint64_t *pos, struct ext2_dirent *out);

/* Creating and removing. */
int ext2_create(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t mode,
                uint32_t uid, uint32_t gid, uint32_t *ino);
int ext2_mkdir(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t mode,
               uint32_t uid, uint32_t gid, uint32_t *ino);
/* A device file (EXT2_S_IFCHR or EXT2_S_IFBLK, with its major and minor), a FIFO or a
 * socket (the numbers are ignored); mode holds the type and the permission bits. */
int ext2_mknod(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t mode,
               uint32_t major, uint32_t minor, uint32_t uid, uint32_t gid, uint32_t *ino);
int ext2_symlink(struct ext2_fs *fs, uint32_t dir, const char *name, const char *target,
                 uint32_t uid, uint32_t gid, uint32_t *ino);
int ext2_link(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t ino);
int ext2_unlink(struct ext2_fs *fs, uint32_t dir, const char *name);
int ext2_rmdir(struct ext2_fs *fs, uint32_t dir, const char *name);
int ext2_rename(struct ext2_fs *fs, uint32_t sdir, const char *sname,
                uint32_t ddir, const char *dname);

/* File data. */
int ext2_read(struct ext2_fs *fs, uint32_t ino, uint64_t off, void *buf, uint32_t len);
int ext2_write(struct ext2_fs *fs, uint32_t ino, uint64_t off, const void *buf, uint32_t len);
int ext2_truncate(struct ext2_fs *fs, uint32_t ino, uint64_t size);
int ext2_readlink(struct ext2_fs *fs, uint32_t ino, char *buf, uint32_t len);

/* Attributes. */
int ext2_stat(struct ext2_fs *fs, uint32_t ino, struct ext2_stat *st);
int ext2_chmod(struct ext2_fs *fs, uint32_t ino, uint32_t mode);
int ext2_chown(struct ext2_fs *fs, uint32_t ino, uint32_t uid, uint32_t gid);

#endif
