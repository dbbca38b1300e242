/* init, process 1: puts the console on descriptors 0-2, runs /etc/rc, then keeps a shell on
 * the console, starting a new one whenever it ends; it also reaps every orphan. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include <errno.h>
#include <libsys.h>

#define CONSOLE "/dev/console"
#define SHELL "/bin/sh"

static char *const shell_env[] = { "PATH=/bin:/sbin", "HOME=/", "TERM=vt100", NULL };

/* The root file system's server and the disk driver start beside init: give them time. */
static int open_console(void)
{
    int fd = -1;
    for (int tries = 0; tries < 15 && fd < 0; tries++) {
        fd = open(CONSOLE, O_RDWR);
        if (fd < 0)
            sleep(1);
    }
    if (fd < 0)
        return -1;
    if (fd != 0) {
        dup2(fd, 0);
        close(fd);
    }
    dup2(0, 1);
    dup2(0, 2);
    return 0;
}

/* A child in its own session with the console as its terminal runs argv. */
static pid_t start(char *const argv[])
{
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    setsid();
    tcsetpgrp(0, getpid());
    signal(SIGINT, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
    execve(argv[0], argv, shell_env);
    fprintf(stderr, "init: cannot run %s\n", argv[0]);
    _exit(127);
}

/* Waits for pid, reaping any orphan that ends meanwhile; its status. */
static int wait_for(pid_t pid)
{
    for (;;) {
        int status;
        pid_t r = wait(&status);
        if (r == pid)
            return status;
        if (r < 0)
            return -1;
    }
}

int main(void)
{
    if (open_console() != 0) {
        log_printf("init: cannot open %s: %s\n", CONSOLE, strerror(errno));   /* no console */
        return 1;
    }
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    if (access("/etc/rc", R_OK) == 0) {
        char *const rc[] = { SHELL, "/etc/rc", NULL };
        wait_for(start(rc));
    }
    for (;;) {
        char *const sh[] = { SHELL, NULL };
        pid_t pid = start(sh);
        if (pid < 0) {
            sleep(1);
            continue;
        }
        wait_for(pid);
        printf("init: the shell ended; starting another\n");
    }
}
