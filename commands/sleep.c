/* sleep: waits for a number of seconds, which may have a fraction. Usage: sleep seconds */
#include <errno.h>
#include <stdio.h>
#include <time.h>

/* "1", "0.5", "2.25": seconds and nanoseconds; -1 if it is not such a number. */
static int parse(const char *s, struct timespec *t)
{
    long sec = 0, nsec = 0, scale = 100000000;
    if (!*s)
        return -1;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (sec > 100000000)
            return -1;
        sec = sec * 10 + (*s - '0');
    }
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++, scale /= 10)
            nsec += (*s - '0') * scale;
    if (*s)
        return -1;
    t->tv_sec = sec;
    t->tv_nsec = nsec;
    return 0;
}

int main(int argc, char **argv)
{
    struct timespec t;
    if (argc != 2 || parse(argv[1], &t) < 0) {
        fputs("usage: sleep seconds\n", stderr);
        return 2;
    }
    while (nanosleep(&t, &t) < 0) {
        if (errno != EINTR) {
            perror("sleep");
            return 1;
        }
    }
    return 0;
}
