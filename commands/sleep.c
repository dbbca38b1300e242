/* sleep: waits for a number of seconds, which may have a fraction. Usage: sleep seconds
 * A fraction needs nanosleep (POSIX timers); without it, it is rounded up to a second. */
#include <errno.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

/* "1", "0.5", "2.25": seconds and nanoseconds; -1 if it is not such a number. */
static int parse(const char *s, unsigned long *sec, long *nsec)
{
    long scale = 100000000;
    *sec = 0;
    *nsec = 0;
    if (!*s)
        return -1;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (*sec > 100000000)
            return -1;
        *sec = *sec * 10 + (unsigned long)(*s - '0');
    }
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++, scale /= 10)
            *nsec += (*s - '0') * scale;
    return *s ? -1 : 0;
}

static void sleep_fraction(long nsec)
{
#if defined(_POSIX_TIMERS) && _POSIX_TIMERS > 0
    struct timespec t = { 0, nsec };
    while (nanosleep(&t, &t) < 0 && errno == EINTR)
        ;
#else
    if (nsec > 0)
        sleep(1);
#endif
}

int main(int argc, char **argv)
{
    unsigned long sec;
    long nsec;
    if (argc != 2 || parse(argv[1], &sec, &nsec) < 0) {
        fputs("usage: sleep seconds\n", stderr);
        return 2;
    }
    while (sec > 0) {   /* sleep() ends early when a signal is handled */
        unsigned chunk = sec > 1000000 ? 1000000 : (unsigned)sec;
        sec -= chunk - sleep(chunk);
    }
    sleep_fraction(nsec);
    return 0;
}
