/* Declarations of lib/common/string.c for freestanding code. */
#ifndef LIB_COMMON_STRING_H
#define LIB_COMMON_STRING_H
#include <stddef.h>
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
char *strcpy(char *dst, const char *src);
char *strncpy(char *dst, const char *src, size_t n);
int strncmp(const char *a, const char *b, size_t n);
size_t strnlen(const char *s, size_t max);
char *strchr(const char *s, int c);
char *strcat(char *dst, const char *src);
void *memchr(const void *s, int c, size_t n);
#endif
