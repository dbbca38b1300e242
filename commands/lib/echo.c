/* echo's work, shared by the echo program and the shell's builtin so that both print the
 * same: its options, its escapes and where \c stops it. */
#include <stdio.h>
#include <string.h>
#include "echo.h"

/* 0 after \c, which ends all output. */
static int put_escaped(const char *s)
{
    const char *from = "abefnrtv\\", *to = "\a\b\033\f\n\r\t\v\\";
    for (; *s; s++) {
        if (*s != '\\' || !s[1]) {
            putchar(*s);
            continue;
        }
        char c = *++s;
        const char *k = strchr(from, c);
        if (c == 'c')
            return 0;
        if (k) {
            putchar(to[k - from]);
        } else if (c == '0') {
            int v = 0;
            for (int i = 0; i < 3 && s[1] >= '0' && s[1] <= '7'; i++)
                v = v * 8 + (*++s - '0');
            putchar(v);
        } else {
            putchar('\\');
            putchar(c);
        }
    }
    return 1;
}

void echo_args(int argc, char **argv)
{
    int newline = 1, escapes = 0, i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strspn(argv[i] + 1, "neE") != strlen(argv[i] + 1))
            break;
        for (const char *f = argv[i] + 1; *f; f++) {
            if (*f == 'n')
                newline = 0;
            else
                escapes = *f == 'e';
        }
    }
    for (int first = i; i < argc; i++) {
        if (i > first)
            putchar(' ');
        if (!escapes)
            fputs(argv[i], stdout);
        else if (!put_escaped(argv[i]))
            return;
    }
    if (newline)
        putchar('\n');
}
