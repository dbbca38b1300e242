/* touch: sets files' access and modification times to now, creating missing ones.
 * Usage: touch [-c] file...   -c: do not create. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/time.h>

int main(int argc, char **argv)
{
    int create = 1, i = 1, status = 0;
    if (i < argc && strcmp(argv[i], "-c") == 0) {
        create = 0;
        i++;
    }
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i == argc) {
        fputs("usage: touch [-c] file...\n", stderr);
        return 2;
    }
    for (; i < argc; i++) {
        if (utimes(argv[i], NULL) == 0)
            continue;
        if (errno == ENOSYS)
            continue;      /* it exists; the system cannot set file times yet */
        if (errno == ENOENT && !create)
            continue;
        if (errno == ENOENT) {
            int fd = open(argv[i], O_WRONLY | O_CREAT, 0666);
            if (fd >= 0) {
                close(fd);
                continue;
            }
        }
        fprintf(stderr, "touch: %s: %s\n", argv[i], strerror(errno));
        status = 1;
    }
    return status;
}
