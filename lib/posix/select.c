/* select: the descriptor sets travel to VFS as bit masks in a struct vfs_select, which comes
 * back with the ready ones; VFS covers descriptors below 64 (newlib's FD_SETSIZE). */
#include <stdint.h>
#include <sys/select.h>
#include "posix.h"

#define SELECT_FDS 64

static void to_bits(uint32_t bits[2], const fd_set *set, int nfds)
{
    bits[0] = bits[1] = 0;
    for (int fd = 0; set && fd < nfds; fd++)
        if (FD_ISSET(fd, set))
            bits[fd / 32] |= 1u << (fd % 32);
}

/* Only the first nfds descriptors are the caller's question, so only they change. */
static void from_bits(fd_set *set, const uint32_t bits[2], int nfds)
{
    for (int fd = 0; set && fd < nfds; fd++) {
        if (bits[fd / 32] & (1u << (fd % 32)))
            FD_SET(fd, set);
        else
            FD_CLR(fd, set);
    }
}

/* Rounded up to whole milliseconds, so a short wait never becomes a poll. */
static int timeout_ms(const struct timeval *tv, int32_t *ms)
{
    if (!tv) {
        *ms = -1;
        return OK;
    }
    if (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= 1000000)
        return -EINVAL;
    uint64_t t = (uint64_t)tv->tv_sec * 1000 + ((uint64_t)tv->tv_usec + 999) / 1000;
    *ms = t > INT32_MAX ? INT32_MAX : (int32_t)t;
    return OK;
}

int select(int nfds, fd_set *rd, fd_set *wr, fd_set *ex, struct timeval *timeout)
{
    struct vfs_select s;
    if (nfds < 0 || nfds > SELECT_FDS)
        return posix_fail(-EINVAL);
    int r = timeout_ms(timeout, &s.timeout_ms);
    if (r < 0)
        return posix_fail(r);
    s.nfds = (uint32_t)nfds;
    to_bits(s.readfds, rd, nfds);
    to_bits(s.writefds, wr, nfds);
    to_bits(s.exceptfds, ex, nfds);
    message m = { 0 };
    struct vfs_span both = { &s, sizeof s, GRANT_READ | GRANT_WRITE };
    r = vfs_request(VFS_SELECT, &m, both, VFS_NO_SPAN);
    if (r < 0)
        return -1;
    from_bits(rd, s.readfds, nfds);
    from_bits(wr, s.writefds, nfds);
    from_bits(ex, s.exceptfds, nfds);
    return r;
}
