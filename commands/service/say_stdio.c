/* The service command's output for /bin/service: stdout, errors on stderr. */
#include <stdarg.h>
#include <stdio.h>
#include "say.h"

void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
}

void complain(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fflush(stdout);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}
