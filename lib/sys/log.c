/* log_printf: formats a line and sends it to the log server in message-sized pieces. */
#include <libsys.h>
#include "../common/fmt.h"
#include "../common/string.h"

void log_printf(const char *fmt, ...)
{
    char text[256];
    va_list ap;
    va_start(ap, fmt);
    int n = fmt_vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof text - 1)
        n = sizeof text - 1;
    for (int off = 0; off < n;) {
        message m;
        memset(&m, 0, sizeof m);
        uint32_t len = (uint32_t)(n - off);
        if (len > sizeof m.m.log.text)
            len = sizeof m.m.log.text;
        m.m_type = LOG_WRITE;
        m.m.log.len = len;
        memcpy(m.m.log.text, text + off, len);
        if (ipc_sendrec(LOG_PROC, &m) != OK)
            return;
        off += (int)len;
    }
}

const char *err_name(int err)
{
    switch (-err) {
    case OK: return "OK";
    case EPERM: return "EPERM";
    case EFAULT: return "EFAULT";
    case EINVAL: return "EINVAL";
    case EAGAIN: return "EAGAIN";
    case EDEADLK: return "EDEADLK";
    case EDEADSRCDST: return "EDEADSRCDST";
    case ENOTREADY: return "ENOTREADY";
    case ETRAPDENIED: return "ETRAPDENIED";
    case EDSTDENIED: return "EDSTDENIED";
    case ECALLDENIED: return "ECALLDENIED";
    case EBADREQUEST: return "EBADREQUEST";
    case ENOGRANT: return "ENOGRANT";
    case EIOPERM: return "EIOPERM";
    case EBADEPT: return "EBADEPT";
    case ESRCH: return "ESRCH";
    case ENOENT: return "ENOENT";
    case ENOMEM: return "ENOMEM";
    case ENOSPC: return "ENOSPC";
    case EEXIST: return "EEXIST";
    case EBUSY: return "EBUSY";
    case ECHILD: return "ECHILD";
    case EINTR: return "EINTR";
    case ENOEXEC: return "ENOEXEC";
    case E2BIG: return "E2BIG";
    case EACCES: return "EACCES";
    default: return "E?";
    }
}
