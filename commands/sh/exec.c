/* sh: the executor: lists, && ||, if, case and loops run inside the shell, pipelines, ( ) and &
 * in forked copies; break, continue, return, exit and ^C unwind the tree through sh.ctl. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "sh.h"

_Noreturn void child_exit(int status)
{
    fflush(stdout);
    fflush(stderr);
    _exit(status & 0xff);
}

/* After a loop body (or condition): whether the loop stops. A break or continue for an
 * enclosing loop stops this one and stays pending for the next. */
static int loop_stops(void)
{
    switch (sh.ctl) {
    case CTL_NONE:
        return 0;
    case CTL_BREAK:
        if (--sh.ctl_count == 0)
            sh.ctl = CTL_NONE;
        return 1;
    case CTL_CONTINUE:
        if (--sh.ctl_count == 0) {
            sh.ctl = CTL_NONE;
            return 0;
        }
        return 1;
    default:
        return 1;
    }
}

static int exec_while(struct node *n)
{
    int status = 0;
    sh.loop_depth++;
    for (;;) {
        int cond = exec_node(n->loop.cond, EX_COND);
        if (sh.ctl != CTL_NONE) {
            if (loop_stops())
                break;
            continue;
        }
        if ((cond == 0) != (n->type == N_WHILE))
            break;
        status = exec_node(n->loop.body, 0);
        if (loop_stops())
            break;
    }
    sh.loop_depth--;
    return status;
}

static int exec_for(struct node *n)
{
    char **list;
    int count;
    if (n->fors.has_in) {
        list = expand_words(n->fors.list, &count);
        if (!list)
            return 1;
    } else {
        count = sh.argc;
        list = xmalloc(sizeof *list * (size_t)(count + 1));
        for (int i = 0; i < count; i++)
            list[i] = xstrdup(sh.argv[i]);
        list[count] = NULL;
    }
    int status = 0;
    sh.loop_depth++;
    for (int i = 0; i < count; i++) {
        var_set(n->fors.var, list[i], 0);
        status = exec_node(n->fors.body, 0);
        if (loop_stops())
            break;
    }
    sh.loop_depth--;
    free_argv(list);
    return status;
}

static int exec_if(struct node *n, int flags)
{
    int cond = exec_node(n->ifs.cond, EX_COND);
    if (sh.ctl != CTL_NONE)
        return cond;
    if (cond == 0)
        return exec_node(n->ifs.then, flags);
    return n->ifs.els ? exec_node(n->ifs.els, flags) : 0;
}

/* The first item with a pattern matching the word runs. */
static int exec_case(struct node *n, int flags)
{
    char *word = expand_word(n->cases.word);
    if (!word)
        return 1;
    for (struct case_item *item = n->cases.items; item; item = item->next) {
        for (struct word *w = item->patterns; w; w = w->next) {
            char *pattern = expand_pattern(w->text);
            int matches = pattern && pattern_match(pattern, word);
            free(pattern);
            if (matches) {
                free(word);
                return exec_node(item->body, flags);
            }
        }
    }
    free(word);
    return 0;
}

static pid_t fork_flushed(void)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0)
        sh_perror("fork");
    return pid;
}

/* Each command in its own process, each one's output the next one's input. The status is the
 * last command's. */
static int exec_pipeline(struct node *n)
{
    int count = 0;
    for (struct node *c = n->pipe.first; c; c = c->next)
        count++;
    pid_t *pids = xmalloc(sizeof *pids * (size_t)count);
    int started = 0, in = -1;
    for (struct node *c = n->pipe.first; c; c = c->next) {
        int fds[2] = { -1, -1 };
        if (c->next && pipe(fds) < 0) {
            sh_perror("pipe");
            break;
        }
        pid_t pid = fork_flushed();
        if (pid < 0) {
            if (fds[0] >= 0) {
                close(fds[0]);
                close(fds[1]);
            }
            break;
        }
        if (pid == 0) {
            signals_child(0);
            if (fds[0] >= 0)
                close(fds[0]);
            if (in >= 0 && in != 0) {
                dup2(in, 0);
                close(in);
            }
            if (fds[1] >= 0 && fds[1] != 1) {
                dup2(fds[1], 1);
                close(fds[1]);
            }
            child_exit(exec_node(c, EX_NOFORK));
        }
        pids[started++] = pid;
        if (in >= 0)
            close(in);
        if (fds[1] >= 0)
            close(fds[1]);
        in = fds[0];
    }
    if (in >= 0)
        close(in);
    int status = 1;
    for (int i = 0; i < started; i++) {
        int s = wait_fg(pids[i]);
        if (i == count - 1)
            status = s;
    }
    free(pids);
    return status;
}

static int exec_subshell(struct node *n, int flags)
{
    if (flags & EX_NOFORK) {
        if (apply_redirs(n->redirs, NULL) < 0)
            return 1;
        return exec_node(n->sub.body, EX_NOFORK);
    }
    pid_t pid = fork_flushed();
    if (pid < 0)
        return 1;
    if (pid == 0) {
        signals_child(0);
        if (apply_redirs(n->redirs, NULL) < 0)
            child_exit(1);
        child_exit(exec_node(n->sub.body, EX_NOFORK));
    }
    return wait_fg(pid);
}

/* cmd &: no job control, so it reads /dev/null unless redirected, and ^C does not reach it. */
static int exec_background(struct node *n)
{
    pid_t pid = fork_flushed();
    if (pid < 0)
        return 1;
    if (pid == 0) {
        signals_child(1);
        int fd = open("/dev/null", O_RDONLY);
        if (fd > 0) {
            dup2(fd, 0);
            close(fd);
        }
        child_exit(exec_node(n->sub.body, EX_NOFORK));
    }
    sh.last_bg = pid;
    jobs_add(pid);
    if (sh.interactive)
        fprintf(stderr, "[%ld]\n", (long)pid);
    return 0;
}

/* if, case, loops and { }: inside the shell, with their redirections undone afterwards. */
static int exec_compound(struct node *n, int flags)
{
    struct saved_fds save = { .n = 0 };
    int status;
    if (apply_redirs(n->redirs, &save) < 0) {
        status = 1;
    } else {
        switch (n->type) {
        case N_IF: status = exec_if(n, flags); break;
        case N_WHILE: case N_UNTIL: status = exec_while(n); break;
        case N_FOR: status = exec_for(n); break;
        case N_CASE: status = exec_case(n, flags); break;
        default: status = exec_node(n->sub.body, flags); break;
        }
    }
    fflush(stdout);
    restore_redirs(&save);
    return status;
}

int exec_node(struct node *n, int flags)
{
    if (!n)
        return 0;
    if (sh.ctl != CTL_NONE)
        return sh.status;
    if (sh_sigint) {   /* ^C while the shell itself was busy */
        sh_sigint = 0;
        sh.ctl = CTL_INTR;
        return sh.status = 130;
    }
    int status, inner = flags & ~EX_NOFORK;
    switch (n->type) {
    case N_CMD:
        status = exec_simple(n, flags);
        break;
    case N_PIPE:
        status = exec_pipeline(n);
        break;
    case N_AND:
    case N_OR:
        status = exec_node(n->bin.left, inner | EX_COND);
        if (sh.ctl == CTL_NONE && (status == 0) == (n->type == N_AND))
            status = exec_node(n->bin.right, flags);
        break;
    case N_SEQ:
        exec_node(n->bin.left, inner);
        status = exec_node(n->bin.right, flags);
        break;
    case N_BG:
        status = exec_background(n);
        break;
    case N_NOT:
        status = !exec_node(n->sub.body, inner | EX_COND);
        break;
    case N_SUBSHELL:
        status = exec_subshell(n, flags);
        break;
    case N_FUNC:
        func_define(n->func.name, n->func.body);
        status = 0;
        break;
    default:
        status = exec_compound(n, flags);
        break;
    }
    if (sh.ctl == CTL_EXIT)
        return sh.status;
    sh.status = status;
    if (sh.opt_e && status != 0 && !(flags & EX_COND) && sh.ctl == CTL_NONE &&
        (n->type == N_CMD || n->type == N_PIPE || n->type == N_SUBSHELL))
        sh.ctl = CTL_EXIT;
    return status;
}
