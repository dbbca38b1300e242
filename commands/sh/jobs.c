/* sh: signals and children: ^C goes to the foreground command, not the shell; waiting for a
 * command and turning its wait status into $?; the table of background commands for wait. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sh.h"
#include "../lib/signames.h"

volatile sig_atomic_t sh_sigint;

/* What the shell inherited, for its children; a shell started with ^C ignored (a background
 * command) keeps ignoring it. */
static struct sigaction inherited_int, inherited_quit, inherited_term;
static struct sigaction waiting_int, waiting_quit;

static void on_sigint(int sig)
{
    (void)sig;
    sh_sigint = 1;
}

static void set_handler(int sig, void (*handler)(int), struct sigaction *old)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;   /* no SA_RESTART: a read at the prompt ends with EINTR */
    sigaction(sig, &sa, old);
}

void signals_init(void)
{
    sigaction(SIGINT, NULL, &inherited_int);
    sigaction(SIGQUIT, NULL, &inherited_quit);
    sigaction(SIGTERM, NULL, &inherited_term);
    if (sh.interactive) {
        set_handler(SIGINT, on_sigint, NULL);
        set_handler(SIGQUIT, SIG_IGN, NULL);
        set_handler(SIGTERM, SIG_IGN, NULL);
    }
}

/* In a forked child: the inherited actions back, ^C and quit ignored in the background. The
 * child is a non-interactive shell until it execs. */
void signals_child(int background)
{
    sigaction(SIGINT, &inherited_int, NULL);
    sigaction(SIGQUIT, &inherited_quit, NULL);
    sigaction(SIGTERM, &inherited_term, NULL);
    if (background) {
        set_handler(SIGINT, SIG_IGN, NULL);
        set_handler(SIGQUIT, SIG_IGN, NULL);
    }
    sh.interactive = 0;
    sh.subshell = 1;
    sh_sigint = 0;
}

/* While a foreground command runs, ^C is only noted: the command gets it and the shell lives
 * on. An interactive shell has its handler in place already. */
void signals_fg_wait(int begin)
{
    if (sh.interactive || inherited_int.sa_handler == SIG_IGN)
        return;
    if (begin) {
        set_handler(SIGINT, on_sigint, &waiting_int);
        set_handler(SIGQUIT, SIG_IGN, &waiting_quit);
    } else {
        sigaction(SIGINT, &waiting_int, NULL);
        sigaction(SIGQUIT, &waiting_quit, NULL);
    }
}

int status_of(int wstatus)
{
    if (WIFEXITED(wstatus))
        return WEXITSTATUS(wstatus);
    if (WIFSIGNALED(wstatus))
        return 128 + WTERMSIG(wstatus);
    return 1;
}

/* A command ended by ^C ends what the shell was doing: the line (interactive), or the shell
 * itself, by the same signal, so whoever waits for it sees the interrupt too. */
static void interrupted(void)
{
    sh_sigint = 0;
    if (sh.interactive) {
        fputc('\n', stderr);
        sh.ctl = CTL_INTR;
        return;
    }
    fflush(stdout);
    signal(SIGINT, SIG_DFL);
    kill(getpid(), SIGINT);
}

int wait_fg(pid_t pid)
{
    int wstatus = 0;
    pid_t r;
    signals_fg_wait(1);
    do
        r = waitpid(pid, &wstatus, 0);
    while (r < 0 && errno == EINTR);
    signals_fg_wait(0);
    if (r < 0) {
        sh_perror("wait");
        return 127;
    }
    if (WIFSIGNALED(wstatus)) {
        int sig = WTERMSIG(wstatus);
        if (sig == SIGINT && sh_sigint) {
            interrupted();
        } else if (sig != SIGINT && sig != SIGPIPE) {
            fflush(stdout);
            fprintf(stderr, "%s\n", sig_text(sig));
        }
    }
    sh_sigint = 0;
    return status_of(wstatus);
}

#define MAX_JOBS 32

struct job {
    pid_t pid;
    int done;
    int status;
};

static struct job jobs[MAX_JOBS];
static int njobs;

static void job_remove(int i)
{
    jobs[i] = jobs[--njobs];
}

void jobs_add(pid_t pid)
{
    if (njobs == MAX_JOBS)
        for (int i = 0; i < njobs; i++)
            if (jobs[i].done) {
                job_remove(i);
                break;
            }
    if (njobs < MAX_JOBS)
        jobs[njobs++] = (struct job){ .pid = pid };
}

static void report(const struct job *j)
{
    if (j->status > 128)
        fprintf(stderr, "[%ld] %s\n", (long)j->pid, sig_text(j->status - 128));
    else if (j->status)
        fprintf(stderr, "[%ld] Exit %d\n", (long)j->pid, j->status);
    else
        fprintf(stderr, "[%ld] Done\n", (long)j->pid);
}

/* Collects background commands that ended; the prompt reports them. */
void jobs_reap(int print)
{
    for (int i = 0; i < njobs; i++) {
        int wstatus;
        if (jobs[i].done || waitpid(jobs[i].pid, &wstatus, WNOHANG) != jobs[i].pid)
            continue;
        jobs[i].done = 1;
        jobs[i].status = status_of(wstatus);
        if (print)
            report(&jobs[i]);
    }
}

int jobs_wait(pid_t pid)
{
    int i = 0;
    while (i < njobs && jobs[i].pid != pid)
        i++;
    if (i == njobs)
        return 127;
    if (!jobs[i].done) {
        int wstatus;
        pid_t r;
        while ((r = waitpid(pid, &wstatus, 0)) < 0 && errno == EINTR) {
            if (sh_sigint) {
                sh_sigint = 0;
                sh.ctl = CTL_INTR;
                return 130;
            }
        }
        jobs[i].status = r == pid ? status_of(wstatus) : 127;
    }
    int status = jobs[i].status;
    job_remove(i);
    return status;
}

int jobs_wait_all(void)
{
    while (njobs > 0 && sh.ctl == CTL_NONE)
        jobs_wait(jobs[njobs - 1].pid);
    return sh.ctl == CTL_INTR ? 130 : 0;
}
