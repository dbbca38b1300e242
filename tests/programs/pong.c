/* pong: answers every request with its counter plus one (the other half of ping). */
#include <libsys.h>

int main(void)
{
    for (;;) {
        message m;
        if (ipc_receive(ANY, &m) != OK || rs_heartbeat(&m) || m.m_type == NOTIFY_MESSAGE)
            continue;
        endpoint_t to = m.m_source;
        m.m_type = OK;
        m.m.u32[0]++;
        m.m.u32[13] = m.m.u32[0] ^ 0x5a5a5a5a;
        ipc_sendnb(to, &m);
    }
}
