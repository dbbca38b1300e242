/* sh: shell variables (a small table; exported ones make up the environment of commands) and
 * the positional parameters $1 ... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct var {
    char *name;
    char *value;
    int exported;
};

static struct var *vars;
static int nvars, capvars;

int is_name(const char *s, size_t n)
{
    if (n == 0 || !((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z') || s[0] == '_'))
        return 0;
    for (size_t i = 1; i < n; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_'))
            return 0;
    }
    return 1;
}

static struct var *find(const char *name)
{
    for (int i = 0; i < nvars; i++)
        if (strcmp(vars[i].name, name) == 0)
            return &vars[i];
    return NULL;
}

static struct var *find_or_add(const char *name)
{
    struct var *v = find(name);
    if (v)
        return v;
    if (nvars == capvars) {
        capvars = capvars ? capvars * 2 : 32;
        vars = xrealloc(vars, sizeof *vars * (size_t)capvars);
    }
    v = &vars[nvars++];
    v->name = xstrdup(name);
    v->value = NULL;   /* declared (export NAME) but not set */
    v->exported = 0;
    return v;
}

const char *var_get(const char *name)
{
    struct var *v = find(name);
    return v ? v->value : NULL;
}

void var_set(const char *name, const char *value, int export)
{
    struct var *v = find_or_add(name);
    char *copy = xstrdup(value);
    free(v->value);
    v->value = copy;
    if (export)
        v->exported = 1;
}

void var_unset(const char *name)
{
    struct var *v = find(name);
    if (!v)
        return;
    free(v->name);
    free(v->value);
    *v = vars[--nvars];
}

void var_export(const char *name)
{
    find_or_add(name)->exported = 1;
}

int var_is_exported(const char *name)
{
    struct var *v = find(name);
    return v && v->exported;
}

void var_init(char **envp)
{
    for (char **e = envp; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq || !is_name(*e, (size_t)(eq - *e)))
            continue;
        char *name = xstrndup(*e, (size_t)(eq - *e));
        var_set(name, eq + 1, 1);
        free(name);
    }
}

char **var_environ(void)
{
    char **env = xmalloc(sizeof *env * (size_t)(nvars + 1));
    int n = 0;
    for (int i = 0; i < nvars; i++) {
        if (!vars[i].exported || !vars[i].value)
            continue;
        struct str b = { 0 };
        str_adds(&b, vars[i].name);
        str_addc(&b, '=');
        str_adds(&b, vars[i].value);
        env[n++] = str_take(&b);
    }
    env[n] = NULL;
    return env;
}

/* 'value' quoted so that the shell reads it back as it was. */
static void print_quoted(const char *s)
{
    putchar('\'');
    for (; *s; s++) {
        if (*s == '\'')
            fputs("'\\''", stdout);
        else
            putchar(*s);
    }
    putchar('\'');
}

static int by_name(const void *a, const void *b)
{
    return strcmp((*(const struct var *const *)a)->name, (*(const struct var *const *)b)->name);
}

void var_print(int exported_only)
{
    const struct var **sorted = xmalloc(sizeof *sorted * (size_t)(nvars + 1));
    int n = 0;
    for (int i = 0; i < nvars; i++)
        if (!exported_only || vars[i].exported)
            sorted[n++] = &vars[i];
    qsort(sorted, (size_t)n, sizeof *sorted, by_name);
    for (int i = 0; i < n; i++) {
        if (exported_only)
            fputs("export ", stdout);
        fputs(sorted[i]->name, stdout);
        if (sorted[i]->value) {
            putchar('=');
            print_quoted(sorted[i]->value);
        }
        putchar('\n');
    }
    free(sorted);
}

void params_set(int argc, char **argv)
{
    char **copy = xmalloc(sizeof *copy * (size_t)(argc + 1));
    for (int i = 0; i < argc; i++)
        copy[i] = xstrdup(argv[i]);
    copy[argc] = NULL;
    free_argv(sh.argv);
    sh.argv = copy;
    sh.argc = argc;
}

void params_shift(int n)
{
    for (int i = 0; i < n; i++)
        free(sh.argv[i]);
    memmove(sh.argv, sh.argv + n, sizeof *sh.argv * (size_t)(sh.argc - n + 1));
    sh.argc -= n;
}
