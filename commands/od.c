/* od: dumps files 16 bytes a line after an octal offset, in one or more formats.
 * Usage: od [-bcdovx] [file...] */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "lib/input.h"

#define LINE 16

/* -b octal bytes, -c characters (C escapes, else octal), -d unsigned decimal 2-byte words,
 * -o octal words (the default), -x hex words; words are little-endian. -v: accepted, as
 * nothing is abbreviated anyway. */
static char formats[8];
static int nformats;

/* A byte as -c shows it: itself if it prints, a C escape, or three octal digits. */
static void char_repr(unsigned char c, char *out, size_t n)
{
    static const char from[] = "\a\b\f\n\r\t\v", *to = "abfnrtv";
    const char *k = c ? strchr(from, c) : NULL;
    if (c == 0)
        snprintf(out, n, "\\0");
    else if (k)
        snprintf(out, n, "\\%c", to[k - from]);
    else if (c >= 32 && c < 127)
        snprintf(out, n, "%c", c);
    else
        snprintf(out, n, "%03o", c);
}

/* The width of a 2-byte column: the widest format's, so that with several formats the
 * lines line up (a byte format takes half a column per byte). */
static int column_width(void)
{
    int w = 0;
    for (int i = 0; i < nformats; i++) {
        int f = strchr("bc", formats[i]) ? 8 : formats[i] == 'o' ? 7 : formats[i] == 'd' ? 6 : 5;
        w = f > w ? f : w;
    }
    return w;
}

static void put_line(char format, const unsigned char *b, size_t n, int width)
{
    char field[8];
    for (size_t i = 0; i < n; i++) {
        unsigned word = b[i] | (i + 1 < n ? b[i + 1] << 8 : 0);
        switch (format) {
        case 'b': snprintf(field, sizeof field, "%03o", b[i]); break;
        case 'c': char_repr(b[i], field, sizeof field); break;
        case 'd': snprintf(field, sizeof field, "%u", word); break;
        case 'o': snprintf(field, sizeof field, "%06o", word); break;
        case 'x': snprintf(field, sizeof field, "%04x", word); break;
        }
        int byte_format = format == 'b' || format == 'c';
        printf("%*s", byte_format ? width / 2 : width, field);
        i += !byte_format;
    }
    putchar('\n');
}

int main(int argc, char **argv)
{
    int c;
    /* The usage line alone says what is wrong; "+": options end at the first operand, as
     * POSIX has it (glibc's and newlib's getopt would look past it). */
    opterr = 0;
    while ((c = getopt(argc, argv, "+bcdovx")) != -1) {
        if (c == '?') {
            fputs("usage: od [-bcdovx] [file...]\n", stderr);
            return 2;
        }
        if (c != 'v' && nformats < (int)sizeof formats && !memchr(formats, c, (size_t)nformats))
            formats[nformats++] = (char)c;
    }
    if (nformats == 0)
        formats[nformats++] = 'o';
    struct input in;
    input_init(&in, "od", argv + optind, argc - optind);
    unsigned char buf[LINE];
    unsigned long offset = 0;
    int width = column_width();
    size_t n;
    while ((n = input_read(&in, buf, LINE)) > 0) {
        for (int k = 0; k < nformats; k++) {
            if (k == 0)
                printf("%07lo", offset);
            else
                printf("       ");
            put_line(formats[k], buf, n, width);
        }
        offset += n;
        if (n < LINE)
            break;
    }
    printf("%07lo\n", offset);
    return in.status | (fflush(stdout) != 0);
}
