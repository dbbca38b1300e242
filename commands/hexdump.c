/* hexdump: dumps files in hex, 16 bytes a line. Usage: hexdump [-C] [file...]   -C: bytes and
 * text (canonical form); else little-endian 2-byte words. */
#include <stdio.h>
#include <string.h>
#include "lib/input.h"

#define LINE 16

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
    struct input in;
    input_init(&in, "hexdump", argv + i, argc - i);
    unsigned char buf[LINE];
    unsigned long offset = 0;
    size_t n;
    while ((n = input_read(&in, buf, LINE)) > 0) {
        (canon ? canonical : words)(offset, buf, n);
        offset += n;
        if (n < LINE)
            break;
    }
    printf(canon ? "%08lx\n" : "%07lx\n", offset);
    return in.status | (fflush(stdout) != 0);
}
