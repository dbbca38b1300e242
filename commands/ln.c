/* ln: makes hard or (-s) symbolic links; -f replaces existing names. Without a name the link is
 * the target's last component, here. Usage: ln [-sf] target [name] | ln [-sf] target... dir */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int symbolic, force;

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

static int make_link(const char *target, const char *name)
{
    if (force && unlink(name) < 0 && errno != ENOENT) {
        fprintf(stderr, "ln: %s: %s\n", name, strerror(errno));
        return 1;
    }
    if ((symbolic ? symlink(target, name) : link(target, name)) < 0) {
        fprintf(stderr, "ln: %s: %s\n", errno == ENOENT && !symbolic ? target : name,
                strerror(errno));
        return 1;
    }
    return 0;
}

static int link_into(const char *target, const char *dir)
{
    const char *base = base_name(target);
    size_t len = strlen(dir) + strlen(base) + 2;
    char *name = malloc(len);
    if (!name) {
        fputs("ln: out of memory\n", stderr);
        return 1;
    }
    snprintf(name, len, "%s/%s", dir, base);
    int status = make_link(target, name);
    free(name);
    return status;
}

int main(int argc, char **argv)
{
    int c;
    while ((c = getopt(argc, argv, "sf")) != -1) {
        if (c == 's') {
            symbolic = 1;
        } else if (c == 'f') {
            force = 1;
        } else {
            fputs("usage: ln [-sf] target [name] | ln [-sf] target... dir\n", stderr);
            return 2;
        }
    }
    int n = argc - optind;
    if (n < 1) {
        fputs("usage: ln [-sf] target [name] | ln [-sf] target... dir\n", stderr);
        return 2;
    }
    if (n == 1)
        return link_into(argv[optind], ".");
    const char *last = argv[argc - 1];
    struct stat st;
    int into_dir = stat(last, &st) == 0 && S_ISDIR(st.st_mode);
    if (n == 2 && !into_dir)
        return make_link(argv[optind], last);
    if (!into_dir) {
        fprintf(stderr, "ln: %s: not a directory\n", last);
        return 1;
    }
    int status = 0;
    for (int i = optind; i < argc - 1; i++)
        status |= link_into(argv[i], last);
    return status;
}
