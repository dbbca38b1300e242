/* ipc_bench: the figures of `make bench`: a SENDREC round trip to pong, a getpid() round
 * trip to PM, and fork + exec + wait of a program that does nothing; then power-off.
 * Under QEMU -icount shift=0 the counter converts exactly to guest instructions. */
#include <libsys.h>

#define TRIPS 100000
#define GETPIDS 100000
#define SPAWNS 200

static uint64_t cycles(void)
{
    struct kc_times t;
    return sys_times(SELF, &t) == OK ? t.cycles : 0;
}

static void report(const char *name, int n, uint64_t total)
{
    struct machine_info mi = { 0 };
    sys_machine(&mi);
    log_printf("bench: %s iterations=%d total_cycles=%llu cycles_hz=%u\n", name, n,
               (unsigned long long)total, (unsigned)mi.cycles_hz);
}

static int pm(message *m, int type)
{
    m->m_type = type;
    int r = ipc_sendrec(PM_PROC, m);
    return r != OK ? r : m->m_type;
}

static void sleep_tick(void)
{
    message m;
    sys_setalarm(1);
    ipc_receive(CLOCK, &m);
}

static void bench_sendrec(endpoint_t pong)
{
    message m = { .m_type = 1 };
    for (int i = 0; i < 1000; i++)
        ipc_sendrec(pong, &m);
    log_printf("bench: start sendrec_round_trip\n");
    uint64_t start = cycles();
    for (int i = 0; i < TRIPS; i++)
        ipc_sendrec(pong, &m);
    uint64_t total = cycles() - start;
    log_printf("bench: end sendrec_round_trip\n");
    report("sendrec_round_trip", TRIPS, total);
}

static void bench_getpid(void)
{
    message m = { 0 };
    log_printf("bench: start getpid\n");
    uint64_t start = cycles();
    for (int i = 0; i < GETPIDS; i++)
        pm(&m, PM_GETPID);
    uint64_t total = cycles() - start;
    log_printf("bench: end getpid\n");
    report("getpid", GETPIDS, total);
}

static int exec_nop(void)
{
    static char args[] = "benchnop\0benchnop";
    message m = { 0 };
    m.m.pm.grant = grant_make(PM_PROC, args, sizeof args, GRANT_READ);
    m.m.pm.len = sizeof args;
    m.m.pm.arg = 1;
    return pm(&m, PM_EXEC);
}

static void bench_fork_exec_wait(void)
{
    log_printf("bench: start fork_exec_wait\n");
    uint64_t start = cycles();
    for (int i = 0; i < SPAWNS; i++) {
        message m = { 0 };
        int pid = pm(&m, PM_FORK);
        if (pid == 0) {
            exec_nop();
            sys_exit(1);
        }
        message w = { 0 };
        w.m.pm.pid = pid;
        if (pm(&w, PM_WAITPID) != pid || w.m.pm.out[0] != 0) {
            log_printf("bench: FAIL fork_exec_wait\n");
            return;
        }
    }
    uint64_t total = cycles() - start;
    log_printf("bench: end fork_exec_wait\n");
    report("fork_exec_wait", SPAWNS, total);
}

int main(void)
{
    endpoint_t pong = NONE;
    for (int i = 0; i < 500 && ds_lookup("pong", &pong) != OK; i++)
        sleep_tick();
    bench_sendrec(pong);
    bench_getpid();
    bench_fork_exec_wait();
    message m = { 0 };
    m.m.pm.pid = ABORT_POWEROFF;
    pm(&m, PM_REBOOT);
    return 0;
}
