/* The ext2 on-disk format (revision 0 and 1): superblock, group descriptors, inodes and
 * directory entries, laid out exactly as on disk. All fields are little-endian on disk; the
 * supported machines (x86, ARMv7) are little-endian, so the structures are used in place. */
#ifndef EXT2_H
#define EXT2_H
#include "ext2_support.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the ext2 structures are used in place: a big-endian machine would need byte swapping"
#endif

#define EXT2_SUPER_OFFSET    1024u   /* byte offset of the primary superblock */
#define EXT2_SUPER_SIZE      1024u
#define EXT2_MAGIC           0xEF53u
#define EXT2_MIN_BLOCK_LOG   10      /* 1 KiB */
#define EXT2_MAX_BLOCK_LOG   12      /* 4 KiB: the largest the buffer cache holds */
#define EXT2_MAX_BLOCK_SIZE  (1u << EXT2_MAX_BLOCK_LOG)

#define EXT2_GOOD_OLD_REV        0
#define EXT2_DYNAMIC_REV         1
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_GOOD_OLD_FIRST_INO  11

#define EXT2_VALID_FS   0x0001  /* s_state: cleanly unmounted */

/* Reserved inode numbers. */
#define EXT2_BAD_INO    1
#define EXT2_ROOT_INO   2

/* Features. Unknown INCOMPAT ones refuse the mount, unknown RO_COMPAT ones make it read-only;
 * COMPAT ones (dir_index, resize_inode, ext_attr...) can be ignored by a writer. */
#define EXT2_FEATURE_INCOMPAT_FILETYPE       0x0002
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER  0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE    0x0002
#define EXT2_SUPPORTED_INCOMPAT   EXT2_FEATURE_INCOMPAT_FILETYPE
#define EXT2_SUPPORTED_RO_COMPAT  (EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | \
                                   EXT2_FEATURE_RO_COMPAT_LARGE_FILE)

struct ext2_super {
    uint32_t s_inodes_count;
    uint32_t s_blocks_count;
    uint32_t s_r_blocks_count;
    uint32_t s_free_blocks_count;
    uint32_t s_free_inodes_count;
    uint32_t s_first_data_block;
    uint32_t s_log_block_size;      /* block size = 1024 << s_log_block_size */
    uint32_t s_log_frag_size;
    uint32_t s_blocks_per_group;
    uint32_t s_frags_per_group;
    uint32_t s_inodes_per_group;
    uint32_t s_mtime;
    uint32_t s_wtime;
    uint16_t s_mnt_count;
    int16_t  s_max_mnt_count;
    uint16_t s_magic;
    uint16_t s_state;
    uint16_t s_errors;
    uint16_t s_minor_rev_level;
    uint32_t s_lastcheck;
    uint32_t s_checkinterval;
    uint32_t s_creator_os;
    uint32_t s_rev_level;
    uint16_t s_def_resuid;
    uint16_t s_def_resgid;
    /* Revision 1 only. */
    uint32_t s_first_ino;
    uint16_t s_inode_size;
    uint16_t s_block_group_nr;
    uint32_t s_feature_compat;
    uint32_t s_feature_incompat;
    uint32_t s_feature_ro_compat;
    uint8_t  s_uuid[16];
    char     s_volume_name[16];
    char     s_last_mounted[64];
    uint32_t s_algorithm_usage_bitmap;
    uint8_t  s_prealloc_blocks;
    uint8_t  s_prealloc_dir_blocks;
    uint16_t s_reserved_gdt_blocks;
    uint8_t  s_rest[1024 - 208];    /* journal, hash seed, ext4 fields: kept as read */
};
_Static_assert(sizeof(struct ext2_super) == EXT2_SUPER_SIZE, "superblock is 1024 bytes");

struct ext2_group_desc {
    uint32_t bg_block_bitmap;
    uint32_t bg_inode_bitmap;
    uint32_t bg_inode_table;
    uint16_t bg_free_blocks_count;
    uint16_t bg_free_inodes_count;
    uint16_t bg_used_dirs_count;
    uint16_t bg_flags;
    uint8_t  bg_reserved[12];
};
_Static_assert(sizeof(struct ext2_group_desc) == 32, "group descriptor is 32 bytes");

#define EXT2_NDIR_BLOCKS  12
#define EXT2_IND_BLOCK    12
#define EXT2_DIND_BLOCK   13
#define EXT2_TIND_BLOCK   14
#define EXT2_N_BLOCKS     15

/* The first 128 bytes of every inode; larger inodes have i_extra_isize and more after it. */
struct ext2_inode {
    uint16_t i_mode;
    uint16_t i_uid;
    uint32_t i_size;
    uint32_t i_atime;
    uint32_t i_ctime;
    uint32_t i_mtime;
    uint32_t i_dtime;
    uint16_t i_gid;
    uint16_t i_links_count;
    uint32_t i_blocks;              /* in 512-byte units, indirect blocks included */
    uint32_t i_flags;
    uint32_t i_osd1;
    uint32_t i_block[EXT2_N_BLOCKS];
    uint32_t i_generation;
    uint32_t i_file_acl;            /* extended attribute block */
    uint32_t i_size_high;           /* regular files: bits 32..63 of the size */
    uint32_t i_faddr;
    uint8_t  i_frag;
    uint8_t  i_fsize;
    uint16_t i_blocks_hi;
    uint16_t i_uid_high;
    uint16_t i_gid_high;
    uint32_t i_reserved2;
};
_Static_assert(sizeof(struct ext2_inode) == EXT2_GOOD_OLD_INODE_SIZE, "inode core is 128 bytes");

/* Inode flags we care about: a directory that had an htree index loses it when we change it. */
#define EXT2_INDEX_FL  0x00001000u

/* Mode bits (the POSIX values). */
#define EXT2_S_IFMT   0170000
#define EXT2_S_IFSOCK 0140000
#define EXT2_S_IFLNK  0120000
#define EXT2_S_IFREG  0100000
#define EXT2_S_IFBLK  0060000
#define EXT2_S_IFDIR  0040000
#define EXT2_S_IFCHR  0020000
#define EXT2_S_IFIFO  0010000
#define EXT2_ISDIR(m) (((m) & EXT2_S_IFMT) == EXT2_S_IFDIR)
#define EXT2_ISREG(m) (((m) & EXT2_S_IFMT) == EXT2_S_IFREG)
#define EXT2_ISLNK(m) (((m) & EXT2_S_IFMT) == EXT2_S_IFLNK)

/* Directory entry header; the name (not terminated) follows, padded to 4 bytes. */
struct ext2_dir_entry {
    uint32_t inode;                 /* 0: unused slot */
    uint16_t rec_len;               /* distance to the next entry */
    uint8_t  name_len;
    uint8_t  file_type;             /* with the filetype feature; 0 otherwise */
};
#define EXT2_DIRENT_HDR     8u
#define EXT2_NAME_LEN       255u
#define EXT2_DIRENT_LEN(n)  ((EXT2_DIRENT_HDR + (n) + 3u) & ~3u)

#define EXT2_FT_UNKNOWN  0
#define EXT2_FT_REG_FILE 1
#define EXT2_FT_DIR      2
#define EXT2_FT_CHRDEV   3
#define EXT2_FT_BLKDEV   4
#define EXT2_FT_FIFO     5
#define EXT2_FT_SOCK     6
#define EXT2_FT_SYMLINK  7

/* Extended attribute block header: only the reference count matters to us, when freeing. */
#define EXT2_XATTR_MAGIC 0xEA020000u

#endif
