/* Time: CPU times from PM, and the time of day, which until there is a clock server is the
 * time since boot. */
#include <errno.h>
#include <time.h>
#include "posix.h"

/* In CLOCKS_PER_SEC units, which newlib's clock() and CLK_TCK take them to be. */
clock_t _times(struct tms *buf)
{
    message m = { 0 };
    if (posix_call(PM_PROC, PM_TIMES, &m) < 0)
        return (clock_t)-1;
    if (buf) {
        buf->tms_utime = posix_ticks_to_clock((uint32_t)m.m.pm.out[0]);
        buf->tms_stime = posix_ticks_to_clock((uint32_t)m.m.pm.out[1]);
        buf->tms_cutime = posix_ticks_to_clock((uint32_t)m.m.pm.out[2]);
        buf->tms_cstime = posix_ticks_to_clock((uint32_t)m.m.pm.out[3]);
    }
    return posix_ticks_to_clock((uint32_t)m.m.pm.out[4]);
}

int _gettimeofday(struct timeval *tv, void *tz)
{
    (void)tz;
    message m = { 0 };
    if (posix_call(PM_PROC, PM_TIMES, &m) < 0)
        return -1;
    uint32_t ticks = (uint32_t)m.m.pm.out[4], hz = KERNEL_HZ;
    if (tv) {
        tv->tv_sec = (time_t)(ticks / hz);
        tv->tv_usec = (suseconds_t)((uint64_t)(ticks % hz) * 1000000 / hz);
    }
    return 0;
}
