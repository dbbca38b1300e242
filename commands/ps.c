/* ps: every process PM knows: pid, parent, group, state, CPU ticks and name. */
#include <stdio.h>
#include <libsys.h>

static int procinfo(int slot, struct pm_procinfo *pi)
{
    message m = { 0 };
    m.m_type = PM_PROCINFO;
    m.m.pm.arg = slot;
    m.m.pm.grant = grant_make(PM_PROC, pi, sizeof *pi, GRANT_WRITE);
    m.m.pm.len = sizeof *pi;
    int r = ipc_sendrec(PM_PROC, &m);
    grant_revoke(m.m.pm.grant);
    return r != OK ? r : m.m_type;
}

int main(void)
{
    printf("  PID  PPID  PGID STATE   TICKS NAME\n");
    for (int slot = 0; slot < NR_SLOTS; slot++) {
        static struct pm_procinfo pi;
        if (procinfo(slot, &pi) != OK || pi.state == 0)
            continue;
        printf("%5d %5d %5d %-6s %6u %.16s\n", (int)pi.pid, (int)pi.ppid, (int)pi.pgid,
               pi.state == 1 ? "run" : "zombie", (unsigned)(pi.user_ticks + pi.sys_ticks), pi.name);
    }
    return 0;
}
