/* A few lines every POSIX test shares: each check prints one line, and the program's last line
 * says how many failed, so a person or a system test can read the result off the console. */
#ifndef TESTS_POSIX_CHECK_H
#define TESTS_POSIX_CHECK_H

#include <stdarg.h>
#include <stdio.h>

static int check_failures;
static const char *check_program = "posix";

#define CHECK(cond, ...) check_line(!!(cond), __FILE_NAME__, __LINE__, __VA_ARGS__)

__attribute__((format(printf, 4, 5)))
static inline void check_line(int ok, const char *file, int line, const char *fmt, ...)
{
    char what[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (ok) {
        printf("%s: ok: %s\n", check_program, what);
    } else {
        check_failures++;
        printf("%s: FAIL: %s (%s:%d)\n", check_program, what, file, line);
    }
}

/* The line a system test waits for. */
static inline int check_done(void)
{
    if (check_failures)
        printf("%s: %d FAILED\n", check_program, check_failures);
    else
        printf("%s: PASSED\n", check_program);
    fflush(stdout);
    return check_failures ? 1 : 0;
}

#endif
