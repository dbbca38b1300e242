/* Path names for the utilities: one base name and one join for all of them, and the target
 * operand of cp, mv and ln, which all treat a directory the same way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "paths.h"

const char *base_name(const char *path)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    const char *p = path + n;
    while (p > path && p[-1] != '/')
        p--;
    return p;
}

char *path_join(const char *prog, const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (!p) {
        fprintf(stderr, "%s: out of memory\n", prog);
        exit(1);
    }
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + (a && dir[a - 1] != '/'), name, b + 1);
    return p;
}

int each_target(const char *prog, char **srcs, int nsrcs, const char *target,
                int (*op)(const char *src, const char *dst))
{
    struct stat st;
    int into_dir = stat(target, &st) == 0 && S_ISDIR(st.st_mode);
    if (nsrcs > 1 && !into_dir) {
        fprintf(stderr, "%s: %s: not a directory\n", prog, target);
        return 1;
    }
    int status = 0;
    for (int i = 0; i < nsrcs; i++) {
        if (!into_dir) {
            status |= op(srcs[i], target);
            continue;
        }
        char *dst = path_join(prog, target, base_name(srcs[i]));
        status |= op(srcs[i], dst);
        free(dst);
    }
    return status;
}
