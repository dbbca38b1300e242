/* test's expressions: POSIX's rules by operand count for up to four operands (so "test -n" means
 * what POSIX says), and a precedence parser of !, -a, -o and ( ) for longer ones. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "testexpr.h"

struct expr {
    const char *prog;
    char **a;
    int n, i;
    int error;
};

static void fail(struct expr *e, const char *what, const char *arg)
{
    if (!e->error)
        fprintf(stderr, "%s: %s%s%s\n", e->prog, arg ? arg : "", arg ? ": " : "", what);
    e->error = 1;
}

static int is_unary(const char *s)
{
    return s[0] == '-' && s[1] && !s[2] && strchr("bcdefghLnprsStuwxz", s[1]);
}

static int is_binary(const char *s)
{
    static const char *const ops[] = { "=", "!=", "==", "<", ">", "-eq", "-ne", "-lt", "-le",
                                       "-gt", "-ge", "-nt", "-ot", "-ef", "-a", "-o" };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strcmp(s, ops[i]) == 0)
            return 1;
    return 0;
}

static int unary(struct expr *e, const char *op, const char *arg)
{
    struct stat st;
    char c = op[1];
    if (c == 'n')
        return arg[0] != '\0';
    if (c == 'z')
        return arg[0] == '\0';
    if (c == 't') {
        char *end;
        long fd = strtol(arg, &end, 10);
        if (!*arg || *end) {
            fail(e, "integer expression expected", arg);
            return 0;
        }
        return isatty((int)fd);
    }
    if (c == 'r' || c == 'w' || c == 'x')
        return access(arg, c == 'r' ? R_OK : c == 'w' ? W_OK : X_OK) == 0;
    if ((c == 'h' || c == 'L') ? lstat(arg, &st) < 0 : stat(arg, &st) < 0)
        return 0;
    switch (c) {
    case 'b': return S_ISBLK(st.st_mode);
    case 'c': return S_ISCHR(st.st_mode);
    case 'd': return S_ISDIR(st.st_mode);
    case 'e': return 1;
    case 'f': return S_ISREG(st.st_mode);
    case 'g': return (st.st_mode & S_ISGID) != 0;
    case 'h': case 'L': return S_ISLNK(st.st_mode);
    case 'p': return S_ISFIFO(st.st_mode);
    case 's': return st.st_size > 0;
    case 'S': return S_ISSOCK(st.st_mode);
    case 'u': return (st.st_mode & S_ISUID) != 0;
    default: return 0;
    }
}

static long integer(struct expr *e, const char *s)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    while (*end == ' ' || *end == '\t')
        end++;
    if (!*s || *end || errno)
        fail(e, "integer expression expected", s);
    return v;
}

/* Modification times, or identity, of two files; a missing file is older than any. */
static int compare_files(const char *op, const char *a, const char *b)
{
    struct stat sa, sb;
    int ha = stat(a, &sa) == 0, hb = stat(b, &sb) == 0;
    if (strcmp(op, "-ef") == 0)
        return ha && hb && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    if (strcmp(op, "-nt") == 0)
        return ha && (!hb || sa.st_mtime > sb.st_mtime);
    return hb && (!ha || sa.st_mtime < sb.st_mtime);
}

static int binary(struct expr *e, const char *a, const char *op, const char *b)
{
    if (!strcmp(op, "=") || !strcmp(op, "=="))
        return strcmp(a, b) == 0;
    if (!strcmp(op, "!="))
        return strcmp(a, b) != 0;
    if (!strcmp(op, "<"))
        return strcmp(a, b) < 0;
    if (!strcmp(op, ">"))
        return strcmp(a, b) > 0;
    if (!strcmp(op, "-a"))
        return a[0] && b[0];
    if (!strcmp(op, "-o"))
        return a[0] || b[0];
    if (!strcmp(op, "-nt") || !strcmp(op, "-ot") || !strcmp(op, "-ef"))
        return compare_files(op, a, b);
    long x = integer(e, a), y = integer(e, b);
    if (!strcmp(op, "-eq")) return x == y;
    if (!strcmp(op, "-ne")) return x != y;
    if (!strcmp(op, "-lt")) return x < y;
    if (!strcmp(op, "-le")) return x <= y;
    if (!strcmp(op, "-gt")) return x > y;
    return x >= y;
}

static int parse_or(struct expr *e);

static const char *next_arg(struct expr *e)
{
    if (e->i >= e->n) {
        fail(e, "argument expected", NULL);
        return "";
    }
    return e->a[e->i++];
}

static int parse_primary(struct expr *e)
{
    const char *s = next_arg(e);
    if (e->error)
        return 0;
    if (!strcmp(s, "!"))
        return !parse_primary(e);
    if (!strcmp(s, "(")) {
        int v = parse_or(e);
        if (e->i >= e->n || strcmp(e->a[e->i], ")") != 0)
            fail(e, "missing )", NULL);
        e->i++;
        return v;
    }
    if (e->i + 1 < e->n && is_binary(e->a[e->i]) && strcmp(e->a[e->i], "-a") &&
        strcmp(e->a[e->i], "-o")) {
        const char *op = e->a[e->i++];
        return binary(e, s, op, e->a[e->i++]);
    }
    if (is_unary(s) && e->i < e->n)
        return unary(e, s, e->a[e->i++]);
    return s[0] != '\0';
}

static int parse_and(struct expr *e)
{
    int v = parse_primary(e);
    while (!e->error && e->i < e->n && !strcmp(e->a[e->i], "-a")) {
        e->i++;
        int w = parse_primary(e);
        v = v && w;
    }
    return v;
}

static int parse_or(struct expr *e)
{
    int v = parse_and(e);
    while (!e->error && e->i < e->n && !strcmp(e->a[e->i], "-o")) {
        e->i++;
        int w = parse_and(e);
        v = v || w;
    }
    return v;
}

static int negate(int v)
{
    return v < 0 ? v : !v;
}

/* POSIX's table for up to four operands; -1 where it leaves the meaning to the parser. */
static int by_count(struct expr *e, char **a, int n)
{
    switch (n) {
    case 0:
        return 0;
    case 1:
        return a[0][0] != '\0';
    case 2:
        if (!strcmp(a[0], "!"))
            return a[1][0] == '\0';
        if (is_unary(a[0]))
            return unary(e, a[0], a[1]);
        break;
    case 3:
        if (is_binary(a[1]))
            return binary(e, a[0], a[1], a[2]);
        if (!strcmp(a[0], "!"))
            return negate(by_count(e, a + 1, 2));
        if (!strcmp(a[0], "(") && !strcmp(a[2], ")"))
            return a[1][0] != '\0';
        break;
    case 4:
        if (!strcmp(a[0], "!"))
            return negate(by_count(e, a + 1, 3));
        if (!strcmp(a[0], "(") && !strcmp(a[3], ")"))
            return by_count(e, a + 1, 2);
        break;
    }
    return -1;
}

int test_eval(const char *prog, int argc, char **argv)
{
    struct expr e = { .prog = prog, .a = argv, .n = argc };
    int v = by_count(&e, argv, argc);
    if (v < 0) {
        v = parse_or(&e);
        if (!e.error && e.i < e.n)
            fail(&e, "unexpected operator", e.a[e.i]);
    }
    if (e.error)
        return 2;
    return v ? 0 : 1;
}
