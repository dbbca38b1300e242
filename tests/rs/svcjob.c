/* svcjob: runs the service command the way a person would (fork, exec, wait): list, then
 * echo down, status, up and status again, so the tests see the command's own output. */
#include <testjob.h>

/* service ARG1 [ARG2] in a child; returns its exit status. */
static int run_service(const char *a1, const char *a2)
{
    message m = { 0 };
    int pid = pm(&m, PM_FORK);
    if (pid == 0) {
        static char buf[64];
        int n = 0, argc = 2;
        const char *parts[] = { "/bin/service", "service", a1, a2 };
        for (int i = 0; i < 4 && parts[i]; i++) {
            for (const char *c = parts[i]; *c; c++)
                buf[n++] = *c;
            buf[n++] = '\0';
        }
        argc += a2 != NULL;
        message e = { 0 };
        e.m.pm.grant = grant_make(PM_PROC, buf, (size_t)n, GRANT_READ);
        e.m.pm.len = (uint32_t)n;
        e.m.pm.arg = argc;
        pm(&e, PM_EXEC);
        sys_exit(99);
    }
    message w = { 0 };
    w.m.pm.pid = pid;
    pm(&w, PM_WAITPID);
    return w.m.pm.out[0] >> 8;
}

int main(void)
{
    int r1 = run_service("list", NULL);
    int r2 = run_service("down", "echo");
    int r3 = run_service("status", "echo");
    int r4 = run_service("up", "echo");
    int r5 = run_service("status", "echo");
    int r6 = run_service("restart", "nosuch");
    log_printf("svcjob: done, statuses %d %d %d %d %d %d\n", r1, r2, r3, r4, r5, r6);
    return 0;
}
