/* The receive loop every server runs: notifications to one handler, requests to another. */
#include <libsys.h>

_Noreturn void serve(void (*on_notify)(const message *m), void (*on_request)(message *m))
{
    for (;;) {
        message m;
        if (ipc_receive(ANY, &m) != OK)
            continue;
        if (m.m_type == NOTIFY_MESSAGE) {
            if (!rs_heartbeat(&m) && on_notify)
                on_notify(&m);
        } else if (!fi_check(&m)) {
            on_request(&m);
        }
    }
}
