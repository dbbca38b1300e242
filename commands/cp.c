/* cp: copies files. Usage: cp [-r] src dst | cp [-r] src... dir
 * -r (or -R): directories with everything in them; symbolic links inside are copied as links. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int recursive;
static char buf[8192];

static void report(const char *path)
{
    fprintf(stderr, "cp: %s: %s\n", path, strerror(errno));
}

static char *join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (!p) {
        fputs("cp: out of memory\n", stderr);
        exit(1);
    }
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + (a && dir[a - 1] != '/'), name, b + 1);
    return p;
}

static const char *base_name(const char *path)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    const char *p = path + n;
    while (p > path && p[-1] != '/')
        p--;
    return p;
}

static int copy_data(int in, int out, const char *src, const char *dst)
{
    for (;;) {
        ssize_t n = read(in, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            report(src);
            return 1;
        }
        if (n == 0)
            return 0;
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(out, buf + off, (size_t)(n - off));
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                report(dst);
                return 1;
            }
            off += w;
        }
    }
}

static int copy_file(const char *src, const char *dst, const struct stat *st)
{
    struct stat dst_st;
    if (stat(dst, &dst_st) == 0 && dst_st.st_dev == st->st_dev && dst_st.st_ino == st->st_ino) {
        fprintf(stderr, "cp: %s and %s are the same file\n", src, dst);
        return 1;
    }
    int in = open(src, O_RDONLY);
    if (in < 0) {
        report(src);
        return 1;
    }
    int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 07777);
    if (out < 0) {
        report(dst);
        close(in);
        return 1;
    }
    int status = copy_data(in, out, src, dst);
    close(in);
    if (close(out) < 0 && !status) {
        report(dst);
        status = 1;
    }
    return status;
}

static int copy(const char *src, const char *dst, int top);

static int copy_dir(const char *src, const char *dst, const struct stat *st)
{
    struct stat dst_st;
    if (stat(dst, &dst_st) < 0) {
        if (mkdir(dst, (st->st_mode & 07777) | 0700) < 0) {
            report(dst);
            return 1;
        }
    } else if (!S_ISDIR(dst_st.st_mode)) {
        fprintf(stderr, "cp: %s: not a directory\n", dst);
        return 1;
    }
    DIR *d = opendir(src);
    if (!d) {
        report(src);
        return 1;
    }
    int status = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *from = join(src, e->d_name), *to = join(dst, e->d_name);
        status |= copy(from, to, 0);
        free(from);
        free(to);
    }
    closedir(d);
    return status;
}

static int copy_link(const char *src, const char *dst)
{
    static char target[1024];   /* not on the stack: copy() recurses once per directory level */
    ssize_t n = readlink(src, target, sizeof target - 1);
    if (n < 0) {
        report(src);
        return 1;
    }
    target[n] = '\0';
    unlink(dst);
    if (symlink(target, dst) < 0) {
        report(dst);
        return 1;
    }
    return 0;
}

/* Operands are followed if they are links; links met inside a directory are copied as such. */
static int copy(const char *src, const char *dst, int top)
{
    struct stat st;
    if ((top ? stat(src, &st) : lstat(src, &st)) < 0) {
        report(src);
        return 1;
    }
    if (S_ISLNK(st.st_mode))
        return copy_link(src, dst);
    if (S_ISDIR(st.st_mode)) {
        if (!recursive) {
            fprintf(stderr, "cp: %s: is a directory (not copied without -r)\n", src);
            return 1;
        }
        return copy_dir(src, dst, &st);
    }
    return copy_file(src, dst, &st);
}

int main(int argc, char **argv)
{
    int c;
    while ((c = getopt(argc, argv, "rRfp")) != -1) {
        if (c == 'r' || c == 'R') {
            recursive = 1;
        } else if (c == '?') {
            fputs("usage: cp [-r] src dst | cp [-r] src... dir\n", stderr);
            return 2;
        }
    }
    int n = argc - optind;
    if (n < 2) {
        fputs("usage: cp [-r] src dst | cp [-r] src... dir\n", stderr);
        return 2;
    }
    const char *dst = argv[argc - 1];
    struct stat st;
    int into_dir = stat(dst, &st) == 0 && S_ISDIR(st.st_mode);
    if (n > 2 && !into_dir) {
        fprintf(stderr, "cp: %s: not a directory\n", dst);
        return 1;
    }
    int status = 0;
    for (int i = optind; i < argc - 1; i++) {
        if (!into_dir) {
            status |= copy(argv[i], dst, 1);
            continue;
        }
        char *to = join(dst, base_name(argv[i]));
        status |= copy(argv[i], to, 1);
        free(to);
    }
    return status;
}
