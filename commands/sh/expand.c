/* sh: word expansion in one pass over a raw word: ~, parameters, $(...), $((...)), field
 * splitting at $IFS, pathname patterns and quote removal. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sh.h"

int expand_subst_status = -1;

/* Alongside each field goes a pattern in which quoted *, ? and [ are escaped, so that only
 * unquoted ones match file names. */
struct fields {
    char **v;
    int n, cap;
    struct str cur;       /* the field being built, quotes removed */
    struct str pat;       /* the same as a pattern, quoted magic characters escaped */
    int cur_quoted;       /* a quoted part is in cur: a field even if empty */
    int magic;            /* cur has an unquoted *, ? or [ */
    int split;            /* fields and patterns; 0 for a single string */
    int pattern;          /* a single pattern, for case */
    int braced;           /* in the word of an unquoted ${name-word}: its text splits too */
    int error;
};

static void add_field(void *ctx, const char *s)
{
    struct fields *f = ctx;
    if (f->n + 1 >= f->cap) {
        f->cap = f->cap ? f->cap * 2 : 8;
        f->v = xrealloc(f->v, sizeof *f->v * (size_t)f->cap);
    }
    f->v[f->n++] = xstrdup(s);
    f->v[f->n] = NULL;
}

static void push_field(struct fields *f)
{
    if (!(f->magic && glob_expand(f->pat.s, add_field, f) > 0))
        add_field(f, f->cur.s ? f->cur.s : "");
    str_free(&f->cur);
    str_free(&f->pat);
    f->cur_quoted = f->magic = 0;
}

static void end_field(struct fields *f)
{
    if (f->cur.len || f->cur_quoted)
        push_field(f);
}

static void add_char(struct fields *f, char c, int quoted)
{
    str_addc(&f->cur, c);
    if (!f->split && !f->pattern)
        return;
    int special = c == '*' || c == '?' || c == '[';
    if ((quoted && special) || c == '\\')
        str_addc(&f->pat, '\\');
    else if (special)
        f->magic = 1;
    str_addc(&f->pat, c);
}

static void add_chars(struct fields *f, const char *s, size_t n, int quoted)
{
    for (size_t i = 0; i < n; i++)
        add_char(f, s[i], quoted);
}

static const char *ifs(void)
{
    const char *s = var_get("IFS");
    return s ? s : " \t\n";
}

/* The value of an expansion: split at $IFS unless quoted or in a single-string expansion. */
static void add_value(struct fields *f, const char *v, int quoted)
{
    if (quoted || !f->split) {
        add_chars(f, v, strlen(v), quoted);
        return;
    }
    const char *sep = ifs();
    for (; *v; v++) {
        if (!strchr(sep, *v))
            add_char(f, *v, 0);
        else if (*v == ' ' || *v == '\t' || *v == '\n')
            end_field(f);
        else
            push_field(f);
    }
}

static void expand_into(struct fields *f, const char *s, size_t len, int dq);

/* The output of a command, trailing newlines dropped; its status is kept for $?. */
static char *command_subst(const char *src, size_t len)
{
    int fds[2];
    if (pipe(fds) < 0) {
        sh_perror("pipe");
        return NULL;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        sh_perror("fork");
        close(fds[0]);
        close(fds[1]);
        return NULL;
    }
    if (pid == 0) {
        close(fds[0]);
        if (fds[1] != 1) {
            dup2(fds[1], 1);
            close(fds[1]);
        }
        signals_child(0);
        sh.subshell = 1;
        sh.interactive = 0;
        char *code = xstrndup(src, len);
        child_exit(run_string(code));
    }
    close(fds[1]);
    struct str out = { 0 };
    char buf[512];
    for (;;) {
        ssize_t n = read(fds[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        str_addn(&out, buf, (size_t)n);
    }
    close(fds[0]);
    expand_subst_status = wait_fg(pid);
    while (out.len > 0 && out.s[out.len - 1] == '\n')
        out.len--;
    return str_take(&out);
}

/* `...`: a backslash quotes only $, ` and another backslash in the old form. */
static char *backquote_subst(const char *src, size_t len)
{
    struct str code = { 0 };
    for (size_t i = 0; i < len; i++) {
        if (src[i] == '\\' && i + 1 < len && strchr("$`\\", src[i + 1]))
            i++;
        str_addc(&code, src[i]);
    }
    char *out = command_subst(code.s ? code.s : "", code.len);
    str_free(&code);
    return out;
}

/* Index just past the bracket closing the one at s[i] ('{' or '('), quotes respected. */
static size_t skip_bracketed(const char *s, size_t len, size_t i)
{
    char open = s[i], close = open == '{' ? '}' : ')';
    int depth = 0;
    for (; i < len; i++) {
        char c = s[i];
        if (c == '\\') {
            i++;
        } else if (c == '\'') {
            while (++i < len && s[i] != '\'')
                ;
        } else if (c == '"') {
            while (++i < len && s[i] != '"')
                if (s[i] == '\\')
                    i++;
        } else if (c == open) {
            depth++;
        } else if (c == close && --depth == 0) {
            return i + 1;
        }
    }
    return len;
}

static char *int_string(long v)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%ld", v);
    return xstrdup(buf);
}

/* $name, $1, $?, ...: a fresh copy of the value, or NULL when unset. */
static char *param_value(const char *name, size_t n)
{
    if (n == 1) {
        switch (name[0]) {
        case '?': return int_string(sh.status);
        case '$': return int_string((long)sh.pid);
        case '#': return int_string(sh.argc);
        case '!': return sh.last_bg ? int_string((long)sh.last_bg) : NULL;
        case '0': return xstrdup(sh.name);
        case '-': {
            char flags[8], *p = flags;
            if (sh.opt_e) *p++ = 'e';
            if (sh.opt_x) *p++ = 'x';
            if (sh.interactive) *p++ = 'i';
            *p = '\0';
            return xstrdup(flags);
        }
        case '@': case '*': {
            struct str b = { 0 };
            for (int i = 0; i < sh.argc; i++) {
                if (i)
                    str_addc(&b, ' ');
                str_adds(&b, sh.argv[i]);
            }
            return str_take(&b);
        }
        }
    }
    if (name[0] >= '0' && name[0] <= '9') {
        long k = 0;
        for (size_t i = 0; i < n && k < 100000; i++)
            k = k * 10 + (name[i] - '0');
        return k >= 1 && k <= sh.argc ? xstrdup(sh.argv[k - 1]) : NULL;
    }
    char *key = xstrndup(name, n);
    const char *v = var_get(key);
    free(key);
    return v ? xstrdup(v) : NULL;
}

/* $@ and $*: "$@" is one field per parameter, "$*" one joined by $IFS's first character,
 * unquoted both are fields split further. */
static void expand_params(struct fields *f, int star, int dq)
{
    if (dq && star) {
        char sep = ifs()[0];
        for (int i = 0; i < sh.argc; i++) {
            if (i && sep)
                add_char(f, sep, 1);
            add_chars(f, sh.argv[i], strlen(sh.argv[i]), 1);
        }
        return;
    }
    for (int i = 0; i < sh.argc; i++) {
        if (i && f->split)
            dq ? push_field(f) : end_field(f);
        else if (i)
            add_char(f, ' ', dq);
        add_value(f, sh.argv[i], dq);
        if (dq)
            f->cur_quoted = 1;
    }
}

/* The word of ${name:-word} and friends, expanded as a single string. */
static char *sub_word(const char *s, size_t len)
{
    struct fields g = { 0 };
    expand_into(&g, s, len, 0);
    char *r = str_take(&g.cur);
    str_free(&g.pat);
    return r;
}

static int is_special(char c)
{
    return c && strchr("?$#!-0@*", c) != NULL;
}

/* ${...} given what is between the braces. */
static void expand_braced(struct fields *f, const char *s, size_t len, int dq)
{
    size_t n = 0;
    int length = 0;
    if (len > 1 && s[0] == '#') {
        length = 1;
        s++;
        len--;
    }
    if (len > 0 && (s[0] >= '0' && s[0] <= '9'))
        while (n < len && s[n] >= '0' && s[n] <= '9')
            n++;
    else if (len > 0 && is_special(s[0]))
        n = 1;
    else
        while (n < len && is_name(s, n + 1))
            n++;
    if (n == 0) {
        sh_error("${%.*s}: bad substitution", (int)len, s);
        f->error = 1;
        return;
    }
    if (!length && n == len && (s[0] == '@' || s[0] == '*')) {
        expand_params(f, s[0] == '*', dq);
        return;
    }
    char *value = param_value(s, n);
    if (length) {
        if (n != len) {
            sh_error("${#%.*s}: bad substitution", (int)len, s);
            f->error = 1;
        } else {
            char *l = int_string(value ? (long)strlen(value) : 0);
            add_value(f, l, dq);
            free(l);
        }
        free(value);
        return;
    }
    const char *op = s + n;
    size_t oplen = len - n;
    int colon = oplen > 0 && op[0] == ':';
    if (colon) {
        op++;
        oplen--;
    }
    if (oplen == 0 && !colon) {
        if (value)
            add_value(f, value, dq);
        free(value);
        return;
    }
    if (oplen == 0 || !strchr("-=+?", op[0])) {
        sh_error("${%.*s}: bad substitution", (int)len, s);
        f->error = 1;
        free(value);
        return;
    }
    int unset = !value || (colon && !*value);
    const char *word = op + 1;
    size_t wlen = oplen - 1;
    char *result = NULL;
    switch (op[0]) {
    case '-':
    case '+':
        if (unset == (op[0] == '-')) {   /* the word, with its own quoting, in place */
            free(value);
            f->braced += !dq;
            expand_into(f, word, wlen, dq);
            f->braced -= !dq;
            return;
        }
        result = op[0] == '-' ? value : NULL;
        break;
    case '=':
        if (!unset) {
            result = value;
        } else if (!is_name(s, n)) {
            sh_error("%.*s: cannot assign in this way", (int)n, s);
            f->error = 1;
        } else {
            result = sub_word(word, wlen);
            char *name = xstrndup(s, n);
            var_set(name, result, 0);
            free(name);
        }
        break;
    case '?':
        if (!unset) {
            result = value;
        } else {
            char *msg = wlen ? sub_word(word, wlen) : xstrdup("parameter null or not set");
            sh_error("%.*s: %s", (int)n, s, msg);
            free(msg);
            f->error = 1;
        }
        break;
    }
    if (result)
        add_value(f, result, dq);
    if (result != value)
        free(result);
    free(value);
}

/* $((expression)): expanded like a double-quoted string, then evaluated. */
static void expand_arith(struct fields *f, const char *s, size_t len, int dq)
{
    long v;
    char *text = sub_word(s, len);
    if (arith_eval(text, &v) < 0) {
        f->error = 1;
    } else {
        char *n = int_string(v);
        add_value(f, n, dq);
        free(n);
    }
    free(text);
}

/* The $-form at s[*i]; *i moves past it. */
static void expand_dollar(struct fields *f, const char *s, size_t len, size_t *i, int dq)
{
    size_t start = *i + 1;
    if (start < len && (s[start] == '{' || s[start] == '(')) {
        size_t end = skip_bracketed(s, len, start);
        *i = end;
        if (s[start] == '{') {
            expand_braced(f, s + start + 1, end - start - 2, dq);
            return;
        }
        if (s[start + 1] == '(' && end - start >= 4 && s[end - 2] == ')') {
            expand_arith(f, s + start + 2, end - start - 4, dq);
            return;
        }
        char *out = command_subst(s + start + 1, end - start - 2);
        if (!out) {
            f->error = 1;
            return;
        }
        add_value(f, out, dq);
        free(out);
        return;
    }
    size_t n = 0;
    if (start < len && is_special(s[start]))
        n = 1;
    else if (start < len && s[start] >= '1' && s[start] <= '9')
        n = 1;
    else
        while (start + n < len && is_name(s + start, n + 1))
            n++;
    *i = start + n;
    if (n == 0) {
        add_char(f, '$', dq);
        return;
    }
    if (s[start] == '@' || s[start] == '*') {
        expand_params(f, s[start] == '*', dq);
        return;
    }
    char *value = param_value(s + start, n);
    if (value)
        add_value(f, value, dq);
    free(value);
}

/* ~ and ~/... at the start of a word: $HOME. */
static size_t expand_tilde(struct fields *f, const char *s, size_t len)
{
    const char *home = var_get("HOME");
    if (len == 0 || s[0] != '~' || (len > 1 && s[1] != '/') || !home)
        return 0;
    add_chars(f, home, strlen(home), 1);
    return 1;
}

static void expand_into(struct fields *f, const char *s, size_t len, int dq)
{
    size_t i = dq ? 0 : expand_tilde(f, s, len);
    int saw_at = 0;
    while (i < len && !f->error) {
        char c = s[i];
        if (c == '\'' && !dq) {
            size_t end = i + 1;
            while (end < len && s[end] != '\'')
                end++;
            add_chars(f, s + i + 1, end - i - 1, 1);
            f->cur_quoted = 1;
            i = end + 1;
        } else if (c == '"') {
            dq = !dq;
            if (dq)
                saw_at = 0;
            else if (!saw_at)
                f->cur_quoted = 1;
            i++;
        } else if (c == '\\') {
            if (i + 1 >= len) {
                add_char(f, '\\', 1);
                i++;
            } else if (!dq || strchr("$`\"\\\n", s[i + 1])) {
                add_char(f, s[i + 1], 1);
                i += 2;
            } else {
                add_char(f, '\\', 1);
                i++;
            }
        } else if (c == '$') {
            if (dq && i + 1 < len && s[i + 1] == '@')
                saw_at = 1;
            expand_dollar(f, s, len, &i, dq);
        } else if (c == '`') {
            size_t end = i + 1;
            while (end < len && s[end] != '`')
                end += s[end] == '\\' ? 2 : 1;
            if (end > len)
                end = len;
            char *out = backquote_subst(s + i + 1, end - i - 1);
            if (!out)
                f->error = 1;
            else
                add_value(f, out, dq);
            free(out);
            i = end + 1;
        } else {
            if (f->braced && !dq) {
                char one[2] = { c, '\0' };
                add_value(f, one, 0);
            } else {
                add_char(f, c, dq);
            }
            i++;
        }
    }
}

void free_argv(char **v)
{
    if (!v)
        return;
    for (char **p = v; *p; p++)
        free(*p);
    free(v);
}

char **expand_words(struct word *w, int *argc)
{
    struct fields f = { .split = 1 };
    add_field(&f, "");   /* makes v non-NULL; removed below */
    free(f.v[0]);
    f.n = 0;
    f.v[0] = NULL;
    for (; w && !f.error; w = w->next) {
        expand_into(&f, w->text, strlen(w->text), 0);
        end_field(&f);
    }
    str_free(&f.cur);
    str_free(&f.pat);
    if (f.error) {
        free_argv(f.v);
        return NULL;
    }
    *argc = f.n;
    return f.v;
}

/* One string, no field splitting: the pattern (for case) or the plain text. */
static char *expand_one(const char *text, int pattern)
{
    struct fields f = { .pattern = pattern };
    expand_into(&f, text, strlen(text), 0);
    struct str *want = pattern ? &f.pat : &f.cur, *other = pattern ? &f.cur : &f.pat;
    str_free(other);
    if (f.error) {
        str_free(want);
        return NULL;
    }
    return str_take(want);
}

char *expand_pattern(const char *text)
{
    return expand_one(text, 1);
}

char *expand_word(const char *text)
{
    return expand_one(text, 0);
}
