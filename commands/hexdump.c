/* hexdump: dumps files in hex, 16 bytes a line. Usage: hexdump [-C] [file...]   -C: bytes and
 * text (canonical form); else little-endian 2-byte words. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define LINE 16

static char **files;
static int nfiles, next_file, fd = -1, status;

/* Reads up to n bytes from the files one after another (standard input if there are none). */
static size_t read_input(unsigned char *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        if (fd < 0) {
            if (nfiles == 0 && next_file == 0) {
                fd = 0;
                next_file = 1;
            } else if (next_file < nfiles) {
                const char *name = files[next_file++];
                fd = strcmp(name, "-") == 0 ? 0 : open(name, O_RDONLY);
                if (fd < 0) {
                    fprintf(stderr, "hexdump: %s: %s\n", name, strerror(errno));
                    status = 1;
                    continue;
                }
            } else {
                break;
            }
        }
        ssize_t r = read(fd, buf + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            if (r < 0) {
                fprintf(stderr, "hexdump: %s\n", strerror(errno));
                status = 1;
            }
            if (fd > 0)
                close(fd);
            fd = -1;
            continue;
        }
        got += (size_t)r;
    }
    return got;
}

static void canonical(unsigned long offset, const unsigned char *b, size_t n)
{
    printf("%08lx ", offset);
    for (size_t i = 0; i < LINE; i++) {
        if (i == 8)
            putchar(' ');
        if (i < n)
            printf(" %02x", b[i]);
        else
            printf("   ");
    }
    printf("  |");
    for (size_t i = 0; i < n; i++)
        putchar(b[i] >= 32 && b[i] < 127 ? b[i] : '.');
    printf("|\n");
}

static void words(unsigned long offset, const unsigned char *b, size_t n)
{
    printf("%07lx", offset);
    for (size_t i = 0; i < n; i += 2)
        printf(" %04x", b[i] | (i + 1 < n ? b[i + 1] << 8 : 0));
    putchar('\n');
}

int main(int argc, char **argv)
{
    int canon = 0, i = 1;
    if (i < argc && strcmp(argv[i], "-C") == 0) {
        canon = 1;
        i++;
    }
    if (i < argc && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") != 0) {
        fputs("usage: hexdump [-C] [file...]\n", stderr);
        return 2;
    }
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    files = argv + i;
    nfiles = argc - i;
    unsigned char buf[LINE];
    unsigned long offset = 0;
    size_t n;
    while ((n = read_input(buf, LINE)) > 0) {
        (canon ? canonical : words)(offset, buf, n);
        offset += n;
        if (n < LINE)
            break;
    }
    printf(canon ? "%08lx\n" : "%07lx\n", offset);
    if (fflush(stdout))
        status = 1;
    return status;
}
