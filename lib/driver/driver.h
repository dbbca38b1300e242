/* The driver framework: a block or character driver is a table of callbacks; driver_task
 * does the start-up handshake with RS and runs the one message loop around them. */
#ifndef LIB_DRIVER_H
#define LIB_DRIVER_H

#include <libsys.h>

/* Who asked for what: a driver keeps this to answer a request that had to wait. */
struct dev_req {
    endpoint_t caller;
    uint32_t id;       /* the caller's name for the request */
    int async;         /* DEV_ASYNC: the caller collects the end with DEV_STATUS */
};

struct driver {
    const char *name;
    /* Each returns OK (or a byte count for transfer) or a negative error. Missing callbacks
     * answer -ENODEV (open, close are then always allowed). */
    int (*open)(unsigned minor, uint32_t access);
    int (*close)(unsigned minor);
    /* Moves count bytes between the device at pos and the caller's grant. */
    int (*transfer)(unsigned minor, int write, uint64_t pos, endpoint_t caller, grant_id_t grant,
                    uint32_t count);
    int (*ioctl)(unsigned minor, uint32_t request, endpoint_t caller, grant_id_t grant);
    /* SEL_* bits of ops ready now; a driver that returns none may keep driver_current() and
     * answer later with driver_reply(req, bits). Missing: always ready. */
    int (*select)(unsigned minor, uint32_t ops);
    /* Drops the waiting request (caller, id); OK if it was waiting, else -ENOENT. */
    int (*cancel)(endpoint_t caller, uint32_t id);
    void (*interrupt)(uint32_t irq_bits);   /* a notification from HARDWARE */
    void (*alarm)(void);                    /* a notification from CLOCK */
    int (*init)(int argc, char **argv);     /* before the handshake; an error ends the driver */
};

/* A call that cannot finish now (a read waiting for input) returns DRIVER_SUSPEND after
 * keeping *driver_current(), and answers later with driver_reply. */
#define DRIVER_SUSPEND (-100000)
const struct dev_req *driver_current(void);
void driver_reply(const struct dev_req *req, int status);

_Noreturn void driver_task(const struct driver *d, int argc, char **argv);

#endif
