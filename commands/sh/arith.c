/* sh: arithmetic expansion $((...)): C's integer operators on longs, with shell variables as
 * operands, assignments (=, +=, ...), && and || that skip their right side, and ?:. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct arith {
    const char *s;
    int error;
    int skip;   /* in an operand && || or ?: does not evaluate: no assignments, no errors */
};

static void fail(struct arith *a, const char *what)
{
    if (!a->error && !a->skip)
        sh_error("arithmetic: %s", what);
    a->error = 1;
}

static void blanks(struct arith *a)
{
    while (*a->s == ' ' || *a->s == '\t' || *a->s == '\n')
        a->s++;
}

static int is_name_char(char c, int first)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           (!first && c >= '0' && c <= '9');
}

/* A variable's value as a number: unset or empty is 0. */
static long variable(struct arith *a, const char *name)
{
    const char *v = var_get(name);
    if (!v || !*v)
        return 0;
    char *end;
    long n = strtol(v, &end, 0);
    while (*end == ' ' || *end == '\t')
        end++;
    if (*end)
        fail(a, "variable is not a number");
    return n;
}

static long expr(struct arith *a);

static long primary(struct arith *a)
{
    blanks(a);
    char c = *a->s;
    if (c == '(') {
        a->s++;
        long v = expr(a);
        blanks(a);
        if (*a->s != ')')
            fail(a, "missing )");
        else
            a->s++;
        return v;
    }
    if (c == '-' || c == '+' || c == '!' || c == '~') {
        a->s++;
        long v = primary(a);
        return c == '-' ? -v : c == '+' ? v : c == '!' ? !v : ~v;
    }
    if (c >= '0' && c <= '9') {
        char *end;
        long v = strtol(a->s, &end, 0);
        a->s = end;
        if (is_name_char(*a->s, 0))
            fail(a, "bad number");
        return v;
    }
    if (is_name_char(c, 1)) {
        const char *start = a->s;
        while (is_name_char(*a->s, 0))
            a->s++;
        char *name = xstrndup(start, (size_t)(a->s - start));
        long v = variable(a, name);
        free(name);
        return v;
    }
    fail(a, *a->s ? "syntax error" : "operand expected");
    return 0;
}

static const struct {
    const char *op;
    int prec;
} binops[] = {
    { "||", 1 }, { "&&", 2 }, { "==", 6 }, { "!=", 6 }, { "<=", 7 }, { ">=", 7 },
    { "<<", 8 }, { ">>", 8 }, { "|", 3 }, { "^", 4 }, { "&", 5 }, { "<", 7 }, { ">", 7 },
    { "+", 9 }, { "-", 9 }, { "*", 10 }, { "/", 10 }, { "%", 10 },
};

/* The binary operator at the current position, -1 if none. An operator followed by '=' (as
 * in += or <<=) is an assignment's, which only expr() takes. */
static int binop_at(struct arith *a)
{
    blanks(a);
    for (int i = 0; i < (int)(sizeof binops / sizeof binops[0]); i++) {
        size_t n = strlen(binops[i].op);
        if (strncmp(a->s, binops[i].op, n) == 0)
            return a->s[n] == '=' && binops[i].op[n - 1] != '=' ? -1 : i;
    }
    return -1;
}

static long apply(struct arith *a, const char *op, long x, long y)
{
    switch (op[0]) {
    case '+': return x + y;
    case '-': return x - y;
    case '*': return x * y;
    case '/': case '%':
        if (y == 0) {
            if (!a->skip)
                fail(a, "division by zero");
            return 0;
        }
        return op[0] == '/' ? x / y : x % y;
    case '<': return op[1] == '<' ? x << y : op[1] == '=' ? x <= y : x < y;
    case '>': return op[1] == '>' ? x >> y : op[1] == '=' ? x >= y : x > y;
    case '=': return x == y;
    case '!': return x != y;
    case '&': return op[1] == '&' ? x && y : (x & y);
    case '|': return op[1] == '|' ? x || y : (x | y);
    default: return x ^ y;
    }
}

/* Precedence climbing over the table above. */
static long binary(struct arith *a, int min_prec)
{
    long x = primary(a);
    for (;;) {
        int i = binop_at(a);
        if (i < 0 || binops[i].prec < min_prec || a->error)
            return x;
        const char *op = binops[i].op;
        a->s += strlen(op);
        int shortcut = (op[0] == '&' && op[1] == '&' && !x) || (op[0] == '|' && op[1] == '|' && x);
        a->skip += shortcut;
        long y = binary(a, binops[i].prec + 1);
        a->skip -= shortcut;
        x = apply(a, op, x, y);
    }
}

static long ternary(struct arith *a)
{
    long c = binary(a, 1);
    blanks(a);
    if (*a->s != '?')
        return c;
    a->s++;
    a->skip += !c;
    long x = expr(a);
    a->skip -= !c;
    blanks(a);
    if (*a->s != ':') {
        fail(a, "missing :");
        return 0;
    }
    a->s++;
    a->skip += !!c;
    long y = ternary(a);
    a->skip -= !!c;
    return c ? x : y;
}

/* NAME = expr, NAME op= expr, or a conditional expression. */
static long expr(struct arith *a)
{
    blanks(a);
    const char *start = a->s;
    if (is_name_char(*a->s, 1)) {
        while (is_name_char(*a->s, 0))
            a->s++;
        size_t n = (size_t)(a->s - start);
        blanks(a);
        static const char *const ops[] = { "=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=",
                                           "&=", "^=", "|=" };
        for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
            size_t k = strlen(ops[i]);
            if (strncmp(a->s, ops[i], k) != 0 || (k == 1 && a->s[1] == '='))
                continue;
            a->s += k;
            char *name = xstrndup(start, n);
            long v = expr(a);
            if (k > 1) {
                char op[3] = { ops[i][0], k == 3 ? ops[i][1] : '\0', '\0' };
                v = apply(a, op, variable(a, name), v);
            }
            if (!a->skip && !a->error) {
                char buf[24];
                snprintf(buf, sizeof buf, "%ld", v);
                var_set(name, buf, 0);
            }
            free(name);
            return v;
        }
        a->s = start;
    }
    return ternary(a);
}

int arith_eval(const char *text, long *result)
{
    struct arith a = { .s = text };
    *result = expr(&a);
    blanks(&a);
    if (!a.error && *a.s)
        fail(&a, "syntax error");
    return a.error ? -1 : 0;
}
