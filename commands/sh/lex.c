/* sh: the lexer: splits input into words and operators. Words keep their quotes and $-forms
 * as written; expansion removes them later, when it knows what each part means. */
#include <string.h>
#include "sh.h"

void lex_init(struct lexer *lx, const char *src, struct arena *a, int first_line)
{
    lx->src = src;
    lx->pos = 0;
    lx->line = first_line;
    lx->incomplete = 0;
    lx->arena = a;
}

static int is_meta(char c)
{
    return c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' ||
           c == '|' || c == '(' || c == ')' || c == '<' || c == '>';
}

static char peek(struct lexer *lx, size_t ahead)
{
    const char *s = lx->src + lx->pos;
    for (size_t i = 0; i < ahead; i++)
        if (!s[i])
            return '\0';
    return s[ahead];
}

/* Copies the current character; a newline counts a line. */
static void take(struct lexer *lx, struct str *b)
{
    char c = lx->src[lx->pos++];
    if (c == '\n')
        lx->line++;
    str_addc(b, c);
}

/* A backslash outside single quotes: with a newline it joins lines and vanishes; otherwise it
 * stays with the character it quotes. -1: the input ended after it. */
static int scan_backslash(struct lexer *lx, struct str *b)
{
    char next = peek(lx, 1);
    if (next == '\0' || (next == '\n' && peek(lx, 2) == '\0')) {
        lx->incomplete = 1;   /* the next line continues this one */
        return -1;
    }
    if (next == '\n') {
        lx->pos += 2;
        lx->line++;
        return 0;
    }
    take(lx, b);
    take(lx, b);
    return 0;
}

/* take() as a scanner of one plain character. */
static int scan_char(struct lexer *lx, struct str *b)
{
    take(lx, b);
    return 0;
}

/* From an opening quote to the closing one (close), scanning what is between with part; -1
 * if the input ends first. */
static int scan_quoted(struct lexer *lx, struct str *b, char close,
                       int (*part)(struct lexer *lx, struct str *b))
{
    take(lx, b);
    while (lx->src[lx->pos] != close) {
        if (lx->src[lx->pos] == '\0') {
            lx->incomplete = 1;
            return -1;
        }
        if (part(lx, b) < 0)
            return -1;
    }
    take(lx, b);
    return 0;
}

static int scan_part(struct lexer *lx, struct str *b);

/* Inside double quotes single quotes are plain; the rest is as outside. */
static int double_part(struct lexer *lx, struct str *b)
{
    return lx->src[lx->pos] == '\'' ? scan_char(lx, b) : scan_part(lx, b);
}

/* Inside backquotes a backslash keeps the character after it, whatever it is. */
static int backquote_part(struct lexer *lx, struct str *b)
{
    if (lx->src[lx->pos] == '\\' && peek(lx, 1) != '\0')
        take(lx, b);
    take(lx, b);
    return 0;
}

/* ${...} and $(...) up to the bracket that closes them, quotes and nesting respected. */
static int scan_bracketed(struct lexer *lx, struct str *b, char open, char close)
{
    int depth = 1;
    take(lx, b);   /* $ */
    take(lx, b);   /* the opening bracket */
    for (;;) {
        char c = lx->src[lx->pos];
        if (c == '\0') {
            lx->incomplete = 1;
            return -1;
        }
        if (c == open || c == close) {
            take(lx, b);
            depth += c == open ? 1 : -1;
            if (depth == 0)
                return 0;
        } else if (scan_part(lx, b) < 0) {
            return -1;
        }
    }
}

static int scan_dollar(struct lexer *lx, struct str *b)
{
    char next = peek(lx, 1);
    if (next == '{')
        return scan_bracketed(lx, b, '{', '}');
    if (next == '(')
        return scan_bracketed(lx, b, '(', ')');
    take(lx, b);
    return 0;
}

/* One piece of a word at the current position: something quoted, a $-form or a plain
 * character. -1: the input ended inside it. */
static int scan_part(struct lexer *lx, struct str *b)
{
    switch (lx->src[lx->pos]) {
    case '\\': return scan_backslash(lx, b);
    case '\'': return scan_quoted(lx, b, '\'', scan_char);
    case '"': return scan_quoted(lx, b, '"', double_part);
    case '`': return scan_quoted(lx, b, '`', backquote_part);
    case '$': return scan_dollar(lx, b);
    }
    return scan_char(lx, b);
}

static void scan_word(struct lexer *lx, struct token *t)
{
    struct str b = { 0 };
    int r = 0;
    while (r == 0 && !is_meta(lx->src[lx->pos]))
        r = scan_part(lx, &b);
    if (r < 0) {
        t->type = T_EOF;
    } else {
        char c = lx->src[lx->pos];
        size_t digits = strspn(b.s ? b.s : "", "0123456789");
        t->type = (b.len > 0 && digits == b.len && (c == '<' || c == '>')) ? T_IONUM : T_WORD;
        t->text = arena_strndup(lx->arena, b.s ? b.s : "", b.len);
    }
    str_free(&b);
}

/* An operator of one or two characters at the current position, or -1. */
static int scan_operator(struct lexer *lx)
{
    char c = lx->src[lx->pos], d = peek(lx, 1);
    static const struct { char c, d; enum tok t; } ops[] = {
        { '&', '&', T_AND }, { '|', '|', T_OR }, { '>', '>', T_DGREAT },
        { '<', '&', T_LESSAND }, { '>', '&', T_GREATAND }, { '<', '>', T_LESSGREAT },
        { '>', '|', T_GREAT }, { ';', ';', T_DSEMI }, { ';', 0, T_SEMI }, { '&', 0, T_AMP }, { '|', 0, T_PIPE },
        { '(', 0, T_LPAREN }, { ')', 0, T_RPAREN }, { '<', 0, T_LESS }, { '>', 0, T_GREAT },
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        if (ops[i].c == c && (ops[i].d == 0 || ops[i].d == d)) {
            lx->pos += ops[i].d ? 2 : 1;
            return (int)ops[i].t;
        }
    }
    return -1;
}

void lex_next(struct lexer *lx, struct token *t)
{
    const char *s = lx->src;
    t->text = NULL;
    for (;;) {
        while (s[lx->pos] == ' ' || s[lx->pos] == '\t')
            lx->pos++;
        if (s[lx->pos] == '\\' && s[lx->pos + 1] == '\n') {
            if (s[lx->pos + 2] == '\0')
                lx->incomplete = 1;   /* the next line continues this one */
            lx->pos += 2;
            lx->line++;
            continue;
        }
        if (s[lx->pos] == '#')
            while (s[lx->pos] && s[lx->pos] != '\n')
                lx->pos++;
        break;
    }
    t->line = lx->line;
    if (s[lx->pos] == '\0') {
        t->type = T_EOF;
    } else if (s[lx->pos] == '\n') {
        lx->pos++;
        lx->line++;
        t->type = T_NEWLINE;
    } else {
        int op = scan_operator(lx);
        if (op >= 0)
            t->type = (enum tok)op;
        else
            scan_word(lx, t);
    }
}

const char *tok_name(const struct token *t)
{
    static const char *const names[] = {
        [T_EOF] = "end of file", [T_NEWLINE] = "newline", [T_SEMI] = ";", [T_DSEMI] = ";;",
        [T_AMP] = "&",
        [T_PIPE] = "|", [T_AND] = "&&", [T_OR] = "||", [T_LPAREN] = "(", [T_RPAREN] = ")",
        [T_LESS] = "<", [T_GREAT] = ">", [T_DGREAT] = ">>", [T_LESSAND] = "<&",
        [T_GREATAND] = ">&", [T_LESSGREAT] = "<>",
    };
    if (t->type == T_WORD || t->type == T_IONUM)
        return t->text;
    return names[t->type];
}
