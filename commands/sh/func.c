/* sh: shell functions: a table of names and bodies, and calls, which run the body inside the
 * shell with the arguments as positional parameters; return ends a call. */
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct func {
    char *name;
    struct node *body;
};

static struct func *funcs;
static int nfuncs;
int sh_keep_arena;

static struct func *find(const char *name)
{
    for (int i = 0; i < nfuncs; i++)
        if (strcmp(funcs[i].name, name) == 0)
            return &funcs[i];
    return NULL;
}

void func_define(const char *name, struct node *body)
{
    struct func *f = find(name);
    if (!f) {
        funcs = xrealloc(funcs, sizeof *funcs * (size_t)(nfuncs + 1));
        f = &funcs[nfuncs++];
        f->name = xstrdup(name);
    }
    f->body = body;
    sh_keep_arena = 1;
}

struct node *func_find(const char *name)
{
    struct func *f = find(name);
    return f ? f->body : NULL;
}

void func_unset(const char *name)
{
    struct func *f = find(name);
    if (f) {
        free(f->name);
        *f = funcs[--nfuncs];
    }
}

/* The caller's parameters and loops are put back afterwards; break and continue do not reach
 * through a call. */
int func_call(struct node *body, int argc, char **argv)
{
    int saved_argc = sh.argc, saved_loops = sh.loop_depth;
    char **saved_argv = sh.argv;
    sh.argv = NULL;
    params_set(argc - 1, argv + 1);
    sh.loop_depth = 0;
    sh.func_depth++;
    int status = exec_node(body, 0);
    if (sh.ctl == CTL_RETURN) {
        sh.ctl = CTL_NONE;
        status = sh.status;
    }
    sh.func_depth--;
    sh.loop_depth = saved_loops;
    free_argv(sh.argv);
    sh.argv = saved_argv;
    sh.argc = saved_argc;
    return status;
}
