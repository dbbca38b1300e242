/* sh: start-up and the read-parse-run loop: lines are read until they parse as complete commands.
 * Usage: sh [-ex] [-c command [name [arg...]] | script [arg...] | -s [arg...]] */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

#ifndef PATH_MAX
#define PATH_MAX 1024
#endif

extern char **environ;

struct shell sh;

void sh_error(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fputs("sh: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void sh_perror(const char *what)
{
    sh_error("%s: %s", what, strerror(errno));
}

/* Where commands come from: a string, or a descriptor. Standard input that is not a terminal
 * is read a byte at a time, so that commands run from it find the rest of it unread. */
struct input {
    const char *str;
    size_t pos;
    int fd;
    int bytewise;
    char buf[256];
    size_t len, off;
};

/* Reads one more byte; 1, 0 at the end, -1 when ^C interrupted an interactive read. */
static int input_byte(struct input *in, char *c)
{
    if (in->str) {
        if (!in->str[in->pos])
            return 0;
        *c = in->str[in->pos++];
        return 1;
    }
    if (in->off == in->len) {
        ssize_t n;
        do
            n = read(in->fd, in->buf, in->bytewise ? 1 : sizeof in->buf);
        while (n < 0 && errno == EINTR && !sh_sigint);
        if (n < 0 && errno == EINTR)
            return -1;
        if (n <= 0)
            return 0;
        in->len = (size_t)n;
        in->off = 0;
    }
    *c = in->buf[in->off++];
    return 1;
}

/* Appends one line, its newline included; 1, 0 at the end with nothing read, -1 on ^C. */
static int input_line(struct input *in, struct str *out)
{
    size_t start = out->len;
    for (;;) {
        char c;
        int r = input_byte(in, &c);
        if (r < 0)
            return -1;
        if (r == 0)
            return out->len > start;
        str_addc(out, c);
        if (c == '\n')
            return 1;
    }
}

static void prompt(const char *var, const char *fallback)
{
    const char *ps = var_get(var);
    char *text = expand_word(ps ? ps : fallback);
    if (text) {
        fputs(text, stderr);
        free(text);
    }
    fflush(stderr);
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* The loop: collect lines until they parse, run them, repeat. A syntax error ends a script
 * and only the command at a prompt. */
static int run_input(struct input *in, int interactive)
{
    struct str text = { 0 };
    int line = 1;
    for (;;) {
        if (interactive) {
            jobs_reap(1);
            prompt(text.len ? "PS2" : "PS1", text.len ? "> " : "$ ");
        }
        int r = input_line(in, &text);
        if (r < 0) {
            sh_sigint = 0;
            text.len = 0;
            sh.status = 130;
            fputc('\n', stderr);
            continue;
        }
        if (r == 0 && text.len == 0) {
            if (interactive)
                fputc('\n', stderr);
            break;
        }
        struct arena arena = { 0 };
        enum parse_result res;
        char err[160];
        struct node *tree = parse(text.s, &arena, line, &res, err, sizeof err);
        if (res == PARSE_INCOMPLETE && r > 0) {
            arena_free(&arena);
            continue;
        }
        if (res != PARSE_OK) {
            if (res == PARSE_INCOMPLETE)
                snprintf(err, sizeof err, "line %d: syntax error: unexpected end of file",
                         line + count_lines(text.s));
            sh_error("%s", err);
            sh.status = 2;
            if (!interactive)
                sh.ctl = CTL_EXIT;
        } else {
            exec_node(tree, 0);
        }
        if (sh_keep_arena)   /* it holds functions defined by this text */
            arena.head = NULL;
        sh_keep_arena = 0;
        arena_free(&arena);
        line += count_lines(text.s);
        text.len = 0;
        if (interactive && sh.ctl != CTL_EXIT)
            sh.ctl = CTL_NONE;   /* ^C ends only the line */
        if (sh.ctl != CTL_NONE || r == 0)
            break;   /* exit, or break and continue from eval or . for the loop around */
    }
    str_free(&text);
    return sh.status;
}

int run_string(const char *src)
{
    struct input in = { .str = src, .fd = -1 };
    return run_input(&in, 0);
}

int run_file(int fd, int interactive)
{
    struct input in = { .fd = fd, .bytewise = fd == 0 && !interactive };
    return run_input(&in, interactive);
}

static _Noreturn void usage(const char *msg, const char *arg)
{
    sh_error("%s%s", msg, arg);
    fputs("usage: sh [-ex] [-c command [name [arg...]] | script [arg...] | -s [arg...]]\n",
          stderr);
    exit(2);
}

static void init_variables(void)
{
    var_init(environ);
    if (!var_get("PATH"))
        var_set("PATH", "/bin:/sbin", 1);
    var_set("IFS", " \t\n", 0);
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof cwd))
        var_set("PWD", cwd, 1);
}

int main(int argc, char **argv)
{
    const char *command = NULL, *script = NULL;
    int force_interactive = 0, from_stdin = 0, i = 1;
    sh.pid = getpid();
    sh.name = argv[0] ? argv[0] : "sh";
    init_variables();
    for (; i < argc && (argv[i][0] == '-' || argv[i][0] == '+') && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        for (const char *f = argv[i] + 1; *f; f++) {
            int on = argv[i][0] == '-';
            switch (*f) {
            case 'c': command = ""; break;
            case 'e': sh.opt_e = on; break;
            case 'x': sh.opt_x = on; break;
            case 'i': force_interactive = on; break;
            case 's': from_stdin = 1; break;
            default: {
                char opt[3] = { argv[i][0], *f, '\0' };
                usage("invalid option ", opt);
            }
            }
        }
    }
    if (command) {
        if (i >= argc)
            usage("-c: ", "option requires an argument");
        command = argv[i++];
        if (i < argc)
            sh.name = argv[i++];
    } else if (i < argc && !from_stdin) {
        script = argv[i++];
        sh.name = script;
    }
    params_set(argc - i, argv + i);
    sh.interactive = force_interactive || (!command && !script && isatty(0) && isatty(2));
    if (sh.interactive && !var_get("PS1"))
        var_set("PS1", geteuid() == 0 ? "# " : "$ ", 0);
    signals_init();
    if (command) {
        run_string(command);
    } else if (script) {
        int fd = open(script, O_RDONLY);
        if (fd < 0) {
            sh_error("%s: %s", script, strerror(errno));
            exit(127);
        }
        fd = move_fd_high(fd);
        run_file(fd, 0);
    } else {
        run_file(0, sh.interactive);
    }
    fflush(stdout);
    exit(sh.status);
}
