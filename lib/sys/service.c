/* What every service does with RS: tell it when initialisation is done. */
#include <libsys.h>

int rs_init_done(void)
{
    message m = { 0 };
    m.m_type = RS_INIT_DONE;
    int r = ipc_sendrec(RS_PROC, &m);
    return r != OK ? r : m.m_type;
}
