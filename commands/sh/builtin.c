/* sh: the builtins: commands that must change the shell itself (cd, exit, set, ...) and a few
 * common ones that are cheaper without a fork (echo, test, true, false). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"
#include "../lib/echo.h"
#include "../lib/testexpr.h"

#ifndef PATH_MAX
#define PATH_MAX 1024
#endif

/* A decimal number >= 0 for exit, shift, break and wait; -1 if it is not one. */
static long number(const char *s)
{
    char *end;
    if (!*s || *s == '-' || *s == '+')
        return -1;
    errno = 0;
    long v = strtol(s, &end, 10);
    return *end || errno ? -1 : v;
}

static int b_true(int argc, char **argv)
{
    (void)argc, (void)argv;
    return 0;
}

static int b_false(int argc, char **argv)
{
    (void)argc, (void)argv;
    return 1;
}

static int b_echo(int argc, char **argv)
{
    echo_args(argc, argv);
    return 0;
}

static int b_test(int argc, char **argv)
{
    if (strcmp(argv[0], "[") == 0) {
        if (strcmp(argv[argc - 1], "]") != 0) {
            sh_error("[: missing ]");
            return 2;
        }
        argc--;
    }
    return test_eval(argv[0], argc - 1, argv + 1);
}

static int b_cd(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : var_get("HOME");
    int show = 0;
    if (!dir) {
        sh_error("cd: HOME not set");
        return 1;
    }
    if (strcmp(dir, "-") == 0) {
        dir = var_get("OLDPWD");
        if (!dir) {
            sh_error("cd: OLDPWD not set");
            return 1;
        }
        show = 1;
    }
    if (chdir(dir) < 0) {
        sh_error("cd: %s: %s", dir, strerror(errno));
        return 1;
    }
    const char *old = var_get("PWD");
    if (old)
        var_set("OLDPWD", old, 0);
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof cwd)) {
        var_set("PWD", cwd, 0);
        if (show)
            puts(cwd);
    }
    return 0;
}

static int b_pwd(int argc, char **argv)
{
    (void)argc, (void)argv;
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) {
        sh_perror("pwd");
        return 1;
    }
    puts(cwd);
    return 0;
}

static int b_export(int argc, char **argv)
{
    int status = 0;
    if (argc == 1 || (argc == 2 && strcmp(argv[1], "-p") == 0)) {
        var_print(1);
        return 0;
    }
    for (int i = 1; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        size_t n = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
        if (!is_name(argv[i], n)) {
            sh_error("export: %s: bad variable name", argv[i]);
            status = 1;
            continue;
        }
        char *name = xstrndup(argv[i], n);
        if (eq)
            var_set(name, eq + 1, 1);
        else
            var_export(name);
        free(name);
    }
    return status;
}

static int b_unset(int argc, char **argv)
{
    int i = 1, functions = 0;
    if (i < argc && (strcmp(argv[i], "-v") == 0 || strcmp(argv[i], "-f") == 0))
        functions = argv[i++][1] == 'f';
    for (; i < argc; i++) {
        if (functions)
            func_unset(argv[i]);
        else
            var_unset(argv[i]);
    }
    return 0;
}

/* return [n]: ends a function or a . script (func.c, b_dot) with n, or with $?. */
static int b_return(int argc, char **argv)
{
    long n = argc > 1 ? number(argv[1]) : sh.status;
    if (n < 0) {
        sh_error("return: %s: numeric argument required", argv[1]);
        n = 2;
    }
    if (sh.func_depth == 0) {
        sh_error("return: not in a function or . script");
        return 1;
    }
    sh.status = (int)(n & 0xff);
    sh.ctl = CTL_RETURN;
    return sh.status;
}

/* set [-ex] [+ex] [--] [arg...]: options, and the positional parameters when args follow. */
static int b_set(int argc, char **argv)
{
    if (argc == 1) {
        var_print(0);
        return 0;
    }
    int i = 1, params = 0;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0 || strcmp(a, "-") == 0) {
            i++;
            params = 1;
            break;
        }
        if ((a[0] != '-' && a[0] != '+') || !a[1])
            break;
        for (const char *f = a + 1; *f; f++) {
            if (*f == 'e') {
                sh.opt_e = a[0] == '-';
            } else if (*f == 'x') {
                sh.opt_x = a[0] == '-';
            } else {
                sh_error("set: %c%c: invalid option", a[0], *f);
                return 2;
            }
        }
    }
    if (params || i < argc)
        params_set(argc - i, argv + i);
    return 0;
}

static int b_shift(int argc, char **argv)
{
    long n = argc > 1 ? number(argv[1]) : 1;
    if (n < 0 || n > sh.argc) {
        sh_error("shift: can't shift that many");
        return 1;
    }
    params_shift((int)n);
    return 0;
}

static int b_exit(int argc, char **argv)
{
    int status = sh.status;
    if (argc > 1) {
        long n = number(argv[1]);
        if (n < 0) {
            sh_error("exit: %s: numeric argument required", argv[1]);
            status = 2;
        } else {
            status = (int)(n & 0xff);
        }
    }
    sh.status = status;
    sh.ctl = CTL_EXIT;
    return status;
}

/* break [n] and continue [n]: unwinds n loops through sh.ctl (exec.c). */
static int b_break(int argc, char **argv)
{
    long n = argc > 1 ? number(argv[1]) : 1;
    if (n < 1) {
        sh_error("%s: %s: loop count out of range", argv[0], argv[1]);
        return 1;
    }
    if (sh.loop_depth == 0)
        return 0;
    sh.ctl = strcmp(argv[0], "break") == 0 ? CTL_BREAK : CTL_CONTINUE;
    sh.ctl_count = n > sh.loop_depth ? sh.loop_depth : (int)n;
    return 0;
}

static int b_wait(int argc, char **argv)
{
    jobs_reap(0);
    if (argc == 1)
        return jobs_wait_all();
    int status = 0;
    for (int i = 1; i < argc && sh.ctl == CTL_NONE; i++) {
        long pid = number(argv[i]);
        if (pid <= 0) {
            sh_error("wait: %s: not a process id", argv[i]);
            status = 2;
            continue;
        }
        status = jobs_wait((pid_t)pid);
    }
    return status;
}

/* . file: runs the file in this shell; a name without / is looked for in $PATH, then here. */
static int b_dot(int argc, char **argv)
{
    if (argc < 2) {
        sh_error(".: filename argument required");
        return 2;
    }
    const char *name = argv[1];
    struct str path = { 0 };
    int fd = -1;
    const char *dirs = strchr(name, '/') ? "" : var_get("PATH");
    for (const char *p = dirs ? dirs : ""; fd < 0 && *p; p++) {
        size_t n = strcspn(p, ":");
        path.len = 0;
        str_addn(&path, p, n);
        str_addc(&path, '/');
        str_adds(&path, name);
        fd = open(path.s, O_RDONLY);
        p += n;
        if (!*p)
            break;
    }
    if (fd < 0)
        fd = open(name, O_RDONLY);
    str_free(&path);
    if (fd < 0) {
        sh_error(".: %s: %s", name, strerror(errno));
        return 1;
    }
    fd = move_fd_high(fd);
    sh.func_depth++;
    int status = run_file(fd, 0);
    sh.func_depth--;
    close(fd);
    if (sh.ctl == CTL_RETURN) {
        sh.ctl = CTL_NONE;
        status = sh.status;
    }
    return status;
}

static int b_eval(int argc, char **argv)
{
    struct str code = { 0 };
    for (int i = 1; i < argc; i++) {
        if (i > 1)
            str_addc(&code, ' ');
        str_adds(&code, argv[i]);
    }
    int status = code.len ? run_string(code.s) : 0;
    str_free(&code);
    return status;
}

/* read [-r] [name...]: one line from standard input, a byte at a time so that nothing after
 * it is taken from whoever reads next; split at $IFS, the last name gets the rest. */
static int b_read(int argc, char **argv)
{
    int raw = 0, i = 1;
    if (i < argc && strcmp(argv[i], "-r") == 0) {
        raw = 1;
        i++;
    }
    struct str line = { 0 };
    struct str quoted = { 0 };   /* 'q' where the character was escaped with a backslash */
    int eof = 0;
    for (;;) {
        char c;
        ssize_t n = read(0, &c, 1);
        if (n < 0 && errno == EINTR && !sh_sigint)
            continue;
        if (n <= 0) {
            eof = 1;
            break;
        }
        if (c == '\\' && !raw) {
            if (read(0, &c, 1) != 1) {
                eof = 1;
                break;
            }
            if (c == '\n')
                continue;
            str_addc(&line, c);
            str_addc(&quoted, 'q');
            continue;
        }
        if (c == '\n')
            break;
        str_addc(&line, c);
        str_addc(&quoted, ' ');
    }
    const char *sep = var_get("IFS");
    if (!sep)
        sep = " \t\n";
    const char *s = line.s ? line.s : "";
    size_t len = line.len, pos = 0;
#define IS_SEP(k) ((k) < len && quoted.s[k] != 'q' && strchr(sep, s[k]))
#define IS_WHITE(k) (IS_SEP(k) && (s[k] == ' ' || s[k] == '\t'))
    while (IS_WHITE(pos))
        pos++;
    if (i == argc) {
        var_set("REPLY", s + pos, 0);
    }
    for (; i < argc; i++) {
        size_t start = pos, end;
        if (i == argc - 1) {
            end = len;
            while (end > start && IS_WHITE(end - 1))
                end--;
            pos = len;
        } else {
            while (pos < len && !IS_SEP(pos))
                pos++;
            end = pos;
            while (IS_WHITE(pos))
                pos++;
            if (IS_SEP(pos) && !IS_WHITE(pos))
                pos++;
            while (IS_WHITE(pos))
                pos++;
        }
        char *value = xstrndup(s + start, end - start);
        var_set(argv[i], value, 0);
        free(value);
    }
#undef IS_SEP
#undef IS_WHITE
    str_free(&line);
    str_free(&quoted);
    return eof ? 1 : 0;
}

static const struct {
    const char *name;
    builtin_fn fn;
} builtins[] = {
    { ":", b_true }, { "true", b_true }, { "false", b_false }, { "echo", b_echo },
    { "test", b_test }, { "[", b_test }, { "cd", b_cd }, { "pwd", b_pwd },
    { "export", b_export }, { "unset", b_unset }, { "set", b_set }, { "shift", b_shift },
    { "exit", b_exit }, { "break", b_break }, { "continue", b_break }, { "wait", b_wait },
    { ".", b_dot }, { "eval", b_eval }, { "read", b_read }, { "return", b_return },
};

builtin_fn find_builtin(const char *name)
{
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        if (strcmp(builtins[i].name, name) == 0)
            return builtins[i].fn;
    return NULL;
}
