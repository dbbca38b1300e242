/* cp: copies files. Usage: cp [-r] src dst | cp [-r] src... dir
 * -r (or -R): directories with everything in them; symbolic links inside are copied as links. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lib/copyfile.h"
#include "lib/paths.h"

static int recursive;

static void report(const char *path)
{
    fprintf(stderr, "cp: %s: %s\n", path, strerror(errno));
}

static int copy_file(const char *src, const char *dst, const struct stat *st)
{
    struct stat dst_st;
    if (stat(dst, &dst_st) == 0 && dst_st.st_dev == st->st_dev && dst_st.st_ino == st->st_ino) {
        fprintf(stderr, "cp: %s and %s are the same file\n", src, dst);
        return 1;
    }
    return copy_file_data("cp", src, dst, st->st_mode & 07777) != 0;
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
        char *from = path_join("cp", src, e->d_name), *to = path_join("cp", dst, e->d_name);
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

static int copy_operand(const char *src, const char *dst)
{
    return copy(src, dst, 1);
}

static int usage(void)
{
    fputs("usage: cp [-r] src dst | cp [-r] src... dir\n", stderr);
    return 2;
}

/* -f and -p are accepted and change nothing. */
int main(int argc, char **argv)
{
    int c;
    while ((c = getopt(argc, argv, "rRfp")) != -1) {
        if (c == 'r' || c == 'R')
            recursive = 1;
        else if (c == '?')
            return usage();
    }
    int n = argc - optind;
    if (n < 2)
        return usage();
    return each_target("cp", argv + optind, n - 1, argv[argc - 1], copy_operand);
}
