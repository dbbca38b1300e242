/* newlib's <time.h> plus nanosleep, which it declares only with POSIX timers; lib/posix has it. */
#ifndef LIB_POSIX_TIME_H
#define LIB_POSIX_TIME_H
#include_next <time.h>
int nanosleep(const struct timespec *req, struct timespec *rem);
#endif
