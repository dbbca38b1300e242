/* FS_* requests on file contents and attributes: stat, read, write, truncate, readlink,
 * chmod, chown, and directory listings as fs_dirent records. Data moves between the core
 * and the caller's grant in pieces through one bounce buffer. */
#include "server.h"

#define BOUNCE_SIZE (32 * 1024)

static uint8_t bounce[BOUNCE_SIZE];

/* The mount and inode every call here works on. */
static struct ext2_fs *file_of(const message *m)
{
    struct ext2_fs *fs = mount_fs(m->m.fs.mnt);
    return fs && ino_ok(fs, m->m.fs.ino) ? fs : NULL;
}

int do_stat(message *m)
{
    struct ext2_fs *fs = file_of(m);
    struct ext2_stat st;
    if (fs == NULL)
        return -EINVAL;
    int r = ext2_stat(fs, m->m.fs.ino, &st);
    if (r < 0)
        return r;
    struct vfs_stat out = {
        .dev = m->m.fs.mnt,
        .ino = st.ino,
        .mode = st.mode,
        .nlink = st.links,
        .uid = st.uid,
        .gid = st.gid,
        .rdev = DEV_MAKE(st.rdev_major, st.rdev_minor),
        .size = st.size,
        .blocks = st.blocks,
        .blksize = fs->block_size,
        .atime = st.atime,
        .mtime = st.mtime,
        .ctime = st.ctime,
    };
    return sys_safecopyto(m->m_source, m->m.fs.grant, 0, &out, sizeof out);
}

/* The count of a transfer, kept inside the int of the reply. Positions with the top bit set
 * (negative as an off_t) are refused by the callers, so pos + count cannot wrap. */
static uint32_t transfer_len(const message *m)
{
    return m->m.fs.len > 0x7fffffffu ? 0x7fffffffu : m->m.fs.len;
}

/* One piece of a transfer, at byte done of it: the bytes moved, or an error. */
typedef int piece_fn(struct ext2_fs *fs, const message *m, uint32_t done, uint32_t n);

/* A piece of a read: file -> bounce buffer -> caller. */
static int read_piece(struct ext2_fs *fs, const message *m, uint32_t done, uint32_t n)
{
    int r = ext2_read(fs, m->m.fs.ino, m->m.fs.pos + done, bounce, n);
    if (r > 0) {
        int c = sys_safecopyto(m->m_source, m->m.fs.grant, done, bounce, (size_t)r);
        if (c != OK)
            r = c;
    }
    return r;
}

/* A piece of a write: caller -> bounce buffer -> file. */
static int write_piece(struct ext2_fs *fs, const message *m, uint32_t done, uint32_t n)
{
    int r = sys_safecopyfrom(m->m_source, m->m.fs.grant, done, bounce, n);
    return r == OK ? ext2_write(fs, m->m.fs.ino, m->m.fs.pos + done, bounce, n) : r;
}

/* A read or write in pieces of the bounce buffer's size. Bytes done are the answer once there
 * are any; an error only when nothing moved. A short piece ends it: the end of the file, or a
 * full disk. */
static int transfer(message *m, piece_fn *piece)
{
    struct ext2_fs *fs = file_of(m);
    if (fs == NULL || m->m.fs.pos >> 63)
        return -EINVAL;
    uint32_t len = transfer_len(m), done = 0;
    while (done < len) {
        uint32_t n = len - done < BOUNCE_SIZE ? len - done : BOUNCE_SIZE;
        int r = piece(fs, m, done, n);
        if (r <= 0)
            return done > 0 ? (int)done : r;
        done += (uint32_t)r;
        if ((uint32_t)r < n)
            break;
    }
    return (int)done;
}

int do_read(message *m)
{
    return transfer(m, read_piece);
}

int do_write(message *m)
{
    return transfer(m, write_piece);
}

int do_truncate(message *m)
{
    struct ext2_fs *fs = file_of(m);
    return fs ? ext2_truncate(fs, m->m.fs.ino, m->m.fs.pos) : -EINVAL;
}

int do_readlink(message *m)
{
    struct ext2_fs *fs = file_of(m);
    if (fs == NULL)
        return -EINVAL;
    uint32_t len = m->m.fs.len < BOUNCE_SIZE ? m->m.fs.len : BOUNCE_SIZE;
    int r = ext2_readlink(fs, m->m.fs.ino, (char *)bounce, len);
    if (r <= 0)
        return r;
    int c = sys_safecopyto(m->m_source, m->m.fs.grant, 0, bounce, (size_t)r);
    return c == OK ? r : c;
}

int do_chmod(message *m)
{
    struct ext2_fs *fs = file_of(m);
    return fs ? ext2_chmod(fs, m->m.fs.ino, m->m.fs.mode & 07777) : -EINVAL;
}

int do_chown(message *m)
{
    struct ext2_fs *fs = file_of(m);
    return fs ? ext2_chown(fs, m->m.fs.ino, m->m.fs.uid, m->m.fs.gid) : -EINVAL;
}

static uint8_t dirent_type(uint8_t ext2_type)
{
    switch (ext2_type) {
    case EXT2_FT_REG_FILE: return FS_DT_REG;
    case EXT2_FT_DIR:      return FS_DT_DIR;
    case EXT2_FT_CHRDEV:   return FS_DT_CHR;
    case EXT2_FT_BLKDEV:   return FS_DT_BLK;
    case EXT2_FT_FIFO:     return FS_DT_FIFO;
    case EXT2_FT_SOCK:     return FS_DT_SOCK;
    case EXT2_FT_SYMLINK:  return FS_DT_LNK;
    default:               return FS_DT_UNKNOWN;
    }
}

/* Records are gathered in the bounce buffer and copied out whenever it fills. */
struct dents {
    const message *m;
    uint32_t room;              /* what the caller's buffer holds */
    uint32_t sent, used;        /* bytes copied out, bytes waiting in the bounce buffer */
};

static int dents_flush(struct dents *d)
{
    if (d->used == 0)
        return OK;
    int r = sys_safecopyto(d->m->m_source, d->m->m.fs.grant, d->sent, bounce, d->used);
    if (r == OK) {
        d->sent += d->used;
        d->used = 0;
    }
    return r;
}

/* 1 if the entry was added, 0 if the caller's buffer has no room for it. */
static int dents_add(struct dents *d, const struct ext2_dirent *e)
{
    uint32_t reclen = (uint32_t)(sizeof(struct fs_dirent) + e->name_len + 1 + 3) & ~3u;
    if (d->sent + d->used + reclen > d->room)
        return 0;
    if (d->used + reclen > BOUNCE_SIZE) {
        int r = dents_flush(d);
        if (r < 0)
            return r;
    }
    struct fs_dirent hdr = { e->ino, (uint16_t)reclen, dirent_type(e->type), e->name_len };
    uint8_t *at = bounce + d->used;
    memset(at, 0, reclen);
    memcpy(at, &hdr, sizeof hdr);
    memcpy(at + sizeof hdr, e->name, e->name_len);
    d->used += reclen;
    return 1;
}

/* pos is the cookie: a byte offset in the directory, where the next call goes on. */
int do_getdents(message *m)
{
    struct ext2_fs *fs = file_of(m);
    if (fs == NULL)
        return -EINVAL;
    struct dents d = { m, m->m.fs.len, 0, 0 };
    uint64_t pos = m->m.fs.pos;
    bool full = false;
    int r;
    for (;;) {
        struct ext2_dirent e;
        uint64_t next = pos;
        if ((r = ext2_readdir(fs, m->m.fs.ino, &next, &e)) <= 0)
            break;
        if ((r = dents_add(&d, &e)) < 0)
            return r;           /* the caller's grant failed */
        if (r == 0) {
            full = true;
            break;
        }
        pos = next;
    }
    if (d.sent + d.used == 0 && r < 0)
        return r;
    if (d.sent + d.used == 0 && full)
        return -EINVAL;         /* not even one entry fits */
    if ((r = dents_flush(&d)) < 0)
        return r;
    m->m.fs.pos = pos;
    return (int)d.sent;
}
