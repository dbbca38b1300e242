/* sh: what the shell's parts share: memory helpers, tokens, the syntax tree, variables,
 * expansion and the executor's state. Input flows lexer -> parser -> tree -> executor. */
#ifndef SH_H
#define SH_H

#include <signal.h>
#include <stddef.h>
#include <sys/types.h>

/* ---- mem.c: allocation that ends the shell cleanly when memory runs out ---- */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* A growing string; s is NUL-terminated whenever len > 0 or after str_take. */
struct str {
    char *s;
    size_t len, cap;
};
void str_addc(struct str *b, char c);
void str_addn(struct str *b, const char *s, size_t n);
void str_adds(struct str *b, const char *s);
char *str_take(struct str *b);   /* the string, now the caller's; b is empty again */
void str_free(struct str *b);

/* A parse's nodes and words live in one arena, freed at once after the command ran. */
struct chunk;
struct arena {
    struct chunk *head;
};
void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_free(struct arena *a);

/* ---- lex.c ---- */
enum tok {
    T_EOF, T_NEWLINE, T_WORD, T_IONUM,
    T_SEMI, T_DSEMI, T_AMP, T_PIPE, T_AND, T_OR, T_LPAREN, T_RPAREN,
    T_LESS, T_GREAT, T_DGREAT, T_LESSAND, T_GREATAND, T_LESSGREAT
};

struct lexer {
    const char *src;
    size_t pos;
    int line;
    int incomplete;   /* the input ended inside a quote, a $( or after a backslash */
    struct arena *arena;
};

struct token {
    enum tok type;
    char *text;       /* T_WORD: the raw word, quotes still in it; T_IONUM: the digits */
    int line;
};

void lex_init(struct lexer *lx, const char *src, struct arena *a, int first_line);
void lex_next(struct lexer *lx, struct token *t);
const char *tok_name(const struct token *t);

/* ---- parse.c: the syntax tree ---- */
struct word {
    char *text;
    struct word *next;
};

enum redir_op { R_IN, R_OUT, R_APPEND, R_RDWR, R_DUPIN, R_DUPOUT };

struct redir {
    int fd;
    enum redir_op op;
    char *target;     /* a raw word, expanded when the redirection is made */
    struct redir *next;
};

enum node_type {
    N_CMD, N_PIPE, N_AND, N_OR, N_SEQ, N_BG, N_NOT,
    N_IF, N_WHILE, N_UNTIL, N_FOR, N_CASE, N_SUBSHELL, N_GROUP, N_FUNC
};

/* One "pattern | pattern ) list ;;" of a case. */
struct case_item {
    struct word *patterns;
    struct node *body;
    struct case_item *next;
};

struct node {
    enum node_type type;
    struct redir *redirs;      /* on simple and compound commands */
    struct node *next;         /* the next command of an N_PIPE */
    union {
        struct { struct word *assigns, *args; } cmd;
        struct { struct node *first; } pipe;                    /* through ->next */
        struct { struct node *left, *right; } bin;              /* AND, OR, SEQ */
        struct { struct node *body; } sub;                      /* BG, NOT, SUBSHELL, GROUP */
        struct { struct node *cond, *then, *els; } ifs;
        struct { struct node *cond, *body; } loop;              /* WHILE, UNTIL */
        struct { char *var; struct word *list; int has_in; struct node *body; } fors;
        struct { char *word; struct case_item *items; } cases;
        struct { char *name; struct node *body; } func;              /* a definition */
    };
};

enum parse_result { PARSE_OK, PARSE_INCOMPLETE, PARSE_ERROR };

/* Parses a whole program; NULL with PARSE_OK means there was nothing to run. The error
 * message (PARSE_ERROR) goes to err. */
struct node *parse(const char *src, struct arena *a, int first_line, enum parse_result *res,
                   char *err, size_t errlen);

/* ---- var.c: shell variables and positional parameters ---- */
int is_name(const char *s, size_t n);
void var_init(char **envp);
const char *var_get(const char *name);
void var_set(const char *name, const char *value, int export);
void var_unset(const char *name);
void var_export(const char *name);
int var_is_exported(const char *name);
char **var_environ(void);           /* "NAME=value" of the exported ones, for execve */
void var_print(int exported_only);  /* for set and export without arguments */
void params_set(int argc, char **argv);   /* copies them */
void params_shift(int n);

/* ---- expand.c ---- */
/* The fields of a list of words after expansion and quote removal: a NULL-terminated
 * array freed with free_argv, or NULL after an error (already reported). */
char **expand_words(struct word *w, int *argc);
/* One word without field splitting, for assignments and redirection targets. */
char *expand_word(const char *text);
/* One word as a pattern for case: quoted *, ? and [ escaped with a backslash. */
char *expand_pattern(const char *text);
void free_argv(char **v);
extern int expand_subst_status;   /* of the last $(...), -1 if none ran */

/* ---- arith.c ---- */
/* The value of an arithmetic expression (already expanded); -1 after an error (reported). */
int arith_eval(const char *text, long *result);

/* ---- glob.c ---- */
/* Calls add with each path matching the pattern (\ quotes the next character), sorted;
 * returns how many there were. */
int glob_expand(const char *pattern, void (*add)(void *ctx, const char *path), void *ctx);
int pattern_match(const char *pattern, const char *s);

/* ---- func.c ---- */
/* Function bodies stay in the arena of the text that defined them: sh_keep_arena tells the
 * reader not to free it. */
extern int sh_keep_arena;
void func_define(const char *name, struct node *body);
struct node *func_find(const char *name);
void func_unset(const char *name);
int func_call(struct node *body, int argc, char **argv);

/* ---- exec.c, command.c, redir.c, jobs.c: running the tree ---- */
enum ctl { CTL_NONE, CTL_BREAK, CTL_CONTINUE, CTL_RETURN, CTL_EXIT, CTL_INTR };

struct shell {
    int status;              /* $? */
    pid_t pid;               /* $$: the top shell's, also in subshells */
    pid_t last_bg;           /* $! */
    int interactive;
    int opt_e, opt_x;
    int subshell;            /* a forked copy that ends after its command */
    enum ctl ctl;            /* break, continue, exit or ^C unwinding the tree */
    int ctl_count;
    int loop_depth;
    int func_depth;          /* functions and . scripts running: return may end them */
    const char *name;        /* $0 */
    int argc;                /* $# */
    char **argv;             /* $1 ... */
};
extern struct shell sh;
extern volatile sig_atomic_t sh_sigint;   /* ^C at the prompt or during builtins */

#define EX_NOFORK 1   /* this process ends after the node: a command may replace it */
#define EX_COND   2   /* the status is tested: set -e does not apply */

int exec_node(struct node *n, int flags);
int exec_simple(struct node *n, int flags);
_Noreturn void exec_external(char **argv);
_Noreturn void child_exit(int status);

struct saved_fd {
    int fd, copy;     /* copy -1: fd was closed before */
};
struct saved_fds {
    struct saved_fd v[10];
    int n;
};
/* Makes the redirections; with save, what they replaced can be restored. -1 on error. */
int apply_redirs(struct redir *r, struct saved_fds *save);
void restore_redirs(struct saved_fds *save);
int move_fd_high(int fd);   /* a close-on-exec copy at 10 or above; the original is closed */

void signals_init(void);
void signals_child(int background);
void signals_fg_wait(int begin);

int status_of(int wstatus);
int wait_fg(pid_t pid);
void jobs_add(pid_t pid);
void jobs_reap(int report);
int jobs_wait(pid_t pid);     /* 127 for a pid that is not a child */
int jobs_wait_all(void);

/* ---- builtin.c ---- */
typedef int (*builtin_fn)(int argc, char **argv);
builtin_fn find_builtin(const char *name);

/* ---- main.c: running input ---- */
int run_string(const char *src);
int run_file(int fd, int interactive);
void sh_error(const char *fmt, ...);
void sh_perror(const char *what);   /* "sh: what: strerror(errno)" */

#endif
