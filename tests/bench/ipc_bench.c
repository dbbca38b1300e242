/* ipc_bench: times SENDREC round trips to pong with the cycle counter and prints the figure.
 * Under QEMU -icount shift=0 the counter advances one per guest instruction (x86 TSC). */
#include <libsys.h>

#define WARMUP 1000
#define TRIPS 100000

static uint64_t cycles(void)
{
    struct kc_times t;
    return sys_times(SELF, &t) == OK ? t.cycles : 0;
}

int main(int argc, char **argv)
{
    endpoint_t pong = arg_endpoint(argc, argv, 1);
    message m = { .m_type = 1 };
    for (int i = 0; i < WARMUP; i++)
        ipc_sendrec(pong, &m);
    log_printf("bench: start sendrec_round_trip\n");
    uint64_t overhead0 = cycles();
    uint64_t overhead = cycles() - overhead0;
    uint64_t start = cycles();
    for (int i = 0; i < TRIPS; i++) {
        if (ipc_sendrec(pong, &m) != OK) {
            log_printf("bench: FAIL sendrec\n");
            return 1;
        }
    }
    uint64_t total = cycles() - start - overhead;
    log_printf("bench: end sendrec_round_trip\n");
    struct machine_info mi = { 0 };
    sys_machine(&mi);
    log_printf("bench: sendrec_round_trip iterations=%d total_cycles=%llu cycles_hz=%u\n", TRIPS,
               (unsigned long long)total, (unsigned)mi.cycles_hz);
    sys_poweroff();
    return 0;
}
