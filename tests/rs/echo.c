/* echo: a test service. It counts the pings it answered, keeps the count in DS as private
 * state, gets it back after a restart, and crashes or hangs on request. */
#include <libsys.h>

#define ECHO_PING  0x700
#define ECHO_CRASH 0x701
#define ECHO_HANG  0x702

int main(void)
{
    uint32_t count = 0;
    int r = ds_retrieve_u32("echo.count", &count);
    log_printf("echo: started, count %u (%s)\n", (unsigned)count, r == OK ? "from DS" : "new");
    rs_init_done();
    for (;;) {
        message m;
        if (ipc_receive(ANY, &m) != OK || rs_heartbeat(&m) || m.m_type == NOTIFY_MESSAGE)
            continue;
        if (m.m_type == ECHO_CRASH) {
            volatile int *p = 0;
            *p = 1;
        }
        if (m.m_type == ECHO_HANG)
            for (;;)
                ;   /* hung: only RS's heartbeat can tell */
        if (m.m_type == ECHO_PING) {
            count++;
            ds_publish_u32("echo.count", count, DSF_PRIVATE | DSF_OVERWRITE);
            m.m.u32[0] = count;
            m.m_type = OK;
        } else {
            m.m_type = -EBADREQUEST;
        }
        ipc_sendnb(m.m_source, &m);
    }
}
