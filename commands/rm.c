/* rm: removes files. Usage: rm [-rf] file...
 * -r (or -R): directories and everything in them; -f: no error for missing files. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lib/paths.h"

static int recursive, force;

static int fail(const char *path)
{
    if (force && errno == ENOENT)
        return 0;
    fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
    return 1;
}

static int remove_path(const char *path);

static int remove_dir(const char *path)
{
    DIR *d = opendir(path);
    if (!d)
        return fail(path);
    int status = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *child = path_join("rm", path, e->d_name);
        status |= remove_path(child);
        free(child);
    }
    closedir(d);
    if (rmdir(path) < 0)
        return fail(path);
    return status;
}

static int remove_path(const char *path)
{
    struct stat st;
    if (lstat(path, &st) < 0)
        return fail(path);
    if (S_ISDIR(st.st_mode)) {
        if (!recursive) {
            fprintf(stderr, "rm: %s: is a directory\n", path);
            return 1;
        }
        return remove_dir(path);
    }
    if (unlink(path) < 0)
        return fail(path);
    return 0;
}

static int is_dot_or_dotdot(const char *path)
{
    const char *base = base_name(path);
    size_t b = strcspn(base, "/");
    return (b == 1 && base[0] == '.') || (b == 2 && base[0] == '.' && base[1] == '.');
}

int main(int argc, char **argv)
{
    int c;
    while ((c = getopt(argc, argv, "rRfi")) != -1) {
        switch (c) {
        case 'r': case 'R': recursive = 1; break;
        case 'f': force = 1; break;
        case 'i': break;
        default:
            fputs("usage: rm [-rf] file...\n", stderr);
            return 2;
        }
    }
    if (optind == argc && !force) {
        fputs("usage: rm [-rf] file...\n", stderr);
        return 2;
    }
    int status = 0;
    for (int i = optind; i < argc; i++) {
        if (is_dot_or_dotdot(argv[i])) {
            fprintf(stderr, "rm: %s: refusing to remove . or ..\n", argv[i]);
            status = 1;
            continue;
        }
        status |= remove_path(argv[i]);
    }
    return status;
}
