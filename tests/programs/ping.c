/* ping: rounds of SENDREC round trips to pong (argv[1] is pong's endpoint), each reply checked. */
#include <libsys.h>

#define ROUNDS 20
#define TRIPS 2000

int main(int argc, char **argv)
{
    endpoint_t pong = arg_endpoint(argc, argv, 1);
    if (pong == NONE) {
        log_printf("ping: no pong endpoint given\n");
        return 1;
    }
    uint32_t counter = 0;
    for (int round = 1; round <= ROUNDS; round++) {
        for (int i = 0; i < TRIPS; i++) {
            message m = { .m_type = 1 };
            m.m.u32[0] = counter;
            int r = ipc_sendrec(pong, &m);
            if (r != OK || m.m_source != pong || m.m.u32[0] != counter + 1 ||
                m.m.u32[13] != ((counter + 1) ^ 0x5a5a5a5a)) {
                log_printf("ping: FAIL round %d trip %d: %s\n", round, i, err_name(r));
                return 1;
            }
            counter++;
        }
        log_printf("ping: round %d: %d round trips with pong ok\n", round, TRIPS);
    }
    log_printf("ping: done, %u messages checked\n", (unsigned)counter);
    return 0;
}
