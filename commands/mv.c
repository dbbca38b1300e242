/* mv: moves or renames files. Usage: mv src dst | mv src... dir
 * Between file systems a regular file is copied and the original removed. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char buf[8192];

static void report(const char *path)
{
    fprintf(stderr, "mv: %s: %s\n", path, strerror(errno));
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

static int copy_across(const char *src, const char *dst)
{
    struct stat st;
    if (lstat(src, &st) < 0) {
        report(src);
        return 1;
    }
    if (!S_ISREG(st.st_mode)) {
        fprintf(stderr, "mv: %s: cannot move this kind of file to another file system\n", src);
        return 1;
    }
    int in = open(src, O_RDONLY), out = -1, status = 1;
    if (in < 0) {
        report(src);
        return 1;
    }
    out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st.st_mode & 07777);
    if (out < 0) {
        report(dst);
        close(in);
        return 1;
    }
    for (;;) {
        ssize_t n = read(in, buf, sizeof buf);
        if (n == 0) {
            status = 0;
            break;
        }
        if (n < 0 || write(out, buf, (size_t)n) != n) {
            report(n < 0 ? src : dst);
            break;
        }
    }
    close(in);
    if (close(out) < 0 && !status) {
        report(dst);
        status = 1;
    }
    if (status) {
        unlink(dst);
        return 1;
    }
    if (unlink(src) < 0) {
        report(src);
        return 1;
    }
    return 0;
}

static int move(const char *src, const char *dst)
{
    if (rename(src, dst) == 0)
        return 0;
    if (errno == EXDEV)
        return copy_across(src, dst);
    fprintf(stderr, "mv: %s to %s: %s\n", src, dst, strerror(errno));
    return 1;
}

int main(int argc, char **argv)
{
    int i = 1;
    while (i < argc && (strcmp(argv[i], "-f") == 0 || strcmp(argv[i], "-i") == 0))
        i++;
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    int n = argc - i;
    if (n < 2) {
        fputs("usage: mv src dst | mv src... dir\n", stderr);
        return 2;
    }
    const char *dst = argv[argc - 1];
    struct stat st;
    int into_dir = stat(dst, &st) == 0 && S_ISDIR(st.st_mode);
    if (n > 2 && !into_dir) {
        fprintf(stderr, "mv: %s: not a directory\n", dst);
        return 1;
    }
    int status = 0;
    for (; i < argc - 1; i++) {
        if (!into_dir) {
            status |= move(argv[i], dst);
            continue;
        }
        const char *name = base_name(argv[i]);
        size_t len = strlen(dst) + strlen(name) + 2;
        char *to = malloc(len);
        if (!to) {
            fputs("mv: out of memory\n", stderr);
            return 1;
        }
        snprintf(to, len, "%s/%s", dst, name);
        status |= move(argv[i], to);
        free(to);
    }
    return status;
}
