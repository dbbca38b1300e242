/* sh: simple commands: assignments, functions and builtins (inside the shell, their
 * redirections undone afterwards) and programs (forked, found in $PATH, run as scripts if they are not binaries). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

#define DEFAULT_PATH "/bin:/sbin"

/* NAME=value words into the shell's variables (exported: into a command's environment).
 * -1 after an expansion error. */
static int assign(struct word *w, int export)
{
    for (; w; w = w->next) {
        const char *eq = strchr(w->text, '=');
        char *value = expand_word(eq + 1);
        if (!value)
            return -1;
        char *name = xstrndup(w->text, (size_t)(eq - w->text));
        if (sh.opt_x)
            fprintf(stderr, "+ %s=%s\n", name, value);
        var_set(name, value, export);
        free(name);
        free(value);
    }
    return 0;
}

static void trace(char **argv)
{
    fflush(stdout);
    fputc('+', stderr);
    for (char **a = argv; *a; a++)
        fprintf(stderr, " %s", *a);
    fputc('\n', stderr);
}

/* A file execve refused as not a program: a script without #!, run by this shell, which is
 * about to end anyway. A file with NUL bytes at its start is a binary for another machine. */
static void run_script(const char *path, char **argv)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return;
    char head[128];
    ssize_t n = read(fd, head, sizeof head);
    if (n < 0 || memchr(head, '\0', (size_t)n)) {
        close(fd);
        errno = ENOEXEC;
        return;
    }
    lseek(fd, 0, SEEK_SET);
    fd = move_fd_high(fd);
    int argc = 0;
    while (argv[argc])
        argc++;
    sh.name = xstrdup(path);
    params_set(argc - 1, argv + 1);
    sh.loop_depth = 0;
    child_exit(run_file(fd, 0));
}

static void try_exec(const char *path, char **argv, char **env)
{
    execve(path, argv, env);
    if (errno == ENOEXEC)
        run_script(path, argv);
}

_Noreturn void exec_external(char **argv)
{
    char **env = var_environ();
    const char *name = argv[0];
    if (strchr(name, '/')) {
        try_exec(name, argv, env);
        int err = errno;
        sh_error("%s: %s", name, err == ENOEXEC ? "cannot execute binary file" : strerror(err));
        child_exit(err == ENOENT || err == ENOTDIR ? 127 : 126);
    }
    const char *path = var_get("PATH");
    if (!path)
        path = DEFAULT_PATH;
    int refused = 0;
    struct str full = { 0 };
    for (const char *p = path;; p++) {
        size_t n = strcspn(p, ":");
        full.len = 0;
        if (n > 0) {   /* an empty entry is the current directory */
            str_addn(&full, p, n);
            str_addc(&full, '/');
        }
        str_adds(&full, name);
        try_exec(full.s, argv, env);
        if (errno != ENOENT && errno != ENOTDIR)
            refused = errno;
        p += n;
        if (!*p)
            break;
    }
    if (refused) {
        sh_error("%s: %s", name,
                 refused == ENOEXEC ? "cannot execute binary file" : strerror(refused));
        child_exit(126);
    }
    sh_error("%s: not found", name);
    child_exit(127);
}

/* In the process that becomes the command. */
static _Noreturn void become(struct node *n, char **argv)
{
    if (assign(n->cmd.assigns, 1) < 0 || apply_redirs(n->redirs, NULL) < 0)
        child_exit(1);
    exec_external(argv);
}

/* The special builtins keep assignments made in front of them; for the others they last only
 * as long as the command. */
static int is_special(const char *name)
{
    static const char *const special[] = { ":", ".", "break", "continue", "eval", "exec", "exit",
                                           "export", "return", "set", "shift", "unset" };
    for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
        if (strcmp(name, special[i]) == 0)
            return 1;
    return 0;
}

struct saved_var {
    char *name, *value;
    int exported;
};

/* A builtin, or with fn NULL a function's body, run inside the shell. */
static int run_in_shell(builtin_fn fn, struct node *body, struct node *n, int argc, char **argv)
{
    struct saved_var *saved = NULL;
    int nsaved = 0;
    if (!is_special(argv[0])) {
        for (struct word *w = n->cmd.assigns; w; w = w->next)
            nsaved++;
        saved = xmalloc(sizeof *saved * (size_t)(nsaved + 1));
        int i = 0;
        for (struct word *w = n->cmd.assigns; w; w = w->next, i++) {
            saved[i].name = xstrndup(w->text, (size_t)(strchr(w->text, '=') - w->text));
            const char *v = var_get(saved[i].name);
            saved[i].value = v ? xstrdup(v) : NULL;
            saved[i].exported = var_is_exported(saved[i].name);
        }
    }
    int status = 1;
    struct saved_fds fds = { .n = 0 };
    if (assign(n->cmd.assigns, 0) == 0 && apply_redirs(n->redirs, &fds) == 0)
        status = fn ? fn(argc, argv) : func_call(body, argc, argv);
    fflush(stdout);
    fflush(stderr);
    restore_redirs(&fds);
    for (int i = 0; i < nsaved; i++) {
        if (saved[i].value)
            var_set(saved[i].name, saved[i].value, saved[i].exported);
        else
            var_unset(saved[i].name);
        free(saved[i].name);
        free(saved[i].value);
    }
    free(saved);
    return status;
}

/* Only assignments and redirections: the variables stay, the redirections are made (creating
 * files) and undone. The status is that of the last $(...) in them. */
static int assign_only(struct node *n)
{
    if (assign(n->cmd.assigns, 0) < 0)
        return 1;
    struct saved_fds fds = { .n = 0 };
    int status = apply_redirs(n->redirs, &fds) < 0 ? 1 : 0;
    restore_redirs(&fds);
    if (status == 0 && expand_subst_status >= 0)
        status = expand_subst_status;
    return status;
}

/* exec [command]: redirections for the shell itself, or the command in its place. */
static int exec_builtin(struct node *n, char **argv)
{
    if (!argv[1]) {
        if (assign(n->cmd.assigns, 0) < 0 || apply_redirs(n->redirs, NULL) < 0)
            return 1;
        return 0;
    }
    fflush(stdout);
    signals_child(0);
    become(n, argv + 1);
}

int exec_simple(struct node *n, int flags)
{
    int argc;
    expand_subst_status = -1;
    char **argv = expand_words(n->cmd.args, &argc);
    if (!argv) {
        if (!sh.interactive) {   /* a bad expansion ends a script */
            sh.status = 1;
            sh.ctl = CTL_EXIT;
        }
        return 1;
    }
    if (argc == 0) {
        free_argv(argv);
        return assign_only(n);
    }
    if (sh.opt_x)
        trace(argv);
    int status;
    builtin_fn fn = find_builtin(argv[0]);
    struct node *body = is_special(argv[0]) ? NULL : func_find(argv[0]);
    if (strcmp(argv[0], "exec") == 0) {
        status = exec_builtin(n, argv);
    } else if (fn || body) {
        status = run_in_shell(body ? NULL : fn, body, n, argc, argv);
    } else if (flags & EX_NOFORK) {
        become(n, argv);
    } else {
        fflush(stdout);
        fflush(stderr);
        pid_t pid = fork();
        if (pid < 0) {
            sh_perror("fork");
            status = 1;
        } else if (pid == 0) {
            signals_child(0);
            become(n, argv);
        } else {
            status = wait_fg(pid);
        }
    }
    free_argv(argv);
    return status;
}
