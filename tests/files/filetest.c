/* filetest: file-system checks run from the shell on the real root file system:
 *   filetest errors DIR   wrong calls get the right errno and change nothing
 *   filetest tree DIR     nested directories, create/write/read/rename/delete round trips
 *   filetest big FILE MIB a large file written and read back with a checksum, timed
 *   filetest fill DIR     writes until ENOSPC, then frees the space and writes again
 * Prints "ok: ..." or "FAIL: ..." per check and ends with "filetest: done, N failures". */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/times.h>
#include <unistd.h>

static int failures;
static char path[512], path2[512];

static void check(int ok, const char *what)
{
    printf("%s: %s\n", ok ? "ok" : "FAIL", what);
    failures += !ok;
}

/* The call failed with exactly err. */
static int fails_with(int r, int err)
{
    return r == -1 && errno == err;
}

static const char *at(const char *dir, const char *name)
{
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

static int write_file(const char *p, const char *text)
{
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -1;
    int n = (int)write(fd, text, strlen(text));
    return close(fd) == 0 && n == (int)strlen(text) ? 0 : -1;
}

static int file_is(const char *p, const char *text)
{
    char buf[256];
    int fd = open(p, O_RDONLY);
    if (fd < 0)
        return 0;
    int n = (int)read(fd, buf, sizeof buf - 1);
    close(fd);
    return n == (int)strlen(text) && memcmp(buf, text, (size_t)n) == 0;
}

static void errors(const char *dir)
{
    struct stat st;
    char buf[16];
    check(fails_with(open(at(dir, "missing"), O_RDONLY), ENOENT), "open of a missing file: ENOENT");
    check(fails_with(stat(at(dir, "missing/x"), &st), ENOENT), "stat under a missing directory: ENOENT");
    check(write_file(at(dir, "plain"), "plain\n") == 0, "a plain file");
    check(fails_with(open(at(dir, "plain/x"), O_RDONLY), ENOTDIR), "a file used as a directory: ENOTDIR");
    check(fails_with(mkdir(at(dir, "plain/x"), 0755), ENOTDIR), "mkdir under a file: ENOTDIR");
    check(fails_with(open(dir, O_WRONLY), EISDIR), "a directory opened for writing: EISDIR");
    int fd = open(dir, O_RDONLY);
    check(fd >= 0 && fails_with((int)read(fd, buf, sizeof buf), EISDIR), "read of a directory: EISDIR");
    close(fd);
    check(fails_with(unlink(dir), EISDIR) || fails_with(unlink(dir), EPERM), "unlink of a directory fails");
    check(fails_with(mkdir(at(dir, "plain"), 0755), EEXIST), "mkdir over a file: EEXIST");
    check(fails_with(open(at(dir, "plain"), O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST),
          "O_CREAT|O_EXCL of an existing file: EEXIST");
    check(mkdir(at(dir, "full"), 0755) == 0 && write_file(at(dir, "full/f"), "x") == 0, "a directory with a file");
    check(fails_with(rmdir(at(dir, "full")), ENOTEMPTY), "rmdir of a non-empty directory: ENOTEMPTY");
    check(fails_with(rmdir(at(dir, "plain")), ENOTDIR), "rmdir of a file: ENOTDIR");
    check(fails_with(close(99), EBADF) && fails_with((int)write(57, "x", 1), EBADF), "bad descriptors: EBADF");
    check(fails_with((int)lseek(0, 0, 99), EINVAL) || fails_with((int)lseek(0, 0, 99), ESPIPE),
          "a bad whence fails");
    check(fails_with(rename(at(dir, "missing"), at(dir, "other")), ENOENT), "rename of a missing file: ENOENT");
    check(file_is(at(dir, "plain"), "plain\n"), "after all that, the file is unchanged");
    check(unlink(at(dir, "full/f")) == 0 && rmdir(at(dir, "full")) == 0 && unlink(at(dir, "plain")) == 0,
          "and everything can be removed");
}

static void tree(const char *dir)
{
    char p[512];
    snprintf(p, sizeof p, "%s/a", dir);
    check(mkdir(p, 0755) == 0, "mkdir a");
    snprintf(p, sizeof p, "%s/a/b", dir);
    check(mkdir(p, 0755) == 0, "mkdir a/b");
    snprintf(p, sizeof p, "%s/a/b/c", dir);
    check(mkdir(p, 0755) == 0, "mkdir a/b/c");
    int made = 0;
    for (int i = 0; i < 40; i++) {
        char text[64];
        snprintf(p, sizeof p, "%s/a/b/c/file%d", dir, i);
        snprintf(text, sizeof text, "contents of file %d\n", i);
        made += write_file(p, text) == 0;
    }
    check(made == 40, "40 files in a/b/c");
    snprintf(p, sizeof p, "%s/a/b/c", dir);
    DIR *d = opendir(p);
    int seen = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        seen += strncmp(e->d_name, "file", 4) == 0;
    if (d)
        closedir(d);
    check(seen == 40, "readdir lists all 40");
    snprintf(path, sizeof path, "%s/a/b", dir);
    snprintf(path2, sizeof path2, "%s/a/moved", dir);
    check(rename(path, path2) == 0, "rename a/b to a/moved");
    snprintf(p, sizeof p, "%s/a/moved/c/file7", dir);
    check(file_is(p, "contents of file 7\n"), "a file keeps its contents after its directory moved");
    snprintf(path, sizeof path, "%s/a/moved/c/file7", dir);
    snprintf(path2, sizeof path2, "%s/a/seven", dir);
    check(rename(path, path2) == 0 && file_is(path2, "contents of file 7\n"), "rename a file across directories");
    check(link(path2, path) == 0 && file_is(path, "contents of file 7\n"), "a hard link reads the same");
    struct stat st;
    check(stat(path2, &st) == 0 && st.st_nlink == 2, "and the file has two links");
    char hard[512];
    snprintf(hard, sizeof hard, "%s", path);
    check(symlink("seven", at(dir, "a/sym")) == 0, "a symlink");
    char target[64] = { 0 };
    int plain = (int)readlink(hard, target, sizeof target);
    check(plain < 0 && errno == EINVAL, "readlink of a file that is no symlink: EINVAL");
    int n = (int)readlink(at(dir, "a/sym"), target, sizeof target);
    if (n != 5)
        printf("readlink gave %d (%s)\n", n, n < 0 ? strerror(errno) : target);
    check(n == 5 && memcmp(target, "seven", 5) == 0, "readlink gives its target");
    check(file_is(at(dir, "a/sym"), "contents of file 7\n"), "and opening it reaches the file");
    int removed = 0;
    for (int i = 0; i < 40; i++) {
        snprintf(p, sizeof p, "%s/a/moved/c/file%d", dir, i);
        removed += unlink(p) == 0;
    }
    check(removed == 40, "unlink all 40 (file7 through its link)");
    snprintf(p, sizeof p, "%s/a/moved/c", dir);
    check(rmdir(p) == 0, "rmdir a/moved/c");
    snprintf(p, sizeof p, "%s/a/moved", dir);
    check(rmdir(p) == 0, "rmdir a/moved");
    check(unlink(at(dir, "a/sym")) == 0 && unlink(path2) == 0, "unlink the symlink and the file");
    snprintf(p, sizeof p, "%s/a", dir);
    check(rmdir(p) == 0 && stat(p, &st) == -1 && errno == ENOENT, "rmdir a: the tree is gone");
}

static uint32_t pattern(uint32_t i)
{
    i ^= i >> 13;
    i *= 0x5bd1e995u;
    return i ^ (i >> 15);
}

static long ticks(void)
{
    struct tms t;
    return (long)times(&t);
}

static void big(const char *file, int mib)
{
    static uint32_t buf[16384];            /* 64 KiB */
    int chunks = mib * 16;
    uint32_t sum_out = 0, sum_in = 0;
    int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    check(fd >= 0, "create the big file");
    long t0 = ticks();
    int ok = fd >= 0;
    for (int c = 0; ok && c < chunks; c++) {
        for (int i = 0; i < 16384; i++)
            sum_out += buf[i] = pattern((uint32_t)(c * 16384 + i));
        ok = write(fd, buf, sizeof buf) == (ssize_t)sizeof buf;
    }
    ok = close(fd) == 0 && ok;
    long t1 = ticks();
    check(ok, "write it in 64 KiB pieces");
    struct stat st;
    check(stat(file, &st) == 0 && st.st_size == (off_t)mib << 20, "its size");
    fd = open(file, O_RDONLY);
    ok = fd >= 0;
    int same = 1;
    for (int c = 0; ok && c < chunks; c++) {
        ok = read(fd, buf, sizeof buf) == (ssize_t)sizeof buf;
        for (int i = 0; ok && i < 16384; i++) {
            sum_in += buf[i];
            same &= buf[i] == pattern((uint32_t)(c * 16384 + i));
        }
    }
    char tail;
    ok = ok && read(fd, &tail, 1) == 0;
    close(fd);
    long t2 = ticks();
    check(ok && same && sum_in == sum_out, "read back: every word and the checksum match");
    long hz = sysconf(_SC_CLK_TCK);
    printf("big: %d MiB, checksum %08lx, write %ld ms, read %ld ms\n", mib,
           (unsigned long)sum_in, (t1 - t0) * 1000 / hz, (t2 - t1) * 1000 / hz);
    check(unlink(file) == 0, "remove it");
}

static void fill(const char *dir)
{
    static char buf[4096];
    memset(buf, 'f', sizeof buf);
    int fd = open(at(dir, "filler"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    long kib = 0;
    ssize_t n = 0;
    while (fd >= 0 && (n = write(fd, buf, sizeof buf)) == (ssize_t)sizeof buf)
        kib += 4;
    int err = errno;
    close(fd);
    check(fd >= 0 && n < (ssize_t)sizeof buf && (n > 0 || err == ENOSPC), "writing until the disk is full ends in ENOSPC");
    printf("fill: ENOSPC after %ld KiB\n", kib);
    check(fails_with(write_file(at(dir, "more"), "x") == 0 ? 0 : -1, ENOSPC) ||
          fails_with(mkdir(at(dir, "moredir"), 0755), ENOSPC), "nothing more fits");
    check(unlink(at(dir, "filler")) == 0, "remove the filler");
    unlink(at(dir, "more"));
    check(write_file(at(dir, "after"), "room again\n") == 0 && file_is(at(dir, "after"), "room again\n"),
          "then a file can be written again");
    unlink(at(dir, "after"));
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc >= 3 && strcmp(argv[1], "errors") == 0)
        errors(argv[2]);
    else if (argc >= 3 && strcmp(argv[1], "tree") == 0)
        tree(argv[2]);
    else if (argc >= 4 && strcmp(argv[1], "big") == 0)
        big(argv[2], atoi(argv[3]));
    else if (argc >= 3 && strcmp(argv[1], "fill") == 0)
        fill(argv[2]);
    else {
        fprintf(stderr, "usage: filetest errors|tree|fill DIR, filetest big FILE MIB\n");
        return 2;
    }
    printf("filetest: done, %d failures\n", failures);
    return failures != 0;
}
