/* mv: moves or renames files. Usage: mv src dst | mv src... dir
 * Between file systems a regular file is copied and the original removed. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lib/copyfile.h"
#include "lib/paths.h"

static int copy_across(const char *src, const char *dst)
{
    struct stat st;
    if (lstat(src, &st) < 0) {
        fprintf(stderr, "mv: %s: %s\n", src, strerror(errno));
        return 1;
    }
    if (!S_ISREG(st.st_mode)) {
        fprintf(stderr, "mv: %s: cannot move this kind of file to another file system\n", src);
        return 1;
    }
    int r = copy_file_data("mv", src, dst, st.st_mode & 07777);
    if (r == COPY_PART)
        unlink(dst);
    if (r != 0)
        return 1;
    if (unlink(src) < 0) {
        fprintf(stderr, "mv: %s: %s\n", src, strerror(errno));
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
    return each_target("mv", argv + i, n - 1, argv[argc - 1], move);
}
