/* rmdir: removes empty directories. Usage: rmdir dir... */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int status = 0, i = 1;
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i == argc) {
        fputs("usage: rmdir dir...\n", stderr);
        return 2;
    }
    for (; i < argc; i++) {
        if (rmdir(argv[i]) < 0) {
            fprintf(stderr, "rmdir: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        }
    }
    return status;
}
