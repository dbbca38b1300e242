/* sh: the parser: recursive descent into a syntax tree (sh.h). Running out of input where more
 * must come is "incomplete", not an error: the caller reads another line and tries again. */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include "sh.h"

struct parser {
    struct lexer lx;
    struct token tok;
    struct arena *arena;
    enum parse_result fail;
    char *err;
    size_t errlen;
    jmp_buf out;
};

static void advance(struct parser *p)
{
    lex_next(&p->lx, &p->tok);
}

static _Noreturn void incomplete(struct parser *p)
{
    p->fail = PARSE_INCOMPLETE;
    longjmp(p->out, 1);
}

/* A syntax error at the current token; running out of input is only incompleteness. */
static _Noreturn void unexpected(struct parser *p)
{
    if (p->tok.type == T_EOF)
        incomplete(p);
    snprintf(p->err, p->errlen, "line %d: syntax error near unexpected '%s'", p->tok.line,
             tok_name(&p->tok));
    p->fail = PARSE_ERROR;
    longjmp(p->out, 1);
}

static int is_word(struct parser *p, const char *kw)
{
    return p->tok.type == T_WORD && strcmp(p->tok.text, kw) == 0;
}

static void expect_word(struct parser *p, const char *kw)
{
    if (!is_word(p, kw))
        unexpected(p);
    advance(p);
}

static void skip_newlines(struct parser *p)
{
    while (p->tok.type == T_NEWLINE)
        advance(p);
}

static struct node *new_node(struct parser *p, enum node_type type)
{
    struct node *n = arena_alloc(p->arena, sizeof *n);
    n->type = type;
    return n;
}

static struct node *new_bin(struct parser *p, enum node_type type, struct node *l, struct node *r)
{
    struct node *n = new_node(p, type);
    n->bin.left = l;
    n->bin.right = r;
    return n;
}

static struct word *new_word(struct parser *p, char *text)
{
    struct word *w = arena_alloc(p->arena, sizeof *w);
    w->text = text;
    return w;
}

/* Words that end a list: the closing keyword of whatever encloses it. */
static int at_list_end(struct parser *p)
{
    static const char *const ends[] = { "then", "else", "elif", "fi", "do", "done", "}", "esac" };
    if (p->tok.type == T_EOF || p->tok.type == T_RPAREN || p->tok.type == T_DSEMI)
        return 1;
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++)
        if (is_word(p, ends[i]))
            return 1;
    return 0;
}

static struct node *parse_and_or(struct parser *p);
static struct node *parse_command(struct parser *p);

/* and_or ((';' | '&' | newline) and_or)*: a sequence, the & ones run in the background. */
static struct node *parse_list(struct parser *p)
{
    struct node *list = NULL;
    skip_newlines(p);
    while (!at_list_end(p)) {
        struct node *n = parse_and_or(p);
        if (p->tok.type == T_AMP) {
            struct node *bg = new_node(p, N_BG);
            bg->sub.body = n;
            n = bg;
            advance(p);
        } else if (p->tok.type == T_SEMI || p->tok.type == T_NEWLINE) {
            advance(p);
        } else if (!at_list_end(p)) {
            unexpected(p);
        }
        list = list ? new_bin(p, N_SEQ, list, n) : n;
        skip_newlines(p);
    }
    return list;
}

/* A list that must not be empty, as in if, while and for. */
static struct node *parse_body(struct parser *p)
{
    struct node *n = parse_list(p);
    if (!n)
        unexpected(p);
    return n;
}

static int is_redirection(struct parser *p)
{
    switch (p->tok.type) {
    case T_IONUM: case T_LESS: case T_GREAT: case T_DGREAT:
    case T_LESSAND: case T_GREATAND: case T_LESSGREAT:
        return 1;
    default:
        return 0;
    }
}

static struct redir *parse_redirection(struct parser *p)
{
    struct redir *r = arena_alloc(p->arena, sizeof *r);
    r->fd = -1;
    if (p->tok.type == T_IONUM) {
        long fd = 0;
        for (const char *s = p->tok.text; *s; s++)
            fd = fd > 1000 ? fd : fd * 10 + (*s - '0');
        r->fd = fd > 9 ? 10 : (int)fd;   /* 10 and more: refused when the command runs */
        advance(p);
    }
    switch (p->tok.type) {
    case T_LESS: r->op = R_IN; break;
    case T_GREAT: r->op = R_OUT; break;
    case T_DGREAT: r->op = R_APPEND; break;
    case T_LESSGREAT: r->op = R_RDWR; break;
    case T_LESSAND: r->op = R_DUPIN; break;
    case T_GREATAND: r->op = R_DUPOUT; break;
    default: unexpected(p);
    }
    if (r->fd < 0)
        r->fd = (r->op == R_IN || r->op == R_RDWR || r->op == R_DUPIN) ? 0 : 1;
    advance(p);
    if (p->tok.type != T_WORD)
        unexpected(p);
    r->target = p->tok.text;
    advance(p);
    return r;
}

/* Redirections after a compound command, appended to its list. */
static void parse_redirections(struct parser *p, struct node *n)
{
    struct redir **tail = &n->redirs;
    while (*tail)
        tail = &(*tail)->next;
    while (is_redirection(p)) {
        *tail = parse_redirection(p);
        tail = &(*tail)->next;
    }
}

/* NAME=... with an unquoted name: an assignment when it comes before the command name. */
static int is_assignment(const char *text)
{
    const char *eq = strchr(text, '=');
    return eq && eq > text && is_name(text, (size_t)(eq - text));
}

static struct node *parse_simple(struct parser *p)
{
    struct node *n = new_node(p, N_CMD);
    struct word **assigns = &n->cmd.assigns, **args = &n->cmd.args;
    struct redir **redirs = &n->redirs;
    int empty = 1;
    for (;;) {
        if (is_redirection(p)) {
            *redirs = parse_redirection(p);
            redirs = &(*redirs)->next;
        } else if (p->tok.type == T_WORD) {
            struct word *w = new_word(p, p->tok.text);
            if (!n->cmd.args && is_assignment(w->text)) {
                *assigns = w;
                assigns = &w->next;
            } else {
                *args = w;
                args = &w->next;
            }
            advance(p);
        } else {
            break;
        }
        empty = 0;
    }
    if (empty)
        unexpected(p);
    return n;
}

static struct node *parse_if(struct parser *p)
{
    struct node *n = new_node(p, N_IF);
    advance(p);   /* if or elif */
    n->ifs.cond = parse_body(p);
    expect_word(p, "then");
    n->ifs.then = parse_body(p);
    if (is_word(p, "elif")) {
        n->ifs.els = parse_if(p);
        return n;   /* the innermost if took the fi */
    }
    if (is_word(p, "else")) {
        advance(p);
        n->ifs.els = parse_body(p);
    }
    expect_word(p, "fi");
    return n;
}

static struct node *parse_do_group(struct parser *p)
{
    expect_word(p, "do");
    struct node *body = parse_body(p);
    expect_word(p, "done");
    return body;
}

static struct node *parse_loop(struct parser *p, enum node_type type)
{
    struct node *n = new_node(p, type);
    advance(p);
    n->loop.cond = parse_body(p);
    n->loop.body = parse_do_group(p);
    return n;
}

/* for NAME [in WORD...] (; or newline) do LIST done; without "in", over "$@". */
static struct node *parse_for(struct parser *p)
{
    struct node *n = new_node(p, N_FOR);
    advance(p);
    if (p->tok.type != T_WORD || !is_name(p->tok.text, strlen(p->tok.text)))
        unexpected(p);
    n->fors.var = p->tok.text;
    advance(p);
    skip_newlines(p);
    if (is_word(p, "in")) {
        n->fors.has_in = 1;
        advance(p);
        struct word **tail = &n->fors.list;
        while (p->tok.type == T_WORD) {
            *tail = new_word(p, p->tok.text);
            tail = &(*tail)->next;
            advance(p);
        }
        if (p->tok.type != T_SEMI && p->tok.type != T_NEWLINE)
            unexpected(p);
        advance(p);
    } else if (p->tok.type == T_SEMI) {
        advance(p);
    }
    skip_newlines(p);
    n->fors.body = parse_do_group(p);
    return n;
}

/* case WORD in [(]pattern[|pattern]...) list ;; ... esac; the last ;; may be left out. */
static struct node *parse_case(struct parser *p)
{
    struct node *n = new_node(p, N_CASE);
    advance(p);
    if (p->tok.type != T_WORD)
        unexpected(p);
    n->cases.word = p->tok.text;
    advance(p);
    skip_newlines(p);
    expect_word(p, "in");
    skip_newlines(p);
    struct case_item **tail = &n->cases.items;
    while (!is_word(p, "esac")) {
        struct case_item *item = arena_alloc(p->arena, sizeof *item);
        struct word **pattern = &item->patterns;
        if (p->tok.type == T_LPAREN)
            advance(p);
        for (;;) {
            if (p->tok.type != T_WORD)
                unexpected(p);
            *pattern = new_word(p, p->tok.text);
            pattern = &(*pattern)->next;
            advance(p);
            if (p->tok.type != T_PIPE)
                break;
            advance(p);
        }
        if (p->tok.type != T_RPAREN)
            unexpected(p);
        advance(p);
        item->body = parse_list(p);
        *tail = item;
        tail = &item->next;
        if (p->tok.type == T_DSEMI) {
            advance(p);
            skip_newlines(p);
        } else if (!is_word(p, "esac")) {
            unexpected(p);
        }
    }
    advance(p);
    return n;
}

/* NAME ( ) followed by a compound command. The lexer is run ahead and put back when the
 * word is not followed by "( )". */
static struct node *parse_function(struct parser *p)
{
    struct lexer ahead = p->lx;
    struct token t;
    if (p->tok.type != T_WORD || !is_name(p->tok.text, strlen(p->tok.text)))
        return NULL;
    lex_next(&ahead, &t);
    if (t.type != T_LPAREN)
        return NULL;
    lex_next(&ahead, &t);
    if (t.type != T_RPAREN)
        return NULL;
    struct node *n = new_node(p, N_FUNC);
    n->func.name = p->tok.text;
    p->lx = ahead;
    advance(p);
    skip_newlines(p);
    n->func.body = parse_command(p);
    if (n->func.body->type == N_CMD)
        unexpected(p);   /* a function's body is a compound command */
    return n;
}

static struct node *parse_grouping(struct parser *p, enum node_type type)
{
    struct node *n = new_node(p, type);
    advance(p);
    n->sub.body = parse_body(p);
    if (type == N_SUBSHELL) {
        if (p->tok.type != T_RPAREN)
            unexpected(p);
        advance(p);
    } else {
        expect_word(p, "}");
    }
    return n;
}

static struct node *parse_command(struct parser *p)
{
    struct node *n = parse_function(p);
    if (n)
        return n;
    if (p->tok.type == T_LPAREN)
        n = parse_grouping(p, N_SUBSHELL);
    else if (is_word(p, "{"))
        n = parse_grouping(p, N_GROUP);
    else if (is_word(p, "if"))
        n = parse_if(p);
    else if (is_word(p, "while"))
        n = parse_loop(p, N_WHILE);
    else if (is_word(p, "until"))
        n = parse_loop(p, N_UNTIL);
    else if (is_word(p, "for"))
        n = parse_for(p);
    else if (is_word(p, "case"))
        n = parse_case(p);
    else if (at_list_end(p))
        unexpected(p);
    else
        return parse_simple(p);
    parse_redirections(p, n);
    return n;
}

/* ['!'] command ('|' command)* */
static struct node *parse_pipeline(struct parser *p)
{
    int negate = 0;
    if (is_word(p, "!")) {
        negate = 1;
        advance(p);
    }
    struct node *first = parse_command(p), *last = first;
    struct node *n = first;
    if (p->tok.type == T_PIPE) {
        n = new_node(p, N_PIPE);
        n->pipe.first = first;
        while (p->tok.type == T_PIPE) {
            advance(p);
            skip_newlines(p);
            last->next = parse_command(p);
            last = last->next;
        }
    }
    if (negate) {
        struct node *not = new_node(p, N_NOT);
        not->sub.body = n;
        n = not;
    }
    return n;
}

static struct node *parse_and_or(struct parser *p)
{
    struct node *n = parse_pipeline(p);
    while (p->tok.type == T_AND || p->tok.type == T_OR) {
        enum node_type type = p->tok.type == T_AND ? N_AND : N_OR;
        advance(p);
        skip_newlines(p);
        n = new_bin(p, type, n, parse_pipeline(p));
    }
    return n;
}

struct node *parse(const char *src, struct arena *a, int first_line, enum parse_result *res,
                   char *err, size_t errlen)
{
    /* In the arena, not on the stack: its fields are still valid after the longjmp. */
    struct parser *p = arena_alloc(a, sizeof *p);
    p->arena = a;
    p->err = err;
    p->errlen = errlen;
    lex_init(&p->lx, src, a, first_line);
    if (setjmp(p->out)) {
        *res = p->lx.incomplete ? PARSE_INCOMPLETE : p->fail;
        return NULL;
    }
    advance(p);
    struct node *n = parse_list(p);
    if (p->tok.type != T_EOF)
        unexpected(p);
    *res = p->lx.incomplete ? PARSE_INCOMPLETE : PARSE_OK;
    return n;
}
