/* FS_* requests on the name space: lookup, create, mkdir, mknod, unlink, rmdir, rename, link
 * and symlink. Every name is copied from the caller's grant and checked before the core
 * sees it. */
#include "server.h"

static char name1[EXT2_NAME_LEN + 1], name2[EXT2_NAME_LEN + 1];
static char target[EXT2_MAX_BLOCK_SIZE];

/* Copies len bytes of a name or path from a grant into out (size len + 1) and terminates it;
 * a NUL inside would make it another name, so it is refused. */
static int copy_string(endpoint_t from, grant_id_t g, uint32_t len, uint32_t max, char *out)
{
    if (len == 0)
        return -ENOENT;
    if (len > max)
        return -ENAMETOOLONG;
    int r = sys_safecopyfrom(from, g, 0, out, len);
    if (r != OK)
        return r;
    if (memchr(out, '\0', len))
        return -EINVAL;
    out[len] = '\0';
    return OK;
}

int copy_name(endpoint_t from, grant_id_t g, uint32_t len, char *out)
{
    return copy_string(from, g, len, EXT2_NAME_LEN, out);
}

/* The mount and directory of a request, and its name: the checks every call here starts with. */
static int dir_and_name(message *m, struct ext2_fs **fs)
{
    struct fs_payload *a = &m->m.fs;
    if ((*fs = mount_fs(a->mnt)) == NULL)
        return -EINVAL;
    if (!ino_ok(*fs, a->ino))
        return -EINVAL;
    return copy_name(m->m_source, a->grant, a->len, name1);
}

int do_lookup(message *m)
{
    struct fs_payload *a = &m->m.fs;
    struct ext2_fs *fs;
    uint32_t ino;
    struct ext2_stat st;
    int r = dir_and_name(m, &fs);
    if (r == OK)
        r = ext2_lookup(fs, a->ino, name1, &ino);
    if (r == OK)
        r = ext2_stat(fs, ino, &st);
    if (r < 0)
        return r;
    a->ino = ino;
    a->mode = st.mode;
    a->pos = st.size;
    return OK;
}

/* One of the core's calls that make a file, with the request's arguments. */
typedef int make_fn(struct ext2_fs *fs, const message *m, uint32_t *ino);

/* The calls that make a file: the checks, then make, then the new inode's number back to the
 * caller in ino. */
static int make_file(message *m, make_fn *make)
{
    struct ext2_fs *fs;
    uint32_t ino;
    int r = dir_and_name(m, &fs);
    if (r == OK)
        r = make(fs, m, &ino);
    if (r == OK)
        m->m.fs.ino = ino;
    return r;
}

static int make_regular(struct ext2_fs *fs, const message *m, uint32_t *ino)
{
    const struct fs_payload *a = &m->m.fs;
    return ext2_create(fs, a->ino, name1, EXT2_S_IFREG | (a->mode & 07777), a->uid, a->gid, ino);
}

/* Types that have their own call are refused here, as a type without a file would be. */
int do_create(message *m)
{
    uint32_t type = m->m.fs.mode & EXT2_S_IFMT;
    return type == 0 || type == EXT2_S_IFREG ? make_file(m, make_regular) : -EINVAL;
}

static int make_dir(struct ext2_fs *fs, const message *m, uint32_t *ino)
{
    const struct fs_payload *a = &m->m.fs;
    return ext2_mkdir(fs, a->ino, name1, a->mode & 07777, a->uid, a->gid, ino);
}

int do_mkdir(message *m)
{
    return make_file(m, make_dir);
}

/* pos carries the device number in fs.h's DEV_MAKE form. */
static int make_node(struct ext2_fs *fs, const message *m, uint32_t *ino)
{
    const struct fs_payload *a = &m->m.fs;
    uint32_t dev = (uint32_t)a->pos;
    return ext2_mknod(fs, a->ino, name1, a->mode, DEV_MAJOR(dev), DEV_MINOR(dev), a->uid, a->gid,
                      ino);
}

int do_mknod(message *m)
{
    return m->m.fs.pos > 0xffff ? -EINVAL : make_file(m, make_node);
}

int do_unlink(message *m)
{
    struct ext2_fs *fs;
    int r = dir_and_name(m, &fs);
    return r == OK ? ext2_unlink(fs, m->m.fs.ino, name1) : r;
}

int do_rmdir(message *m)
{
    struct ext2_fs *fs;
    int r = dir_and_name(m, &fs);
    return r == OK ? ext2_rmdir(fs, m->m.fs.ino, name1) : r;
}

/* dir_and_name, and the second inode (ino2) that rename and link are given. */
static int with_ino2(message *m, struct ext2_fs **fs)
{
    int r = dir_and_name(m, fs);
    if (r == OK && !ino_ok(*fs, m->m.fs.ino2))
        r = -EINVAL;
    return r;
}

int do_rename(message *m)
{
    struct fs_payload *a = &m->m.fs;
    struct ext2_fs *fs;
    int r = with_ino2(m, &fs);
    if (r == OK)
        r = copy_name(m->m_source, a->grant2, a->len2, name2);
    return r == OK ? ext2_rename(fs, a->ino, name1, a->ino2, name2) : r;
}

int do_link(message *m)
{
    struct ext2_fs *fs;
    int r = with_ino2(m, &fs);
    return r == OK ? ext2_link(fs, m->m.fs.ino, name1, m->m.fs.ino2) : r;
}

/* The target comes in the second grant. */
static int make_symlink(struct ext2_fs *fs, const message *m, uint32_t *ino)
{
    const struct fs_payload *a = &m->m.fs;
    int r = copy_string(m->m_source, a->grant2, a->len2, sizeof target - 1, target);
    return r == OK ? ext2_symlink(fs, a->ino, name1, target, a->uid, a->gid, ino) : r;
}

int do_symlink(message *m)
{
    return make_file(m, make_symlink);
}
