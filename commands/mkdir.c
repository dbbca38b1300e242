/* mkdir: makes directories. Usage: mkdir [-p] dir...
 * -p: with any missing parents, and no error if the directory is there already. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Each prefix ending before a '/' in turn, then the whole path. */
static int make_parents(const char *path)
{
    if (!*path) {
        fprintf(stderr, "mkdir: '': %s\n", strerror(ENOENT));
        return 1;
    }
    char *p = malloc(strlen(path) + 1);
    if (!p) {
        fputs("mkdir: out of memory\n", stderr);
        return 1;
    }
    strcpy(p, path);
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char c = *s;
        *s = '\0';
        if (mkdir(p, 0777) < 0 && !(errno == EEXIST && is_dir(p))) {
            int err = errno == EEXIST ? ENOTDIR : errno;
            fprintf(stderr, "mkdir: %s: %s\n", p, strerror(err));
            free(p);
            return 1;
        }
        *s = c;
        while (s[0] == '/' && s[1] == '/')
            s++;
        if (c == '\0' || s[1] == '\0')
            break;
    }
    free(p);
    return 0;
}

int main(int argc, char **argv)
{
    int parents = 0, c;
    while ((c = getopt(argc, argv, "p")) != -1) {
        if (c != 'p') {
            fputs("usage: mkdir [-p] dir...\n", stderr);
            return 2;
        }
        parents = 1;
    }
    if (optind == argc) {
        fputs("usage: mkdir [-p] dir...\n", stderr);
        return 2;
    }
    int status = 0;
    for (int i = optind; i < argc; i++) {
        if (parents) {
            status |= make_parents(argv[i]);
        } else if (mkdir(argv[i], 0777) < 0) {
            fprintf(stderr, "mkdir: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        }
    }
    return status;
}
