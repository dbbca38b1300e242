/* lib/sys as lib/posix sees it, faked on the build machine: the IPC trap hands each request to a
 * server the test installs, and grants are a table the server copies through, checked as the
 * kernel would check them. Every request is recorded with what its read grants held. */
#ifndef UNIT_POSIX_FAKE_SYS_H
#define UNIT_POSIX_FAKE_SYS_H

#include <libsys.h>

#define FAKE_CALLS   32
#define FAKE_IN_MAX  512

struct fake_call {
    endpoint_t to;
    message request;               /* as the library sent it */
    char in[2][FAKE_IN_MAX + 1];   /* grant's and grant2's bytes if readable, NUL added */
    size_t in_len[2];
    uint32_t access[2];            /* of grant and grant2, 0 if none was valid */
};
extern struct fake_call fake_calls[FAKE_CALLS];
extern int fake_nr_calls;

/* The VFS server: answers m (m_type and fields) and returns the trap's result. NULL: there is no
 * VFS, and the trap fails with fake_missing_error. */
typedef int (*fake_server)(message *m);
extern fake_server fake_vfs;
extern fake_server fake_pm;        /* PM likewise */
extern int fake_missing_error;

extern char fake_console[4096];    /* what the fake log server printed */
extern int fake_grant_room;        /* grant_make fails with -ENOSPC when this many are live */

void fake_reset(void);
int fake_live_grants(void);
/* The server's side of a grant of the endpoint being called: OK, or -ENOGRANT / -EFAULT. */
int fake_copy_from(grant_id_t g, size_t offset, void *dst, size_t len);
int fake_copy_to(grant_id_t g, size_t offset, const void *src, size_t len);
/* The last request, for the checks. */
const struct fake_call *fake_last(void);

#endif
