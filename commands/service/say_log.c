/* The service command's output in images without VFS: everything to the log server. */
#include <libsys.h>
#include <stdarg.h>
#include "../../lib/common/fmt.h"
#include "say.h"

static void log_text(const char *fmt, va_list ap)
{
    char text[160];
    fmt_vsnprintf(text, sizeof text, fmt, ap);
    log_printf("%s", text);
}

void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_text(fmt, ap);
    va_end(ap);
}

void complain(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_text(fmt, ap);
    va_end(ap);
}
