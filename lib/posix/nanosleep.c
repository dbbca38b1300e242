/* Sleeps shorter than a second: a select on no descriptors, which VFS times with the clock.
 * Without VFS, whole seconds through PM's alarm. */
#include <errno.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

int nanosleep(const struct timespec *req, struct timespec *rem)
{
    if (!req || req->tv_nsec < 0 || req->tv_nsec >= 1000000000L || req->tv_sec < 0) {
        errno = EINVAL;
        return -1;
    }
    struct timeval tv = { req->tv_sec, (req->tv_nsec + 999) / 1000 };
    int r = select(0, NULL, NULL, NULL, &tv);
    if (r < 0 && errno != EINTR) {
        unsigned left = sleep((unsigned)req->tv_sec + (req->tv_nsec > 0));
        r = left ? -1 : 0;
        if (left)
            errno = EINTR;
    }
    if (rem)
        rem->tv_sec = 0, rem->tv_nsec = 0;
    return r < 0 ? -1 : 0;
}

int usleep(useconds_t us)
{
    struct timespec ts = { us / 1000000, (long)(us % 1000000) * 1000 };
    return nanosleep(&ts, NULL);
}
