/* The few C library functions and error numbers the ext2 code uses: libc serves them on the
 * host, lib/common/string.c in the OS build. Nothing else of a C library is assumed. */
#ifndef EXT2_SUPPORT_H
#define EXT2_SUPPORT_H
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

#include "../../include/os/errno.h"
#endif
