/* sh: redirections (<, >, >>, <>, n>&m, n<&m, n>&-). What they replace for builtins is kept on
 * descriptors 10 and up, which scripts cannot name, and put back afterwards. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

#define FIRST_PRIVATE_FD 10

/* A copy of fd at FIRST_PRIVATE_FD or above, closed on exec where the system can. Without
 * fcntl's F_DUPFD, dup() is repeated until the copy is high enough. */
static int dup_high(int fd)
{
    int n = fcntl(fd, F_DUPFD, FIRST_PRIVATE_FD);
    if (n < 0 && errno != EBADF) {
        int low[FIRST_PRIVATE_FD], nlow = 0;
        while ((n = dup(fd)) >= 0 && n < FIRST_PRIVATE_FD)
            low[nlow++] = n;
        int err = errno;
        while (nlow > 0)
            close(low[--nlow]);
        errno = err;
    }
    if (n >= 0)
        fcntl(n, F_SETFD, FD_CLOEXEC);
    return n;
}

int move_fd_high(int fd)
{
    int n = dup_high(fd);
    if (n >= 0)
        close(fd);
    return n;
}

static int save_fd(struct saved_fds *s, int fd)
{
    for (int i = 0; i < s->n; i++)
        if (s->v[i].fd == fd)
            return 0;   /* the first save holds the original */
    if (s->n == (int)(sizeof s->v / sizeof s->v[0])) {
        sh_error("too many redirections");
        return -1;
    }
    int copy = dup_high(fd);
    if (copy < 0 && errno != EBADF) {
        sh_perror("cannot save a descriptor");
        return -1;
    }
    s->v[s->n].fd = fd;
    s->v[s->n].copy = copy;
    s->n++;
    return 0;
}

void restore_redirs(struct saved_fds *s)
{
    while (s->n > 0) {
        struct saved_fd *v = &s->v[--s->n];
        if (v->copy >= 0) {
            dup2(v->copy, v->fd);
            close(v->copy);
        } else {
            close(v->fd);
        }
    }
}

/* A single digit naming an open descriptor, as in 2>&1; -1 otherwise. */
static int fd_number(const char *s)
{
    if (s[0] < '0' || s[0] > '9' || s[1] != '\0')
        return -1;
    return s[0] - '0';
}

static int open_flags(enum redir_op op)
{
    switch (op) {
    case R_IN: return O_RDONLY;
    case R_OUT: return O_WRONLY | O_CREAT | O_TRUNC;
    case R_APPEND: return O_WRONLY | O_CREAT | O_APPEND;
    default: return O_RDWR | O_CREAT;
    }
}

static int redirect(const struct redir *r, const char *target)
{
    if (r->op == R_DUPIN || r->op == R_DUPOUT) {
        if (strcmp(target, "-") == 0) {
            close(r->fd);
            return 0;
        }
        int from = fd_number(target);
        struct stat st;
        if (from < 0 || (from != r->fd && dup2(from, r->fd) < 0) ||
            (from == r->fd && fstat(from, &st) < 0)) {
            sh_error("%s: bad file descriptor", target);
            return -1;
        }
        return 0;
    }
    int fd = open(target, open_flags(r->op), 0666);
    if (fd < 0) {
        sh_error("%s: %s", target, strerror(errno));
        return -1;
    }
    if (fd != r->fd) {
        int ok = dup2(fd, r->fd) >= 0;
        close(fd);
        if (!ok) {
            sh_error("%s: %s", target, strerror(errno));
            return -1;
        }
    }
    return 0;
}

int apply_redirs(struct redir *r, struct saved_fds *save)
{
    for (; r; r = r->next) {
        if (r->fd >= FIRST_PRIVATE_FD) {
            sh_error("redirection: bad file descriptor");
            return -1;
        }
        char *target = expand_word(r->target);
        if (!target)
            return -1;
        int ok = (!save || save_fd(save, r->fd) == 0) && redirect(r, target) == 0;
        free(target);
        if (!ok)
            return -1;
    }
    return 0;
}
