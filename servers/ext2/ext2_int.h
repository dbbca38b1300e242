/* Internal interfaces shared by the ext2 core's source files (not for the file server). */
#ifndef EXT2_INT_H
#define EXT2_INT_H
#include "ext2fs.h"

/* An inode held in memory while a call works on it: the 128-byte core plus where it lives. */
struct ext2_ino {
    uint32_t num;
    struct ext2_inode d;
};

/* cache.c */
void bc_init(struct ext2_fs *fs);
int bc_get(struct ext2_fs *fs, uint32_t block, struct ext2_buf **out);
int bc_get_zero(struct ext2_fs *fs, uint32_t block, struct ext2_buf **out);
int bc_get_ahead(struct ext2_fs *fs, uint32_t block, uint32_t ahead, struct ext2_buf **out);
void bc_dirty(struct ext2_buf *b);
void bc_put(struct ext2_buf *b);
void bc_forget(struct ext2_fs *fs, uint32_t block);
int bc_flush(struct ext2_fs *fs);
bool block_ok(const struct ext2_fs *fs, uint32_t block);

/* super.c */
int gd_get(struct ext2_fs *fs, uint32_t group, struct ext2_buf **buf,
           struct ext2_group_desc **gd);
bool fs_has_filetype(const struct ext2_fs *fs);
uint64_t fs_max_size(const struct ext2_fs *fs);

/* alloc.c */
int alloc_block(struct ext2_fs *fs, uint32_t goal, uint32_t *block);
int free_block(struct ext2_fs *fs, uint32_t block);
int alloc_inode(struct ext2_fs *fs, uint32_t dir, bool is_dir, uint32_t *ino);
int free_inode(struct ext2_fs *fs, uint32_t ino, bool is_dir);

/* inode.c */
int inode_read(struct ext2_fs *fs, uint32_t num, struct ext2_ino *ip);
int inode_write(struct ext2_fs *fs, struct ext2_ino *ip);
int inode_init(struct ext2_fs *fs, uint32_t num, uint32_t mode, uint32_t uid, uint32_t gid,
               struct ext2_ino *ip);
uint64_t inode_size(const struct ext2_ino *ip);
void inode_set_size(struct ext2_ino *ip, uint64_t size);
bool inode_is_device(const struct ext2_ino *ip);
bool inode_rdev_fits(uint32_t major, uint32_t minor);
void inode_set_rdev(struct ext2_ino *ip, uint32_t major, uint32_t minor);
void inode_get_rdev(const struct ext2_ino *ip, uint32_t *major, uint32_t *minor);
bool inode_fast_symlink(const struct ext2_fs *fs, const struct ext2_ino *ip);
int inode_bmap(struct ext2_fs *fs, struct ext2_ino *ip, uint64_t lbn, bool alloc,
               uint32_t *block);
int inode_shrink(struct ext2_fs *fs, struct ext2_ino *ip, uint64_t size);
int inode_release(struct ext2_fs *fs, struct ext2_ino *ip);

/* file.c */
int file_read(struct ext2_fs *fs, struct ext2_ino *ip, uint64_t off, void *buf, uint32_t len);
int file_write(struct ext2_fs *fs, struct ext2_ino *ip, uint64_t off, const void *buf,
               uint32_t len);

/* dir.c */
int dir_lookup(struct ext2_fs *fs, struct ext2_ino *dp, const char *name, uint32_t len,
               uint32_t *ino);
int dir_add(struct ext2_fs *fs, struct ext2_ino *dp, const char *name, uint32_t len,
            uint32_t ino, uint32_t mode);
int dir_remove(struct ext2_fs *fs, struct ext2_ino *dp, const char *name, uint32_t len);
int dir_set(struct ext2_fs *fs, struct ext2_ino *dp, const char *name, uint32_t len,
            uint32_t ino, uint32_t mode);
int dir_empty(struct ext2_fs *fs, struct ext2_ino *dp);
int dir_init(struct ext2_fs *fs, struct ext2_ino *dp, uint32_t parent);
uint8_t dir_ftype(const struct ext2_fs *fs, uint32_t mode);

/* names.c */
int names_get_dir(struct ext2_fs *fs, uint32_t ino, struct ext2_ino *dp);
int names_check(const char *name, uint32_t *len);

#endif
