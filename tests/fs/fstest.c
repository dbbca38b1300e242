/* fstest: the ext2 file server driven directly by FS_* messages, on an image (fsimage.c, made
 * by mkimage.py) written into the memory driver's RAM disk: what mke2fs put there reads back,
 * every change the protocol offers, the errors, a remount, a driver restart under a mount,
 * and a corrupt image refused. */
#include <stdbool.h>
#include <testjob.h>
#include "fsimage.h"
#include "../../lib/common/string.h"

#define BIG_SIZE (64 * 1024)        /* big.bin, as mkimage.py makes it */

static endpoint_t server, drv;
static uint32_t mnt, root;
static uint8_t buf[128 * 1024];
static uint8_t zeros[8192];

static uint8_t big_byte(uint32_t i)
{
    return (uint8_t)(i * 131 + (i >> 9));
}

static uint8_t new_byte(uint32_t i)
{
    return (uint8_t)(i * 7 + 13 + (i >> 11));
}

static void sleep_ticks(uint32_t ticks)
{
    message m;
    sys_setalarm(ticks);
    ipc_receive(CLOCK, &m);
}

/* ---- the RAM disk, straight through the driver ---- */

static int dev_io(int type, uint64_t pos, const void *data, uint32_t len)
{
    grant_id_t g = grant_make(drv, (void *)(uintptr_t)data, len,
                              type == DEV_READ ? GRANT_WRITE : GRANT_READ);
    message m = { 0 };
    m.m.dev.minor = 0;
    m.m.dev.pos = pos;
    m.m.dev.grant = g;
    m.m.dev.count = len;
    int r = call(drv, &m, type);
    grant_revoke(g);
    return r;
}

/* Zeros over the image's size, then its non-zero runs. */
static bool write_image(void)
{
    message m = { 0 };
    m.m.dev.access = DEV_ACCESS_READ | DEV_ACCESS_WRITE;
    if (call(drv, &m, DEV_OPEN) != OK)
        return false;
    for (uint32_t off = 0; off < fs_image_size; off += sizeof zeros)
        if (dev_io(DEV_WRITE, off, zeros, sizeof zeros) != (int)sizeof zeros)
            return false;
    for (uint32_t i = 0; i < fs_image_nruns; i++) {
        const struct image_run *run = &fs_image_runs[i];
        if (dev_io(DEV_WRITE, run->offset, run->data, run->len) != (int)run->len)
            return false;
    }
    return true;
}

/* ---- FS_* requests; names and buffers go by grants made for the server ---- */

static int fs_call(int type, message *m)
{
    if (m->m.fs.mnt == 0 && type != FS_MOUNT && type != FS_SYNC)
        m->m.fs.mnt = mnt;
    return call(server, m, type);
}

static grant_id_t give(const void *p, uint32_t len, uint32_t access)
{
    return grant_make(server, (void *)(uintptr_t)p, len ? len : 1, access);
}

static int named(int type, message *m, uint32_t dir, const char *name)
{
    uint32_t len = (uint32_t)strlen(name);
    m->m.fs.ino = dir;
    m->m.fs.grant = give(name, len, GRANT_READ);
    m->m.fs.len = len;
    int r = fs_call(type, m);
    grant_revoke(m->m.fs.grant);
    return r;
}

static int fs_lookup(uint32_t dir, const char *name, uint32_t *ino)
{
    message m = { 0 };
    int r = named(FS_LOOKUP, &m, dir, name);
    *ino = r == OK ? m.m.fs.ino : 0;
    return r;
}

static int fs_make(int type, uint32_t dir, const char *name, uint32_t mode, uint32_t *ino)
{
    message m = { 0 };
    m.m.fs.mode = mode;
    m.m.fs.uid = 100;
    m.m.fs.gid = 200;
    int r = named(type, &m, dir, name);
    if (ino)
        *ino = r == OK ? m.m.fs.ino : 0;
    return r;
}

static int fs_mknod(uint32_t dir, const char *name, uint32_t mode, uint32_t dev, uint32_t *ino)
{
    message m = { 0 };
    m.m.fs.mode = mode;
    m.m.fs.pos = dev;
    int r = named(FS_MKNOD, &m, dir, name);
    *ino = r == OK ? m.m.fs.ino : 0;
    return r;
}

static int fs_remove(int type, uint32_t dir, const char *name)
{
    message m = { 0 };
    return named(type, &m, dir, name);
}

static int fs_rename(uint32_t d1, const char *n1, uint32_t d2, const char *n2)
{
    message m = { 0 };
    m.m.fs.ino2 = d2;
    m.m.fs.len2 = (uint32_t)strlen(n2);
    m.m.fs.grant2 = give(n2, m.m.fs.len2, GRANT_READ);
    int r = named(FS_RENAME, &m, d1, n1);
    grant_revoke(m.m.fs.grant2);
    return r;
}

static int fs_link(uint32_t dir, const char *name, uint32_t ino)
{
    message m = { 0 };
    m.m.fs.ino2 = ino;
    return named(FS_LINK, &m, dir, name);
}

static int fs_symlink(uint32_t dir, const char *name, const char *target, uint32_t *ino)
{
    message m = { 0 };
    m.m.fs.len2 = (uint32_t)strlen(target);
    m.m.fs.grant2 = give(target, m.m.fs.len2, GRANT_READ);
    int r = named(FS_SYMLINK, &m, dir, name);
    grant_revoke(m.m.fs.grant2);
    *ino = r == OK ? m.m.fs.ino : 0;
    return r;
}

/* FS_READ, FS_WRITE, FS_READLINK, FS_GETDENTS, FS_STAT: one buffer by grant. */
static int io(int type, uint32_t ino, uint64_t *pos, void *p, uint32_t len)
{
    message m = { 0 };
    m.m.fs.ino = ino;
    m.m.fs.pos = pos ? *pos : 0;
    m.m.fs.len = len;
    m.m.fs.grant = give(p, len, type == FS_WRITE ? GRANT_READ : GRANT_WRITE);
    int r = fs_call(type, &m);
    grant_revoke(m.m.fs.grant);
    if (pos)
        *pos = m.m.fs.pos;
    return r;
}

static int fs_read(uint32_t ino, uint64_t pos, void *p, uint32_t len)
{
    return io(FS_READ, ino, &pos, p, len);
}

static int fs_write(uint32_t ino, uint64_t pos, const void *p, uint32_t len)
{
    return io(FS_WRITE, ino, &pos, (void *)(uintptr_t)p, len);
}

static int fs_stat(uint32_t ino, struct vfs_stat *st)
{
    memset(st, 0, sizeof *st);
    return io(FS_STAT, ino, NULL, st, sizeof *st);
}

static int fs_attr(int type, uint32_t ino, uint64_t pos, uint32_t mode, uint32_t uid, uint32_t gid)
{
    message m = { 0 };
    m.m.fs.ino = ino;
    m.m.fs.pos = pos;
    m.m.fs.mode = mode;
    m.m.fs.uid = uid;
    m.m.fs.gid = gid;
    return fs_call(type, &m);
}

static int fs_mount(const char *label, uint32_t minor, uint32_t flags, uint32_t *out_flags)
{
    message m = { 0 };
    m.m.fs.flags = flags;
    int r = named(FS_MOUNT, &m, minor, label);
    if (r == OK) {
        mnt = m.m.fs.mnt;
        root = m.m.fs.ino;
        if (out_flags)
            *out_flags = m.m.fs.flags;
    }
    return r;
}

static int fs_unmount(void)
{
    message m = { 0 };
    return fs_call(FS_UNMOUNT, &m);
}

static bool is_big(const uint8_t *p, uint32_t from, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++)
        if (p[i] != big_byte(from + i))
            return false;
    return true;
}

static bool is_zero(const uint8_t *p, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++)
        if (p[i] != 0)
            return false;
    return true;
}

/* ---- directory listings ---- */

#define MAX_NAMES 16
struct listing {
    int count;
    char name[MAX_NAMES][32];
    uint8_t type[MAX_NAMES];
    uint32_t ino[MAX_NAMES];
    bool well_formed;
};

/* Every entry of a directory, reading with a buffer of room bytes; -1 on an error. */
static int list(uint32_t dir, uint32_t room, struct listing *l)
{
    memset(l, 0, sizeof *l);
    l->well_formed = true;
    uint64_t cookie = 0;
    for (int calls = 0; calls < 100; calls++) {
        int r = io(FS_GETDENTS, dir, &cookie, buf, room);
        if (r <= 0)
            return r;
        for (int off = 0; off < r;) {
            struct fs_dirent d;
            memcpy(&d, buf + off, sizeof d);
            const char *name = (const char *)buf + off + sizeof d;
            if (d.reclen % 4 || d.reclen < sizeof d + d.namelen + 1u || off + d.reclen > r ||
                name[d.namelen] != '\0' || strlen(name) != d.namelen || d.namelen >= 32) {
                l->well_formed = false;
                return -1;
            }
            if (l->count < MAX_NAMES) {
                memcpy(l->name[l->count], name, d.namelen + 1u);
                l->type[l->count] = d.type;
                l->ino[l->count] = d.ino;
            }
            l->count++;
            off += d.reclen;
        }
    }
    return -1;
}

static int find(const struct listing *l, const char *name)
{
    for (int i = 0; i < l->count && i < MAX_NAMES; i++)
        if (strcmp(l->name[i], name) == 0)
            return i;
    return -1;
}

/* ---- the tests ---- */

static void test_staged(void)
{
    uint32_t hello, nested, big, lnk, dir;
    message m = { 0 };
    int r = named(FS_LOOKUP, &m, root, "hello.txt");
    hello = m.m.fs.ino;
    check("lookup of hello.txt gives a regular file of 13 bytes",
          r == OK && (m.m.fs.mode & 0170000) == 0100000 && m.m.fs.pos == 13);
    r = fs_read(hello, 0, buf, sizeof buf);
    check("hello.txt reads back", r == 13 && memcmp(buf, "hello, world\n", 13) == 0);
    check("a read at an offset", fs_read(hello, 7, buf, 5) == 5 && memcmp(buf, "world", 5) == 0);
    check("a read at the end gives 0 bytes", fs_read(hello, 13, buf, 10) == 0);
    check("a lookup in a subdirectory", fs_lookup(root, "dir", &dir) == OK &&
          fs_lookup(dir, "nested.txt", &nested) == OK);
    check("dir/nested.txt reads back", fs_read(nested, 0, buf, 100) == 12 &&
          memcmp(buf, "nested file\n", 12) == 0);
    uint32_t up;
    check(".. of dir is the root", fs_lookup(dir, "..", &up) == OK && up == root);
    check("lookup of big.bin", fs_lookup(root, "big.bin", &big) == OK);
    memset(buf, 0, sizeof buf);
    r = fs_read(big, 0, buf, sizeof buf);
    check("big.bin reads back whole, through its indirect block", r == BIG_SIZE &&
          is_big(buf, 0, BIG_SIZE));
    r = fs_read(big, 12345, buf, 40000);
    check("a read of big.bin across block edges", r == 40000 && is_big(buf, 12345, 40000));
    struct vfs_stat st;
    r = fs_stat(big, &st);
    check("stat of big.bin", r == OK && st.ino == big && (st.mode & 0170000) == 0100000 &&
          st.size == BIG_SIZE && st.nlink == 1 && st.blocks >= BIG_SIZE / 512 &&
          st.blksize == 1024 && st.mtime == 1700000000u);
    check("lookup of the symlink", fs_lookup(root, "link", &lnk) == OK);
    r = io(FS_READLINK, lnk, NULL, buf, sizeof buf);
    check("readlink gives its target", r == 9 && memcmp(buf, "hello.txt", 9) == 0);
    r = io(FS_READLINK, lnk, NULL, buf, 5);
    check("readlink into a short buffer is cut", r == 5 && memcmp(buf, "hello", 5) == 0);
}

static void test_getdents(void)
{
    static const char *want[] = { ".", "..", "lost+found", "hello.txt", "dir", "big.bin", "link" };
    struct listing l;
    int r = list(root, 4096, &l);
    bool all = r == 0 && l.count == 7;
    for (int i = 0; all && i < 7; i++)
        all = find(&l, want[i]) >= 0;
    check("getdents lists the root", all);
    check("getdents records are well formed (reclen a multiple of 4, names terminated)",
          l.well_formed);
    check("getdents gives the types", all && l.type[find(&l, "dir")] == FS_DT_DIR &&
          l.type[find(&l, "link")] == FS_DT_LNK && l.type[find(&l, "hello.txt")] == FS_DT_REG &&
          l.ino[find(&l, ".")] == root);
    r = list(root, 24, &l);
    all = r == 0 && l.count == 7;
    for (int i = 0; all && i < 7; i++)
        all = find(&l, want[i]) >= 0;
    check("getdents in a small buffer goes on from its cookie", all);
    uint64_t cookie = 0;
    check("getdents with no room for one entry gives EINVAL",
          io(FS_GETDENTS, root, &cookie, buf, 8) == -EINVAL);
    cookie = 1u << 30;
    check("getdents past the end gives 0", io(FS_GETDENTS, root, &cookie, buf, 4096) == 0);
}

static void test_changes(void)
{
    uint32_t f, dir, d2, g, s1, s2, dev;
    struct vfs_stat st;
    check("create new.txt", fs_make(FS_CREATE, root, "new.txt", 0644, &f) == OK && f != 0);
    for (uint32_t i = 0; i < 100000; i++)
        buf[i] = new_byte(i);
    int a = fs_write(f, 0, buf, 777);
    int b = fs_write(f, 777, buf + 777, 50000);
    int c = fs_write(f, 50777, buf + 50777, 49223);
    check("writes in odd pieces", a == 777 && b == 50000 && c == 49223);
    memset(buf, 0, sizeof buf);
    int r = fs_read(f, 0, buf, sizeof buf);
    bool same = r == 100000;
    for (uint32_t i = 0; same && i < 100000; i++)
        same = buf[i] == new_byte(i);
    check("and they read back", same);
    struct kc_times t;
    struct machine_info mi;
    uint32_t now = sys_times(SELF, &t) == OK && sys_machine(&mi) == OK && mi.hz ?
                   (uint32_t)(t.uptime / mi.hz) : 0;
    r = fs_stat(f, &st);
    check("stat of the new file: size, mode, owner", r == OK && st.size == 100000 &&
          st.mode == (0100000 | 0644) && st.uid == 100 && st.gid == 200 && st.nlink == 1);
    check("its times are the system clock's (seconds since boot)",
          st.mtime <= now && st.mtime + 10 >= now && st.ctime == st.mtime);
    check("rename new.txt to dir/renamed.txt", fs_lookup(root, "dir", &dir) == OK &&
          fs_rename(root, "new.txt", dir, "renamed.txt") == OK);
    check("the old name is gone and the new one is the same file",
          fs_lookup(root, "new.txt", &g) == -ENOENT && fs_lookup(dir, "renamed.txt", &g) == OK &&
          g == f);
    check("a hard link", fs_link(root, "hard", f) == OK && fs_stat(f, &st) == OK && st.nlink == 2);
    check("unlink of one name leaves the other", fs_remove(FS_UNLINK, root, "hard") == OK &&
          fs_stat(f, &st) == OK && st.nlink == 1 && fs_lookup(root, "hard", &g) == -ENOENT);
    check("mkdir", fs_make(FS_MKDIR, root, "d2", 0750, &d2) == OK && fs_stat(d2, &st) == OK &&
          st.mode == (0040000 | 0750) && st.nlink == 2);
    check("a file inside it", fs_make(FS_CREATE, d2, "inner", 0600, &g) == OK);
    check("rmdir of a non-empty directory gives ENOTEMPTY",
          fs_remove(FS_RMDIR, root, "d2") == -ENOTEMPTY);
    check("rmdir once it is empty", fs_remove(FS_UNLINK, d2, "inner") == OK &&
          fs_remove(FS_RMDIR, root, "d2") == OK && fs_lookup(root, "d2", &g) == -ENOENT);
    char target[200];
    memset(target, 'x', sizeof target);
    target[0] = '/';
    target[199] = '\0';
    check("a short symlink", fs_symlink(root, "s1", "dir/renamed.txt", &s1) == OK &&
          io(FS_READLINK, s1, NULL, buf, 100) == 15 && memcmp(buf, "dir/renamed.txt", 15) == 0);
    check("a long symlink", fs_symlink(root, "s2", target, &s2) == OK &&
          io(FS_READLINK, s2, NULL, buf, 300) == 199 && memcmp(buf, target, 199) == 0);
    check("stat of a symlink", fs_stat(s2, &st) == OK && (st.mode & 0170000) == 0120000 &&
          st.size == 199);
    check("truncate shrinks", fs_attr(FS_TRUNCATE, f, 1000, 0, 0, 0) == OK &&
          fs_stat(f, &st) == OK && st.size == 1000 && fs_read(f, 990, buf, 100) == 10 &&
          buf[0] == new_byte(990));
    check("truncate grows with zeros", fs_attr(FS_TRUNCATE, f, 5000, 0, 0, 0) == OK &&
          fs_read(f, 1000, buf, 8000) == 4000 && is_zero(buf, 4000));
    check("chmod keeps the type", fs_attr(FS_CHMOD, f, 0, 0170751, 0, 0) == OK &&
          fs_stat(f, &st) == OK && st.mode == (0100000 | 0751));
    check("chown sets both ids", fs_attr(FS_CHOWN, f, 0, 0, 7, 8) == OK && fs_stat(f, &st) == OK &&
          st.uid == 7 && st.gid == 8);
    check("chown with -1 keeps an id", fs_attr(FS_CHOWN, f, 0, 0, 0xffffffffu, 9) == OK &&
          fs_stat(f, &st) == OK && st.uid == 7 && st.gid == 9);
    check("mknod of a character device",
          fs_mknod(root, "tty0", 0020620, DEV_MAKE(4, 1), &dev) == OK &&
          fs_stat(dev, &st) == OK && st.mode == (0020000 | 0620) && st.rdev == DEV_MAKE(4, 1));
    check("mknod of a block device", fs_mknod(root, "disk", 0060600, DEV_MAKE(3, 2), &g) == OK &&
          fs_stat(g, &st) == OK && (st.mode & 0170000) == 0060000 && st.rdev == DEV_MAKE(3, 2));
    struct listing l;
    check("getdents gives device types", list(root, 4096, &l) == 0 &&
          find(&l, "tty0") >= 0 && l.type[find(&l, "tty0")] == FS_DT_CHR &&
          find(&l, "disk") >= 0 && l.type[find(&l, "disk")] == FS_DT_BLK);
}

static void test_errors(void)
{
    uint32_t ino, hello, dir;
    fs_lookup(root, "hello.txt", &hello);
    fs_lookup(root, "dir", &dir);
    check("lookup of a missing name gives ENOENT", fs_lookup(root, "nope", &ino) == -ENOENT);
    check("lookup in a file gives ENOTDIR", fs_lookup(hello, "x", &ino) == -ENOTDIR);
    check("create in a file gives ENOTDIR", fs_make(FS_CREATE, hello, "x", 0644, &ino) == -ENOTDIR);
    check("read of a directory gives EISDIR", fs_read(dir, 0, buf, 10) == -EISDIR);
    check("write to a directory gives EISDIR", fs_write(dir, 0, buf, 10) == -EISDIR);
    check("unlink of a directory gives EISDIR", fs_remove(FS_UNLINK, root, "dir") == -EISDIR);
    check("rmdir of a file gives ENOTDIR", fs_remove(FS_RMDIR, root, "hello.txt") == -ENOTDIR);
    check("create of an existing name gives EEXIST",
          fs_make(FS_CREATE, root, "hello.txt", 0644, &ino) == -EEXIST);
    check("mkdir of an existing name gives EEXIST",
          fs_make(FS_MKDIR, root, "dir", 0755, &ino) == -EEXIST);
    check("rmdir of dir (not empty) gives ENOTEMPTY",
          fs_remove(FS_RMDIR, root, "dir") == -ENOTEMPTY);
    check("rename of a file over a directory gives EISDIR",
          fs_rename(root, "hello.txt", root, "dir") == -EISDIR);
    check("a hard link to a directory gives EPERM", fs_link(root, "dl", dir) == -EPERM);
    check("create with a directory's mode gives EINVAL",
          fs_make(FS_CREATE, root, "x", 0040755, &ino) == -EINVAL);
    check("mknod of a regular file gives EINVAL",
          fs_mknod(root, "x", 0100644, 0, &ino) == -EINVAL);
    static char longname[300];
    memset(longname, 'n', 256);
    longname[256] = '\0';
    check("a name of 256 bytes gives ENAMETOOLONG",
          fs_lookup(root, longname, &ino) == -ENAMETOOLONG);
    check("a name with a slash gives EINVAL",
          fs_make(FS_CREATE, root, "a/b", 0644, &ino) == -EINVAL);
    message m = { 0 };
    m.m.fs.ino = root;
    m.m.fs.grant = give("ab\0c", 4, GRANT_READ);
    m.m.fs.len = 4;
    check("a name with a NUL inside gives EINVAL", fs_call(FS_CREATE, &m) == -EINVAL);
    grant_revoke(m.m.fs.grant);
    memset(&m, 0, sizeof m);
    m.m.fs.ino = root;
    m.m.fs.grant = 12345;
    m.m.fs.len = 4;
    check("a bad grant for a name gives ENOGRANT", fs_call(FS_LOOKUP, &m) == -ENOGRANT);
    memset(&m, 0, sizeof m);
    m.m.fs.ino = hello;
    m.m.fs.grant = 12345;
    m.m.fs.len = 10;
    check("a bad grant for data gives ENOGRANT", fs_call(FS_READ, &m) == -ENOGRANT);
    m.m.fs.grant = give(buf, 64, GRANT_READ);
    m.m.fs.len = 64;
    check("a read into a read-only grant gives EACCES", fs_call(FS_READ, &m) == -EACCES);
    grant_revoke(m.m.fs.grant);
    struct vfs_stat st;
    m.m.fs.mnt = 99;
    check("a bad mount gives EINVAL", fs_call(FS_STAT, &m) == -EINVAL);
    uint32_t saved = mnt;
    mnt = 3;
    check("a mount number not in use gives EINVAL", fs_stat(root, &st) == -EINVAL);
    mnt = saved;
    check("inode 0 gives EINVAL", fs_stat(0, &st) == -EINVAL);
    check("a reserved inode gives EINVAL", fs_stat(7, &st) == -EINVAL);
    check("an inode past the end gives EINVAL", fs_stat(1u << 20, &st) == -EINVAL);
    check("an unused inode gives ENOENT", fs_stat(120, &st) == -ENOENT);
    memset(&m, 0, sizeof m);
    check("an unknown request gives EBADREQUEST", fs_call(FS_CALL_END, &m) == -EBADREQUEST);
    check("mounting the same device twice gives EBUSY", fs_mount("memory", 0, 0, NULL) == -EBUSY);
    saved = mnt;
    check("mounting an unknown driver gives ENXIO", fs_mount("nosuchdrv", 0, 0, NULL) == -ENXIO);
    mnt = saved;
}

/* Writes until the disk is full: ENOSPC, and the space comes back with the file. */
static void test_enospc(void)
{
    uint32_t f, g;
    check("create fill.bin", fs_make(FS_CREATE, root, "fill.bin", 0644, &f) == OK);
    uint32_t total = 0;
    int r;
    memset(buf, 0x5a, 32768);
    while ((r = fs_write(f, total, buf, 32768)) == 32768)
        total += 32768;
    if (r > 0)
        total += (uint32_t)r;
    r = fs_write(f, total, buf, 32768);
    log_printf("fstest: the disk took %u KiB of fill.bin\n", (unsigned)(total / 1024));
    check("filling the disk ends with ENOSPC", r == -ENOSPC && total > 600 * 1024);
    struct vfs_stat st;
    check("the full file has the size written", fs_stat(f, &st) == OK && st.size == total);
    check("mkdir on a full disk gives ENOSPC",
          fs_make(FS_MKDIR, root, "nospace", 0755, &g) == -ENOSPC);
    check("unlink of fill.bin gives the space back", fs_remove(FS_UNLINK, root, "fill.bin") == OK &&
          fs_make(FS_CREATE, root, "after", 0644, &g) == OK && fs_write(g, 0, buf, 32768) == 32768);
}

/* Everything written survives an unmount; the empty label means the server's own device. */
static void test_remount(void)
{
    message m = { 0 };
    check("sync", call(server, &m, FS_SYNC) == OK);
    uint32_t old = mnt, dir, f;
    check("unmount", fs_unmount() == OK);
    memset(&m, 0, sizeof m);
    m.m.fs.mnt = old;
    m.m.fs.ino = root;
    check("the old mount number is gone", call(server, &m, FS_STAT) == -EINVAL);
    check("mount with an empty label takes the server's own device (memory 0)",
          fs_mount("", 0, 0, NULL) == OK);
    int r = fs_lookup(root, "dir", &dir) == OK ? fs_lookup(dir, "renamed.txt", &f) : -1;
    check("the renamed file is there after the remount", r == OK);
    struct vfs_stat st;
    check("with its attributes", fs_stat(f, &st) == OK && st.size == 5000 &&
          st.mode == (0100000 | 0751) && st.uid == 7 && st.gid == 9);
    r = fs_read(f, 0, buf, 1000);
    bool same = r == 1000;
    for (uint32_t i = 0; same && i < 1000; i++)
        same = buf[i] == new_byte(i);
    check("and its contents", same);
    check("the device file keeps its number", fs_lookup(root, "tty0", &f) == OK &&
          fs_stat(f, &st) == OK && st.rdev == DEV_MAKE(4, 1));
    check("unmount again", fs_unmount() == OK);
}

/* Waits until DS names another endpoint for the memory driver than old. */
static bool new_driver(endpoint_t old)
{
    for (int i = 0; i < 500; i++) {
        endpoint_t ep;
        if (ds_lookup("memory", &ep) == OK && ep != old) {
            drv = ep;
            return true;
        }
        sleep_ticks(1);
    }
    return false;
}

/* The memory driver is restarted under a read-only mount (its RAM disk starts empty, so the
 * image is written again): the server repeats its request on the new instance. */
static void test_restart(void)
{
    uint32_t big, flags = 0, x;
    check("the image is written again", write_image());
    check("a read-only mount", fs_mount("memory", 0, MNT_RDONLY, &flags) == OK &&
          flags == MNT_RDONLY);
    check("create on it gives EROFS", fs_make(FS_CREATE, root, "x", 0644, &x) == -EROFS);
    struct vfs_stat st;
    check("big.bin's first block", fs_lookup(root, "big.bin", &big) == OK &&
          fs_stat(big, &st) == OK &&
          fs_read(big, 0, buf, 1024) == 1024 && is_big(buf, 0, 1024));
    endpoint_t old = drv;
    check("RS restarts the memory driver", rs_restart("memory") == OK && new_driver(old));
    check("the image is written into the new instance", write_image());
    int r = fs_read(big, 20 * 1024, buf, 20 * 1024);
    check("a read after the driver's restart is repeated on the new instance, data intact",
          r == 20 * 1024 && is_big(buf, 20 * 1024, 20 * 1024));
    old = drv;
    check("RS restarts the memory driver again", rs_restart("memory") == OK);
    r = fs_read(big, 50 * 1024, buf, 4096);
    check("a read while the driver restarts waits for it and succeeds", r == 4096);
    check("DS names the newest instance", new_driver(old));
    check("unmount of the read-only mount", fs_unmount() == OK);
}

/* A superblock whose magic is gone: the mount is refused and nothing else changes. */
static void test_corrupt(void)
{
    check("the image is written once more", write_image());
    static uint8_t sector[512];
    bool ok = dev_io(DEV_READ, 1024, sector, 512) == 512 && sector[56] == 0x53 &&
              sector[57] == 0xef;
    sector[56] = sector[57] = 0;
    check("its superblock magic is zeroed", ok && dev_io(DEV_WRITE, 1024, sector, 512) == 512);
    check("mounting the corrupt image gives EINVAL", fs_mount("memory", 0, 0, NULL) == -EINVAL);
    struct vfs_stat st;
    check("and no mount is left behind", fs_stat(root, &st) == -EINVAL);
}

int main(void)
{
    job_start("fstest");
    check("DS names the file server and the memory driver",
          ds_lookup("ext2test", &server) == OK && ds_lookup("memory", &drv) == OK);
    check("the image is written into the RAM disk", write_image());
    uint32_t flags = 1;
    check("mount of the RAM disk", fs_mount("memory", 0, 0, &flags) == OK && root == 2 &&
          flags == 0);
    test_staged();
    test_getdents();
    test_changes();
    test_errors();
    test_enospc();
    test_remount();
    test_restart();
    test_corrupt();
    return job_done();
}
