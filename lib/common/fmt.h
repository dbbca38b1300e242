/* A small vsnprintf for the kernel and the system library (no floating point).
 * Supports %d %i %u %x %X %p %s %c %% with width, '0' and '-' flags, and the l and ll modifiers. */
#ifndef LIB_COMMON_FMT_H
#define LIB_COMMON_FMT_H

#include <stdarg.h>
#include <stddef.h>

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
