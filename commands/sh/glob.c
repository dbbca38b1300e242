/* sh: pathname expansion: a pattern of *, ? and [...] is matched one path component at a time
 * against directory entries. Names starting with a dot match only a pattern that does too. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "sh.h"

struct matches {
    char **v;
    int n, cap;
};

static void add_match(struct matches *m, const char *path)
{
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 16;
        m->v = xrealloc(m->v, sizeof *m->v * (size_t)m->cap);
    }
    m->v[m->n++] = xstrdup(path);
}

/* [...] at *pp against c: 1 or 0, and *pp moves past the ']'; -1 if there is no ']' (the '['
 * is then an ordinary character). */
static int match_class(const char **pp, char c)
{
    const char *p = *pp + 1;
    int negate = *p == '!' || *p == '^';
    int found = 0;
    if (negate)
        p++;
    for (int first = 1; *p && (first || *p != ']'); first = 0) {
        char lo = *p++;
        if (lo == '\\' && *p)
            lo = *p++;
        char hi = lo;
        if (p[0] == '-' && p[1] && p[1] != ']') {
            hi = p[1];
            p += 2;
            if (hi == '\\' && *p)
                hi = *p++;
        }
        if ((unsigned char)lo <= (unsigned char)c && (unsigned char)c <= (unsigned char)hi)
            found = 1;
    }
    if (*p != ']')
        return -1;
    *pp = p + 1;
    return found != negate;
}

static int match(const char *p, const char *s)
{
    for (;;) {
        switch (*p) {
        case '\0':
            return *s == '\0';
        case '*':
            while (*p == '*')
                p++;
            do {
                if (match(p, s))
                    return 1;
            } while (*s++);
            return 0;
        case '?':
            if (!*s)
                return 0;
            p++, s++;
            break;
        case '[': {
            const char *q = p;
            int r = *s ? match_class(&q, *s) : 0;
            if (r == 0)
                return 0;
            if (r > 0) {
                p = q;
                s++;
                break;
            }
            if (*s != '[')
                return 0;
            p++, s++;
            break;
        }
        case '\\':
            if (p[1])
                p++;
            /* fall through */
        default:
            if (*p != *s)
                return 0;
            p++, s++;
            break;
        }
    }
}

int pattern_match(const char *pattern, const char *s)
{
    return match(pattern, s);
}

static int has_magic(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\\')
            i++;
        else if (p[i] == '*' || p[i] == '?' || p[i] == '[')
            return 1;
    }
    return 0;
}

static void add_unescaped(struct str *b, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\\' && i + 1 < n)
            i++;
        str_addc(b, p[i]);
    }
}

/* Matches the pattern components in rest below the directory path (which ends in '/' or is
 * empty for the current directory). */
static void walk(struct str *path, const char *rest, struct matches *m)
{
    size_t comp = strcspn(rest, "/");
    const char *next = rest + comp;
    while (*next == '/')
        next++;
    int last = *next == '\0';
    size_t base = path->len;
    struct stat st;
    if (!has_magic(rest, comp)) {
        add_unescaped(path, rest, comp);
        if (last) {
            if (lstat(path->s, &st) == 0)
                add_match(m, path->s);
        } else {
            str_addc(path, '/');
            walk(path, next, m);
        }
    } else {
        char *pat = xstrndup(rest, comp);
        DIR *d = opendir(path->len ? path->s : ".");
        struct dirent *e;
        while (d && (e = readdir(d)) != NULL) {
            if (e->d_name[0] == '.' && pat[0] != '.')
                continue;
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || !match(pat, e->d_name))
                continue;
            path->len = base;
            str_adds(path, e->d_name);
            if (last) {
                add_match(m, path->s);
            } else if (stat(path->s, &st) == 0 && S_ISDIR(st.st_mode)) {
                str_addc(path, '/');
                walk(path, next, m);
            }
        }
        if (d)
            closedir(d);
        free(pat);
    }
    path->len = base;
    if (path->s)
        path->s[base] = '\0';
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int glob_expand(const char *pattern, void (*add)(void *ctx, const char *path), void *ctx)
{
    struct matches m = { 0 };
    struct str path = { 0 };
    if (pattern[0] == '/') {
        str_addc(&path, '/');
        while (*pattern == '/')
            pattern++;
    }
    walk(&path, pattern, &m);
    str_free(&path);
    if (m.n > 1)
        qsort(m.v, (size_t)m.n, sizeof *m.v, by_name);
    for (int i = 0; i < m.n; i++) {
        add(ctx, m.v[i]);
        free(m.v[i]);
    }
    free(m.v);
    return m.n;
}
