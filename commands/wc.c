/* wc: counts lines, words and bytes (all three by default). A single count of standard input is
 * printed bare, so $(wc -l < f) is the number. Usage: wc [-clw] [file...] */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "lib/io.h"

static int want_lines, want_words, want_bytes;
static unsigned long total[3];
static char buf[8192];

static void show(const unsigned long n[3], const char *name)
{
    int wanted[3] = { want_lines, want_words, want_bytes };
    int count = want_lines + want_words + want_bytes, first = 1;
    for (int i = 0; i < 3; i++) {
        if (!wanted[i])
            continue;
        if (count == 1 && !name)
            printf("%lu", n[i]);
        else
            printf(first ? "%7lu" : " %7lu", n[i]);
        first = 0;
    }
    if (name)
        printf(" %s", name);
    putchar('\n');
}

static int count(int fd, const char *name)
{
    unsigned long n[3] = { 0, 0, 0 };
    int in_word = 0;
    for (;;) {
        ssize_t r = read_some(fd, buf, sizeof buf);
        if (r < 0) {
            fprintf(stderr, "wc: %s: %s\n", name ? name : "stdin", strerror(errno));
            return 1;
        }
        if (r == 0)
            break;
        n[2] += (unsigned long)r;
        for (ssize_t i = 0; i < r; i++) {
            char c = buf[i];
            int space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
            n[0] += c == '\n';
            n[1] += !space && !in_word;
            in_word = !space;
        }
    }
    for (int i = 0; i < 3; i++)
        total[i] += n[i];
    show(n, name);
    return 0;
}

int main(int argc, char **argv)
{
    int c;
    while ((c = getopt(argc, argv, "clw")) != -1) {
        switch (c) {
        case 'c': want_bytes = 1; break;
        case 'l': want_lines = 1; break;
        case 'w': want_words = 1; break;
        default:
            fputs("usage: wc [-clw] [file...]\n", stderr);
            return 2;
        }
    }
    if (!want_lines && !want_words && !want_bytes)
        want_lines = want_words = want_bytes = 1;
    if (optind == argc)
        return count(0, NULL) | (fflush(stdout) != 0);
    int status = 0;
    for (int i = optind; i < argc; i++) {
        int fd = open_input("wc", argv[i]);
        if (fd < 0) {
            status = 1;
            continue;
        }
        status |= count(fd, argv[i]);
        if (fd != 0)
            close(fd);
    }
    if (argc - optind > 1)
        show(total, "total");
    return status | (fflush(stdout) != 0);
}
