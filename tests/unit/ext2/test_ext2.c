/* Host tests of the ext2 core: images made by mke2fs, driven through the core's calls, and
 * checked by e2fsck -fn after every test that writes. */
#include "ext2_int.h"     /* the public ext2fs.h, and inode_read for one test */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <cmocka.h>

/* One test's image: a temporary directory with the staging tree and the image file. */
struct img {
    char dir[64];
    char path[96];
    int fd;
    struct ext2_dev dev;
    struct ext2_fs *fs;
};

static int dev_read(void *ctx, uint64_t off, void *buf, uint32_t len)
{
    struct img *im = ctx;
    return pread(im->fd, buf, len, (off_t)off) == (ssize_t)len ? 0 : -EIO;
}

static int dev_write(void *ctx, uint64_t off, const void *buf, uint32_t len)
{
    struct img *im = ctx;
    return pwrite(im->fd, buf, len, (off_t)off) == (ssize_t)len ? 0 : -EIO;
}

static void run(const char *fmt, ...)
{
    char cmd[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int st = system(cmd);
    if (st != 0)
        fail_msg("command failed (%d): %s", st, cmd);
}

static void put_file(const char *dir, const char *name, const void *data, size_t len)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

/* Deterministic bytes, different for each seed and position. */
static uint8_t pattern(uint32_t seed, uint64_t i)
{
    uint64_t x = (i + 1) * 0x9E3779B97F4A7C15ull ^ (uint64_t)seed * 0xBF58476D1CE4E5B9ull;
    x ^= x >> 29;
    return (uint8_t)(x ^ (x >> 17));
}

static void fill(uint8_t *buf, size_t len, uint32_t seed, uint64_t start)
{
    for (size_t i = 0; i < len; i++)
        buf[i] = pattern(seed, start + i);
}

/* The staging tree mke2fs copies in: text, a nested file, a multi-block file, symlinks. */
static void stage(const char *staging)
{
    run("mkdir -p %s/sub/deeper", staging);
    put_file(staging, "hello.txt", "hello, world\n", 13);
    put_file(staging, "sub/deeper/nested.txt", "nested\n", 7);
    static uint8_t big[300 * 1024];
    fill(big, sizeof big, 7, 0);
    put_file(staging, "big.bin", big, sizeof big);
    run("ln -s hello.txt %s/short.lnk", staging);
    run("ln -s %0200d %s/long.lnk", 0, staging);
}

/* Makes an image of blocks blocks of bsize bytes (with the staging tree if staged), mounted. */
static struct img *make_img(uint32_t bsize, uint32_t blocks, bool staged, const char *extra)
{
    struct img *im = calloc(1, sizeof *im);
    assert_non_null(im);
    strcpy(im->dir, "/tmp/ext2test.XXXXXX");
    assert_non_null(mkdtemp(im->dir));
    snprintf(im->path, sizeof im->path, "%s/img", im->dir);
    char staging[128];
    snprintf(staging, sizeof staging, "%s/stage", im->dir);
    run("mkdir -p %s", staging);
    if (staged)
        stage(staging);
    run(MKE2FS " -q -F -t ext2 -b %u %s -d %s %s %u >/dev/null", bsize, extra ? extra : "",
        staging, im->path, blocks);
    im->fd = open(im->path, O_RDWR);
    assert_true(im->fd >= 0);
    im->dev = (struct ext2_dev){ im, dev_read, dev_write };
    im->fs = calloc(1, sizeof *im->fs);
    assert_non_null(im->fs);
    return im;
}

static void mount_img(struct img *im, int flags)
{
    assert_int_equal(ext2_mount(im->fs, &im->dev, flags), 0);
    ext2_set_time(im->fs, 1700000000u);
}

static struct img *new_fs(uint32_t bsize, uint32_t blocks, bool staged)
{
    struct img *im = make_img(bsize, blocks, staged, NULL);
    mount_img(im, 0);
    return im;
}

/* e2fsck -fn's exit status (0: clean, 4: problems left uncorrected); its report is shown
 * when show is set and it found something. */
static int fsck_status(struct img *im, bool show)
{
    char log[128], cmd[384];
    snprintf(log, sizeof log, "%s/fsck.log", im->dir);
    snprintf(cmd, sizeof cmd, E2FSCK " -fn %s >%s 2>&1", im->path, log);
    int st = system(cmd);
    if (st != 0 && show) {
        snprintf(cmd, sizeof cmd, "cat %s", log);
        (void)system(cmd);
    }
    return st;
}

/* Unmounts and has e2fsck check the image without changing it: it must be clean. */
static void fsck_ok(struct img *im)
{
    assert_int_equal(ext2_unmount(im->fs), 0);
    assert_int_equal(fsck_status(im, true), 0);
}

static void remount(struct img *im)
{
    assert_int_equal(ext2_unmount(im->fs), 0);
    mount_img(im, 0);
}

static void done(struct img *im)
{
    close(im->fd);
    run("rm -rf %s", im->dir);
    free(im->fs);
    free(im);
}

static uint32_t path_ino(struct img *im, const char *path)
{
    uint32_t ino = 0;
    assert_int_equal(ext2_namei(im->fs, path, &ino), 0);
    return ino;
}

static void check_content(struct img *im, uint32_t ino, uint32_t seed, uint64_t len)
{
    static uint8_t got[65536], want[65536];
    for (uint64_t off = 0; off < len;) {
        uint32_t n = len - off > sizeof got ? sizeof got : (uint32_t)(len - off);
        assert_int_equal(ext2_read(im->fs, ino, off, got, n), n);
        fill(want, n, seed, off);
        assert_memory_equal(got, want, n);
        off += n;
    }
}

/* ---- the tests ---- */

static void read_staged(uint32_t bsize)
{
    struct img *im = new_fs(bsize, 4096, true);
    char buf[512];
    uint32_t ino = path_ino(im, "/hello.txt");
    assert_int_equal(ext2_read(im->fs, ino, 0, buf, sizeof buf), 13);
    assert_memory_equal(buf, "hello, world\n", 13);
    assert_int_equal(ext2_read(im->fs, ino, 7, buf, 3), 3);
    assert_memory_equal(buf, "wor", 3);
    assert_int_equal(ext2_read(im->fs, ino, 13, buf, 10), 0);
    ino = path_ino(im, "/sub/deeper/nested.txt");
    assert_int_equal(ext2_read(im->fs, ino, 0, buf, sizeof buf), 7);
    assert_memory_equal(buf, "nested\n", 7);
    check_content(im, path_ino(im, "/big.bin"), 7, 300 * 1024);
    struct ext2_stat st;
    assert_int_equal(ext2_stat(im->fs, path_ino(im, "/big.bin"), &st), 0);
    assert_int_equal(st.size, 300 * 1024);
    assert_true(EXT2_ISREG(st.mode));
    assert_true(st.blocks >= 300 * 2);
    assert_int_equal(ext2_readlink(im->fs, path_ino(im, "/short.lnk"), buf, sizeof buf), 9);
    assert_memory_equal(buf, "hello.txt", 9);
    assert_int_equal(ext2_readlink(im->fs, path_ino(im, "/long.lnk"), buf, sizeof buf), 200);
    assert_int_equal(buf[0], '0');
    assert_int_equal(buf[199], '0');
    ext2_unmount(im->fs);
    done(im);
}

static void test_read_staged_1k(void **state) { (void)state; read_staged(1024); }
static void test_read_staged_4k(void **state) { (void)state; read_staged(4096); }

static void test_readdir(void **state)
{
    (void)state;
    struct img *im = new_fs(1024, 4096, true);
    const char *want[] = { ".", "..", "lost+found", "hello.txt", "sub", "big.bin",
                           "short.lnk", "long.lnk" };
    bool seen[8] = { false };
    uint64_t pos = 0;
    struct ext2_dirent de;
    int r, n = 0;
    while ((r = ext2_readdir(im->fs, EXT2_ROOT_INO, &pos, &de)) == 1) {
        n++;
        for (int i = 0; i < 8; i++)
            if (strcmp(de.name, want[i]) == 0)
                seen[i] = true;
        if (strcmp(de.name, "sub") == 0)
            assert_int_equal(de.type, EXT2_FT_DIR);
    }
    assert_int_equal(r, 0);
    assert_int_equal(n, 8);
    for (int i = 0; i < 8; i++)
        assert_true(seen[i]);
    ext2_unmount(im->fs);
    done(im);
}


static uint32_t mk(struct img *im, uint32_t dir, const char *name)
{
    uint32_t ino = 0;
    assert_int_equal(ext2_create(im->fs, dir, name, 0644, 1000, 100, &ino), 0);
    return ino;
}

static uint32_t mkd(struct img *im, uint32_t dir, const char *name)
{
    uint32_t ino = 0;
    assert_int_equal(ext2_mkdir(im->fs, dir, name, 0755, 0, 0, &ino), 0);
    return ino;
}

static void write_pattern(struct img *im, uint32_t ino, uint32_t seed, uint64_t len,
                          uint32_t chunk)
{
    static uint8_t buf[65536];
    for (uint64_t off = 0; off < len;) {
        uint32_t n = len - off > chunk ? chunk : (uint32_t)(len - off);
        fill(buf, n, seed, off);
        assert_int_equal(ext2_write(im->fs, ino, off, buf, n), n);
        off += n;
    }
}

static void roundtrip(uint32_t bsize)
{
    struct img *im = new_fs(bsize, 4096, true);
    uint32_t ino = mk(im, EXT2_ROOT_INO, "new.txt");
    assert_int_equal(ext2_write(im->fs, ino, 0, "abcdef", 6), 6);
    assert_int_equal(ext2_write(im->fs, ino, 3, "XY", 2), 2);
    assert_int_equal(ext2_write(im->fs, ino, 10, "end", 3), 3);
    char buf[32];
    assert_int_equal(ext2_read(im->fs, ino, 0, buf, sizeof buf), 13);
    assert_memory_equal(buf, "abcXYf\0\0\0\0end", 13);
    assert_int_equal(ext2_rename(im->fs, EXT2_ROOT_INO, "new.txt", path_ino(im, "/sub"),
                                 "moved.txt"), 0);
    assert_int_equal(path_ino(im, "/sub/moved.txt"), ino);
    uint32_t x;
    assert_int_equal(ext2_lookup(im->fs, EXT2_ROOT_INO, "new.txt", &x), -ENOENT);
    /* rename over an existing file replaces it */
    assert_int_equal(ext2_rename(im->fs, path_ino(im, "/sub"), "moved.txt", EXT2_ROOT_INO,
                                 "hello.txt"), 0);
    assert_int_equal(path_ino(im, "/hello.txt"), ino);
    remount(im);
    assert_int_equal(ext2_read(im->fs, ino, 0, buf, sizeof buf), 13);
    assert_memory_equal(buf, "abcXYf\0\0\0\0end", 13);
    assert_int_equal(ext2_unlink(im->fs, EXT2_ROOT_INO, "hello.txt"), 0);
    assert_int_equal(ext2_unlink(im->fs, EXT2_ROOT_INO, "big.bin"), 0);
    assert_int_equal(ext2_unlink(im->fs, EXT2_ROOT_INO, "long.lnk"), 0);
    assert_int_equal(ext2_unlink(im->fs, EXT2_ROOT_INO, "short.lnk"), 0);
    assert_int_equal(ext2_stat(im->fs, ino, &(struct ext2_stat){0}), -ENOENT);
    fsck_ok(im);
    done(im);
}

static void test_roundtrip_1k(void **state) { (void)state; roundtrip(1024); }
static void test_roundtrip_4k(void **state) { (void)state; roundtrip(4096); }

/* Several MiB: double indirect blocks on 1 KiB blocks; odd chunk sizes cross block edges. */
static void big_file(uint32_t bsize, uint32_t blocks)
{
    struct img *im = new_fs(bsize, blocks, false);
    uint32_t ino = mk(im, EXT2_ROOT_INO, "big");
    const uint64_t len = 6u << 20;
    write_pattern(im, ino, 42, len, 12345);
    check_content(im, ino, 42, len);
    struct ext2_stat st;
    assert_int_equal(ext2_stat(im->fs, ino, &st), 0);
    assert_int_equal(st.size, len);
    assert_true(st.blocks > len / 512);
    remount(im);
    check_content(im, ino, 42, len);
    /* cut into the double indirect range, then into a direct block, then regrow sparse */
    assert_int_equal(ext2_truncate(im->fs, ino, 300000), 0);
    check_content(im, ino, 42, 300000);
    assert_int_equal(ext2_truncate(im->fs, ino, 5000), 0);
    assert_int_equal(ext2_truncate(im->fs, ino, 9000), 0);
    check_content(im, ino, 42, 5000);
    uint8_t z[4000], zero[4000] = { 0 };
    assert_int_equal(ext2_read(im->fs, ino, 5000, z, 4000), 4000);
    assert_memory_equal(z, zero, 4000);
    fsck_ok(im);
    mount_img(im, 0);
    assert_int_equal(ext2_truncate(im->fs, ino, 0), 0);
    assert_int_equal(ext2_stat(im->fs, ino, &st), 0);
    assert_int_equal(st.blocks, 0);
    fsck_ok(im);
    done(im);
}

static void test_big_file_1k(void **state) { (void)state; big_file(1024, 16384); }
static void test_big_file_4k(void **state) { (void)state; big_file(4096, 4096); }

static void test_sparse(void **state)
{
    (void)state;
    struct img *im = new_fs(1024, 4096, false);
    uint32_t ino = mk(im, EXT2_ROOT_INO, "sparse");
    /* past the single indirect range: 12 + 256 blocks */
    uint64_t off = (12 + 256 + 1000) * 1024ull + 17;
    assert_int_equal(ext2_write(im->fs, ino, off, "tail", 4), 4);
    char buf[8];
    assert_int_equal(ext2_read(im->fs, ino, off - 4, buf, 8), 8);
    assert_memory_equal(buf, "\0\0\0\0tail", 8);
    struct ext2_stat st;
    assert_int_equal(ext2_stat(im->fs, ino, &st), 0);
    assert_int_equal(st.size, off + 4);
    assert_int_equal(st.blocks, 3 * 2);     /* data, double indirect, one indirect */
    fsck_ok(im);
    done(im);
}

static void test_nested_dirs(void **state)
{
    (void)state;
    struct img *im = new_fs(1024, 4096, false);
    uint32_t a = mkd(im, EXT2_ROOT_INO, "a");
    uint32_t b = mkd(im, a, "b");
    uint32_t c = mkd(im, b, "c");
    uint32_t f = mk(im, c, "file");
    assert_int_equal(ext2_write(im->fs, f, 0, "deep", 4), 4);
    assert_int_equal(path_ino(im, "/a/b/c/file"), f);
    assert_int_equal(path_ino(im, "/a/b/c/.."), b);
    assert_int_equal(path_ino(im, "//a/./b/"), b);
    struct ext2_stat st;
    assert_int_equal(ext2_stat(im->fs, a, &st), 0);
    assert_int_equal(st.links, 3);
    assert_true(EXT2_ISDIR(st.mode));
    assert_int_equal(ext2_rmdir(im->fs, a, "b"), -ENOTEMPTY);
    assert_int_equal(ext2_rmdir(im->fs, b, ".."), -ENOTEMPTY);
    /* move c up to the root: its .. and both link counts must follow */
    assert_int_equal(ext2_rename(im->fs, b, "c", EXT2_ROOT_INO, "c2"), 0);
    assert_int_equal(path_ino(im, "/c2/.."), EXT2_ROOT_INO);
    assert_int_equal(ext2_stat(im->fs, b, &st), 0);
    assert_int_equal(st.links, 2);
    /* a directory cannot move into its own subtree */
    assert_int_equal(ext2_rename(im->fs, EXT2_ROOT_INO, "a", b, "loop"), -EINVAL);
    /* rename a directory over an empty one */
    uint32_t e = mkd(im, EXT2_ROOT_INO, "empty");
    (void)e;
    assert_int_equal(ext2_rename(im->fs, EXT2_ROOT_INO, "c2", EXT2_ROOT_INO, "empty"), 0);
    assert_int_equal(path_ino(im, "/empty/file"), f);
    assert_int_equal(ext2_rmdir(im->fs, a, "b"), 0);
    assert_int_equal(ext2_rmdir(im->fs, EXT2_ROOT_INO, "a"), 0);
    assert_int_equal(ext2_rmdir(im->fs, EXT2_ROOT_INO, "empty"), -ENOTEMPTY);
    assert_int_equal(ext2_unlink(im->fs, path_ino(im, "/empty"), "file"), 0);
    assert_int_equal(ext2_rmdir(im->fs, EXT2_ROOT_INO, "empty"), 0);
    assert_int_equal(ext2_stat(im->fs, EXT2_ROOT_INO, &st), 0);
    assert_int_equal(st.links, 3);          /* ., .. and lost+found's .. */
    fsck_ok(im);
    done(im);
}

static void test_errors(void **state)
{
    (void)state;
    struct img *im = new_fs(1024, 4096, true);
    struct ext2_fs *fs = im->fs;
    uint32_t ino, hello = path_ino(im, "/hello.txt"), sub = path_ino(im, "/sub");
    assert_int_equal(ext2_lookup(fs, EXT2_ROOT_INO, "nope", &ino), -ENOENT);
    assert_int_equal(ext2_namei(fs, "/sub/nope/x", &ino), -ENOENT);
    assert_int_equal(ext2_namei(fs, "/hello.txt/x", &ino), -ENOTDIR);
    assert_int_equal(ext2_lookup(fs, hello, "x", &ino), -ENOTDIR);
    assert_int_equal(ext2_create(fs, hello, "x", 0644, 0, 0, &ino), -ENOTDIR);
    assert_int_equal(ext2_create(fs, EXT2_ROOT_INO, "hello.txt", 0644, 0, 0, &ino), -EEXIST);
    assert_int_equal(ext2_mkdir(fs, EXT2_ROOT_INO, "sub", 0755, 0, 0, &ino), -EEXIST);
    assert_int_equal(ext2_unlink(fs, EXT2_ROOT_INO, "sub"), -EISDIR);
    assert_int_equal(ext2_write(fs, sub, 0, "x", 1), -EISDIR);
    assert_int_equal(ext2_read(fs, sub, 0, &ino, 1), -EISDIR);
    assert_int_equal(ext2_rmdir(fs, EXT2_ROOT_INO, "hello.txt"), -ENOTDIR);
    assert_int_equal(ext2_rmdir(fs, EXT2_ROOT_INO, "sub"), -ENOTEMPTY);
    assert_int_equal(ext2_rename(fs, EXT2_ROOT_INO, "hello.txt", EXT2_ROOT_INO, "sub"),
                     -EISDIR);
    assert_int_equal(ext2_rename(fs, EXT2_ROOT_INO, "sub", EXT2_ROOT_INO, "hello.txt"),
                     -ENOTDIR);
    assert_int_equal(ext2_link(fs, EXT2_ROOT_INO, "sublink", sub), -EPERM);
    char longname[300];
    memset(longname, 'n', sizeof longname);
    longname[299] = '\0';
    assert_int_equal(ext2_create(fs, EXT2_ROOT_INO, longname, 0644, 0, 0, &ino), -ENAMETOOLONG);
    assert_int_equal(ext2_lookup(fs, EXT2_ROOT_INO, longname, &ino), -ENAMETOOLONG);
    assert_int_equal(ext2_create(fs, EXT2_ROOT_INO, "a/b", 0644, 0, 0, &ino), -EINVAL);
    assert_int_equal(ext2_create(fs, EXT2_ROOT_INO, "", 0644, 0, 0, &ino), -ENOENT);
    assert_int_equal(ext2_stat(fs, 0, &(struct ext2_stat){0}), -EINVAL);
    assert_int_equal(ext2_stat(fs, 1u << 30, &(struct ext2_stat){0}), -EINVAL);
    /* a name of exactly 255 bytes is fine */
    longname[255] = '\0';
    assert_int_equal(ext2_create(fs, EXT2_ROOT_INO, longname, 0644, 0, 0, &ino), 0);
    assert_int_equal(ext2_lookup(fs, EXT2_ROOT_INO, longname, &hello), 0);
    assert_int_equal(hello, ino);
    fsck_ok(im);
    done(im);
}

static void test_links_attrs(void **state)
{
    (void)state;
    struct img *im = new_fs(4096, 4096, false);
    uint32_t f = mk(im, EXT2_ROOT_INO, "f");
    write_pattern(im, f, 3, 10000, 777);
    assert_int_equal(ext2_link(im->fs, EXT2_ROOT_INO, "g", f), 0);
    struct ext2_stat st;
    assert_int_equal(ext2_stat(im->fs, f, &st), 0);
    assert_int_equal(st.links, 2);
    assert_int_equal(st.uid, 1000);
    assert_int_equal(st.gid, 100);
    assert_int_equal(st.mode, EXT2_S_IFREG | 0644);
    assert_int_equal(st.mtime, 1700000000u);
    assert_int_equal(ext2_unlink(im->fs, EXT2_ROOT_INO, "f"), 0);
    check_content(im, path_ino(im, "/g"), 3, 10000);
    assert_int_equal(ext2_chmod(im->fs, f, 0600 | EXT2_S_IFDIR), 0);
    assert_int_equal(ext2_chown(im->fs, f, 70000, 0xffffffffu), 0);
    assert_int_equal(ext2_stat(im->fs, f, &st), 0);
    assert_int_equal(st.mode, EXT2_S_IFREG | 0600);
    assert_int_equal(st.uid, 70000);
    assert_int_equal(st.gid, 100);
    assert_int_equal(st.links, 1);
    /* rename onto another name of the same file does nothing */
    assert_int_equal(ext2_link(im->fs, EXT2_ROOT_INO, "h", f), 0);
    assert_int_equal(ext2_rename(im->fs, EXT2_ROOT_INO, "g", EXT2_ROOT_INO, "h"), 0);
    assert_int_equal(path_ino(im, "/g"), f);
    /* symlinks, short (in the inode) and long (in a block) */
    char target[300], buf[300];
    memset(target, 't', sizeof target);
    target[299] = '\0';
    uint32_t s1, s2;
    assert_int_equal(ext2_symlink(im->fs, EXT2_ROOT_INO, "s1", "g", 0, 0, &s1), 0);
    assert_int_equal(ext2_symlink(im->fs, EXT2_ROOT_INO, "s2", target, 0, 0, &s2), 0);
    assert_int_equal(ext2_readlink(im->fs, s1, buf, sizeof buf), 1);
    assert_int_equal(buf[0], 'g');
    assert_int_equal(ext2_readlink(im->fs, s2, buf, sizeof buf), 299);
    assert_memory_equal(buf, target, 299);
    assert_int_equal(ext2_readlink(im->fs, f, buf, sizeof buf), -EINVAL);
    fsck_ok(im);
    mount_img(im, 0);
    assert_int_equal(ext2_unlink(im->fs, EXT2_ROOT_INO, "s2"), 0);
    assert_int_equal(ext2_unlink(im->fs, EXT2_ROOT_INO, "s1"), 0);
    fsck_ok(im);
    done(im);
}

/* A directory that grows past one block, then empties again. */
static void test_big_dir(void **state)
{
    (void)state;
    struct img *im = new_fs(1024, 4096, false);
    uint32_t d = mkd(im, EXT2_ROOT_INO, "d");
    char name[64];
    for (int i = 0; i < 300; i++) {
        snprintf(name, sizeof name, "file-with-a-longish-name-%04d", i);
        mk(im, d, name);
    }
    struct ext2_stat st;
    assert_int_equal(ext2_stat(im->fs, d, &st), 0);
    assert_true(st.size > 8 * 1024);
    uint64_t pos = 0;
    struct ext2_dirent de;
    int n = 0;
    while (ext2_readdir(im->fs, d, &pos, &de) == 1)
        n++;
    assert_int_equal(n, 302);
    for (int i = 0; i < 300; i += 2) {
        snprintf(name, sizeof name, "file-with-a-longish-name-%04d", i);
        assert_int_equal(ext2_unlink(im->fs, d, name), 0);
    }
    for (int i = 0; i < 300; i += 2) {
        snprintf(name, sizeof name, "n%d", i);
        mk(im, d, name);
    }
    fsck_ok(im);
    done(im);
}

/* Filling the disk gives ENOSPC (blocks, then inodes) and leaves it consistent. */
static void test_enospc(void **state)
{
    (void)state;
    struct img *im = new_fs(1024, 2048, false);
    uint32_t f = mk(im, EXT2_ROOT_INO, "fill");
    static uint8_t buf[8192];
    fill(buf, sizeof buf, 9, 0);
    uint64_t off = 0;
    int r;
    while ((r = ext2_write(im->fs, f, off, buf, sizeof buf)) == (int)sizeof buf)
        off += (uint32_t)r;
    if (r > 0)
        off += (uint32_t)r;
    assert_int_equal(ext2_write(im->fs, f, off, buf, sizeof buf), -ENOSPC);
    assert_true(off > 1500 * 1024);
    uint32_t ino;
    assert_int_equal(ext2_mkdir(im->fs, EXT2_ROOT_INO, "nospace", 0755, 0, 0, &ino), -ENOSPC);
    assert_int_equal(ext2_lookup(im->fs, EXT2_ROOT_INO, "nospace", &ino), -ENOENT);
    char name[32];
    int made = 0;
    for (;; made++) {           /* empty files need inodes and directory space only */
        snprintf(name, sizeof name, "e%d", made);
        r = ext2_create(im->fs, EXT2_ROOT_INO, name, 0644, 0, 0, &ino);
        if (r < 0)
            break;
    }
    assert_int_equal(r, -ENOSPC);
    fsck_ok(im);
    mount_img(im, 0);
    assert_int_equal(ext2_unlink(im->fs, EXT2_ROOT_INO, "fill"), 0);
    assert_int_equal(ext2_mkdir(im->fs, EXT2_ROOT_INO, "space", 0755, 0, 0, &ino), 0);
    fsck_ok(im);
    done(im);
}

/* Writes raw bytes into the image file (to corrupt it). */
static void poke(struct img *im, uint64_t off, const void *data, size_t len)
{
    assert_int_equal(pwrite(im->fd, data, len, (off_t)off), (ssize_t)len);
}

static void corrupt_and_mount(uint32_t field_off, uint32_t value, int want)
{
    struct img *im = make_img(1024, 4096, true, NULL);
    poke(im, EXT2_SUPER_OFFSET + field_off, &value, 4);
    assert_int_equal(ext2_mount(im->fs, &im->dev, 0), want);
    done(im);
}

static void test_corrupt_super(void **state)
{
    (void)state;
    const uint32_t magic_off = offsetof(struct ext2_super, s_magic);
    struct img *im = make_img(1024, 4096, true, NULL);
    uint16_t bad = 0x1234;
    poke(im, EXT2_SUPER_OFFSET + magic_off, &bad, 2);
    assert_int_equal(ext2_mount(im->fs, &im->dev, 0), -EINVAL);
    done(im);
    corrupt_and_mount(offsetof(struct ext2_super, s_blocks_count), 0xfffffff0u, -EINVAL);
    corrupt_and_mount(offsetof(struct ext2_super, s_inodes_count), 12345678, -EINVAL);
    corrupt_and_mount(offsetof(struct ext2_super, s_log_block_size), 7, -EINVAL);
    corrupt_and_mount(offsetof(struct ext2_super, s_blocks_per_group), 0, -EINVAL);
    corrupt_and_mount(offsetof(struct ext2_super, s_inodes_per_group), 0, -EINVAL);
    corrupt_and_mount(offsetof(struct ext2_super, s_first_data_block), 0, -EINVAL);
    corrupt_and_mount(offsetof(struct ext2_super, s_free_blocks_count), 99999, -EINVAL);
    corrupt_and_mount(offsetof(struct ext2_super, s_feature_incompat), 0x10000, -EINVAL);
    /* a group descriptor pointing outside the disk (the table is in block 2) */
    im = make_img(1024, 4096, true, NULL);
    uint32_t far = 999999;
    poke(im, 2 * 1024 + offsetof(struct ext2_group_desc, bg_inode_table), &far, 4);
    assert_int_equal(ext2_mount(im->fs, &im->dev, 0), -EINVAL);
    done(im);
}

/* An unknown read-only-compatible feature still mounts, but read-only. */
static void test_ro_compat(void **state)
{
    (void)state;
    struct img *im = make_img(1024, 4096, true, NULL);
    uint32_t ro;
    uint32_t off = EXT2_SUPER_OFFSET + offsetof(struct ext2_super, s_feature_ro_compat);
    assert_int_equal(pread(im->fd, &ro, 4, off), 4);
    ro |= 0x4000;
    poke(im, off, &ro, 4);
    mount_img(im, 0);
    char buf[16];
    uint32_t ino = path_ino(im, "/hello.txt"), x;
    assert_int_equal(ext2_read(im->fs, ino, 0, buf, 5), 5);
    assert_int_equal(ext2_write(im->fs, ino, 0, "x", 1), -EROFS);
    assert_int_equal(ext2_create(im->fs, EXT2_ROOT_INO, "n", 0644, 0, 0, &x), -EROFS);
    assert_int_equal(ext2_unlink(im->fs, EXT2_ROOT_INO, "hello.txt"), -EROFS);
    assert_int_equal(ext2_unmount(im->fs), 0);
    done(im);
}

/* Garbage in a directory block is reported, not followed. */
static void test_corrupt_dir(void **state)
{
    (void)state;
    struct img *im = new_fs(1024, 4096, true);
    uint32_t sub = path_ino(im, "/sub"), blk;
    struct ext2_ino ip;
    /* sub's first block, from its inode */
    assert_int_equal(inode_read(im->fs, sub, &ip), 0);
    blk = ip.d.i_block[0];
    ext2_unmount(im->fs);
    uint16_t rec = 3;           /* not a multiple of 4, too short */
    poke(im, (uint64_t)blk * 1024 + 12 + 4, &rec, 2);
    mount_img(im, 0);
    uint32_t x;
    assert_int_equal(ext2_lookup(im->fs, sub, "deeper", &x), -EIO);
    uint64_t pos = 0;
    struct ext2_dirent de;
    assert_int_equal(ext2_readdir(im->fs, sub, &pos, &de), 1);    /* "." is still fine */
    assert_int_equal(ext2_readdir(im->fs, sub, &pos, &de), -EIO);
    assert_int_equal(ext2_create(im->fs, sub, "n", 0644, 0, 0, &x), -EIO);
    ext2_unmount(im->fs);
    done(im);
}

/* The check itself must catch damage: a group's free block count one off is reported. */
static void test_fsck_catches_damage(void **state)
{
    (void)state;
    struct img *im = new_fs(1024, 4096, false);
    mk(im, EXT2_ROOT_INO, "f");
    fsck_ok(im);
    uint16_t free_blocks;
    uint64_t off = 2 * 1024 + offsetof(struct ext2_group_desc, bg_free_blocks_count);
    assert_int_equal(pread(im->fd, &free_blocks, 2, (off_t)off), 2);
    free_blocks--;
    poke(im, off, &free_blocks, 2);
    assert_int_not_equal(fsck_status(im, false), 0);
    done(im);
}

/* 256-byte inodes (what mke2fs makes on larger disks): new inodes get a valid extra part. */
static void test_large_inodes(void **state)
{
    (void)state;
    struct img *im = make_img(4096, 4096, true, "-I 256");
    mount_img(im, 0);
    assert_int_equal(im->fs->inode_size, 256);
    uint32_t d = mkd(im, EXT2_ROOT_INO, "dir");
    uint32_t f = mk(im, d, "file");
    write_pattern(im, f, 5, 100000, 4096);
    check_content(im, f, 5, 100000);
    check_content(im, path_ino(im, "/big.bin"), 7, 300 * 1024);
    assert_int_equal(ext2_rename(im->fs, d, "file", EXT2_ROOT_INO, "file"), 0);
    assert_int_equal(ext2_unlink(im->fs, EXT2_ROOT_INO, "big.bin"), 0);
    fsck_ok(im);
    done(im);
}

/* What debugfs says about one file: the line of its "stat" output that starts with key. */
static void debugfs_line(struct img *im, const char *file, const char *key, char *out,
                         size_t size)
{
    char cmd[384];
    snprintf(cmd, sizeof cmd, DEBUGFS " -R 'stat %s' %s 2>/dev/null", file, im->path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    out[0] = '\0';
    char line[256];
    while (fgets(line, sizeof line, p))
        if (strncmp(line, key, strlen(key)) == 0)
            snprintf(out, size, "%s", line);
    pclose(p);
}

static void assert_rdev(struct img *im, const char *path, uint32_t type, uint32_t major,
                        uint32_t minor)
{
    struct ext2_stat st;
    assert_int_equal(ext2_stat(im->fs, path_ino(im, path), &st), 0);
    assert_int_equal(st.mode & EXT2_S_IFMT, type);
    assert_int_equal(st.rdev_major, major);
    assert_int_equal(st.rdev_minor, minor);
}

/* Device files: numbers stored the way Linux and debugfs store them (old form when both fit
 * in a byte, new form otherwise), read back by both sides; FIFOs have no number. */
static void test_device_nodes(void **state)
{
    (void)state;
    struct img *im = make_img(1024, 4096, false, NULL);
    run(DEBUGFS " -w -R 'mknod by_debugfs_old b 8 1' %s >/dev/null 2>&1", im->path);
    run(DEBUGFS " -w -R 'mknod by_debugfs_new c 300 7' %s >/dev/null 2>&1", im->path);
    mount_img(im, 0);
    assert_rdev(im, "/by_debugfs_old", EXT2_S_IFBLK, 8, 1);
    assert_rdev(im, "/by_debugfs_new", EXT2_S_IFCHR, 300, 7);
    uint32_t ino;
    struct ext2_fs *fs = im->fs;
    assert_int_equal(ext2_mknod(fs, EXT2_ROOT_INO, "tty", EXT2_S_IFCHR | 0620, 4, 5, 0, 5,
                                &ino), 0);
    assert_int_equal(ext2_mknod(fs, EXT2_ROOT_INO, "big", EXT2_S_IFBLK | 0600, 300, 70000, 0,
                                0, &ino), 0);
    assert_int_equal(ext2_mknod(fs, EXT2_ROOT_INO, "pipe", EXT2_S_IFIFO | 0644, 9, 9, 0, 0,
                                &ino), 0);
    assert_int_equal(ext2_mknod(fs, EXT2_ROOT_INO, "file", EXT2_S_IFREG | 0644, 0, 0, 0, 0,
                                &ino), -EINVAL);
    assert_int_equal(ext2_mknod(fs, EXT2_ROOT_INO, "huge", EXT2_S_IFCHR | 0644, 4096, 0, 0, 0,
                                &ino), -EINVAL);
    assert_int_equal(ext2_mknod(fs, EXT2_ROOT_INO, "tty", EXT2_S_IFCHR | 0644, 1, 1, 0, 0,
                                &ino), -EEXIST);
    assert_int_equal(ext2_lookup(fs, EXT2_ROOT_INO, "huge", &ino), -ENOENT);
    assert_rdev(im, "/tty", EXT2_S_IFCHR, 4, 5);
    assert_rdev(im, "/big", EXT2_S_IFBLK, 300, 70000);
    assert_rdev(im, "/pipe", EXT2_S_IFIFO, 0, 0);
    struct ext2_stat st;
    assert_int_equal(ext2_stat(fs, path_ino(im, "/tty"), &st), 0);
    assert_int_equal(st.mode & 07777, 0620);
    assert_int_equal(st.gid, 5);
    assert_int_equal(st.blocks, 0);
    assert_int_equal(ext2_unlink(fs, EXT2_ROOT_INO, "by_debugfs_old"), 0);
    fsck_ok(im);
    char line[256];
    debugfs_line(im, "tty", "Device major/minor number:", line, sizeof line);
    assert_non_null(strstr(line, "04:05"));
    debugfs_line(im, "big", "(New-style) Device major/minor number:", line, sizeof line);
    assert_non_null(strstr(line, "300:70000"));
    done(im);
}

/* Random writes, truncates and re-creations of a few files, mirrored in memory: the image
 * must always read back as the mirror says, and stay consistent. */
#define MODEL_FILES 6
#define MODEL_MAX   (400 * 1024)

struct model_file {
    uint32_t ino;
    uint64_t size;
    uint8_t data[MODEL_MAX];
};

static uint32_t rnd(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void model_step(struct img *im, struct model_file *m, uint32_t *seed, uint8_t *buf)
{
    char name[16];
    uint32_t op = rnd(seed) % 10;
    if (op < 6) {
        uint32_t off = rnd(seed) % MODEL_MAX, len = rnd(seed) % 20000 + 1;
        if (off + len > MODEL_MAX)
            len = MODEL_MAX - off;
        fill(buf, len, rnd(seed), 0);
        assert_int_equal(ext2_write(im->fs, m->ino, off, buf, len), len);
        memcpy(m->data + off, buf, len);
        if (off + len > m->size)
            m->size = off + len;
    } else if (op < 9) {
        uint64_t size = rnd(seed) % MODEL_MAX;
        assert_int_equal(ext2_truncate(im->fs, m->ino, size), 0);
        if (size < m->size)     /* past the end, the mirror stays all zeros */
            memset(m->data + size, 0, MODEL_MAX - size);
        m->size = size;
    } else {
        snprintf(name, sizeof name, "f%u", m->ino);
        assert_int_equal(ext2_unlink(im->fs, EXT2_ROOT_INO, name), 0);
        m->ino = mk(im, EXT2_ROOT_INO, "tmp");
        snprintf(name, sizeof name, "f%u", m->ino);
        assert_int_equal(ext2_rename(im->fs, EXT2_ROOT_INO, "tmp", EXT2_ROOT_INO, name), 0);
        memset(m->data, 0, MODEL_MAX);
        m->size = 0;
    }
}

static void model_check(struct img *im, struct model_file *m, uint8_t *buf)
{
    struct ext2_stat st;
    assert_int_equal(ext2_stat(im->fs, m->ino, &st), 0);
    assert_int_equal(st.size, m->size);
    assert_int_equal(ext2_read(im->fs, m->ino, 0, buf, MODEL_MAX), (int)m->size);
    assert_memory_equal(buf, m->data, m->size);
}

static void test_random_model(void **state)
{
    (void)state;
    struct img *im = new_fs(1024, 8192, false);
    struct model_file *m = calloc(MODEL_FILES, sizeof *m);
    uint8_t *buf = malloc(MODEL_MAX);
    assert_non_null(m);
    assert_non_null(buf);
    char name[16];
    for (int i = 0; i < MODEL_FILES; i++) {
        m[i].ino = mk(im, EXT2_ROOT_INO, "tmp");
        snprintf(name, sizeof name, "f%u", m[i].ino);
        assert_int_equal(ext2_rename(im->fs, EXT2_ROOT_INO, "tmp", EXT2_ROOT_INO, name), 0);
    }
    uint32_t seed = 12345;
    for (int round = 0; round < 4; round++) {
        for (int step = 0; step < 150; step++)
            model_step(im, &m[rnd(&seed) % MODEL_FILES], &seed, buf);
        for (int i = 0; i < MODEL_FILES; i++)
            model_check(im, &m[i], buf);
        fsck_ok(im);
        mount_img(im, 0);
    }
    ext2_unmount(im->fs);
    free(buf);
    free(m);
    done(im);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_staged_1k),
        cmocka_unit_test(test_read_staged_4k),
        cmocka_unit_test(test_readdir),
        cmocka_unit_test(test_roundtrip_1k),
        cmocka_unit_test(test_roundtrip_4k),
        cmocka_unit_test(test_big_file_1k),
        cmocka_unit_test(test_big_file_4k),
        cmocka_unit_test(test_sparse),
        cmocka_unit_test(test_nested_dirs),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_links_attrs),
        cmocka_unit_test(test_big_dir),
        cmocka_unit_test(test_enospc),
        cmocka_unit_test(test_corrupt_super),
        cmocka_unit_test(test_ro_compat),
        cmocka_unit_test(test_corrupt_dir),
        cmocka_unit_test(test_fsck_catches_damage),
        cmocka_unit_test(test_large_inodes),
        cmocka_unit_test(test_device_nodes),
        cmocka_unit_test(test_random_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
