/* od: dumps files 16 bytes a line after an octal offset, in one or more formats.
 * Usage: od [-bcdovx] [file...] */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define LINE 16

/* -b octal bytes, -c characters (C escapes, else octal), -d unsigned decimal 2-byte words,
 * -o octal words (the default), -x hex words; words are little-endian. -v: accepted, as
 * nothing is abbreviated anyway. */
static char formats[8];
static int nformats;
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
                    fprintf(stderr, "od: %s: %s\n", name, strerror(errno));
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
                fprintf(stderr, "od: %s\n", strerror(errno));
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
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        for (const char *f = argv[i] + 1; *f; f++) {
            if (*f == 'v')
                continue;
            if (!strchr("bcdox", *f)) {
                fputs("usage: od [-bcdovx] [file...]\n", stderr);
                return 2;
            }
            if (nformats < (int)sizeof formats && !memchr(formats, *f, (size_t)nformats))
                formats[nformats++] = *f;
        }
    }
    if (nformats == 0)
        formats[nformats++] = 'o';
    files = argv + i;
    nfiles = argc - i;
    unsigned char buf[LINE];
    unsigned long offset = 0;
    int width = column_width();
    size_t n;
    while ((n = read_input(buf, LINE)) > 0) {
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
    if (fflush(stdout))
        status = 1;
    return status;
}
