/* ln: makes hard or (-s) symbolic links; -f replaces existing names. Without a name the link is
 * the target's last component, here. Usage: ln [-sf] target [name] | ln [-sf] target... dir */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "lib/paths.h"

static int symbolic, force;

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

static int usage(void)
{
    fputs("usage: ln [-sf] target [name] | ln [-sf] target... dir\n", stderr);
    return 2;
}

int main(int argc, char **argv)
{
    int c;
    while ((c = getopt(argc, argv, "sf")) != -1) {
        if (c == 's')
            symbolic = 1;
        else if (c == 'f')
            force = 1;
        else
            return usage();
    }
    int n = argc - optind;
    if (n < 1)
        return usage();
    if (n == 1)
        return each_target("ln", argv + optind, 1, ".", make_link);
    return each_target("ln", argv + optind, n - 1, argv[argc - 1], make_link);
}
