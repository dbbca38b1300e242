/* exec: the path, arguments and environment go to PM in one buffer it reads through a grant;
 * the exec* variants are wrappers, since newlib only has the execve hook. */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>
#include "posix.h"

#define EXEC_LIST_MAX 128    /* arguments the execl variants take */

static int put(char *buf, size_t *len, const char *s)
{
    size_t n = strlen(s) + 1;
    if (n > EXEC_ARGS_MAX - *len)
        return -1;
    memcpy(buf + *len, s, n);
    *len += n;
    return 0;
}

static int put_list(char *buf, size_t *len, char *const list[], int *count)
{
    for (*count = 0; list && list[*count]; (*count)++)
        if (put(buf, len, list[*count]) < 0)
            return -1;
    return 0;
}

/* [path\0 argv0\0 ... envp0\0 ...], argc and envc: PM lays out the new stack from them. */
int _execve(const char *path, char *const argv[], char *const envp[])
{
    char buf[EXEC_ARGS_MAX];   /* on the stack, which is never copy-on-write */
    size_t len = 0;
    int argc, envc;
    if (!path)
        return posix_fail(-EFAULT);
    if (!*path)
        return posix_fail(-ENOENT);
    if (put(buf, &len, path) < 0 || put_list(buf, &len, argv, &argc) < 0 ||
        put_list(buf, &len, envp, &envc) < 0)
        return posix_fail(-E2BIG);
    posix_touch(buf, len);
    grant_id_t g = grant_make(PM_PROC, buf, len, GRANT_READ);
    if (g < 0)
        return posix_fail(g);
    message m = { 0 };
    m.m.pm.grant = g;
    m.m.pm.len = (uint32_t)len;
    m.m.pm.arg = argc;
    m.m.pm.set = (uint32_t)envc;
    posix_call(PM_PROC, PM_EXEC, &m);   /* returns only if the exec failed */
    grant_revoke(g);
    return -1;
}

int execv(const char *path, char *const argv[])
{
    return execve(path, argv, environ);
}

/* PM finds programs by their base name in the boot image until there is a file system, so
 * there is no PATH to search: the p variants are the plain ones. */
int execvp(const char *file, char *const argv[])
{
    return execve(file, argv, environ);
}

/* Collects arg0 and the arguments after it up to the NULL, leaving *ap just past that NULL;
 * returns their count, or -1 if there are too many. */
static int collect(char *list[EXEC_LIST_MAX], const char *arg0, va_list *ap)
{
    int n = 0;
    for (const char *a = arg0; a; a = va_arg(*ap, const char *)) {
        if (n == EXEC_LIST_MAX - 1)
            return -1;
        list[n++] = (char *)a;
    }
    list[n] = NULL;
    return n;
}

int execl(const char *path, const char *arg0, ...)
{
    char *list[EXEC_LIST_MAX];
    va_list ap;
    va_start(ap, arg0);
    int n = collect(list, arg0, &ap);
    va_end(ap);
    return n < 0 ? posix_fail(-E2BIG) : execve(path, list, environ);
}

int execlp(const char *file, const char *arg0, ...)
{
    char *list[EXEC_LIST_MAX];
    va_list ap;
    va_start(ap, arg0);
    int n = collect(list, arg0, &ap);
    va_end(ap);
    return n < 0 ? posix_fail(-E2BIG) : execve(file, list, environ);
}

/* The environment follows the NULL that ends the arguments. */
int execle(const char *path, const char *arg0, ...)
{
    char *list[EXEC_LIST_MAX];
    va_list ap;
    va_start(ap, arg0);
    int n = collect(list, arg0, &ap);
    char *const *envp = n < 0 ? NULL : va_arg(ap, char *const *);
    va_end(ap);
    return n < 0 ? posix_fail(-E2BIG) : execve(path, list, envp);
}
