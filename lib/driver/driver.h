/* The driver framework: a block or character driver is a table of callbacks; driver_task
 * does the start-up handshake with RS and runs the one message loop around them. */
#ifndef LIB_DRIVER_H
#define LIB_DRIVER_H

#include <libsys.h>

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
    void (*interrupt)(uint32_t irq_bits);   /* a notification from HARDWARE */
    void (*alarm)(void);                    /* a notification from CLOCK */
    int (*init)(int argc, char **argv);     /* before the handshake; an error ends the driver */
};

/* A transfer that cannot finish now (a read waiting for input) returns DRIVER_SUSPEND and
 * answers later with driver_reply. */
#define DRIVER_SUSPEND (-100000)
void driver_reply(endpoint_t caller, int status);

_Noreturn void driver_task(const struct driver *d, int argc, char **argv);

#endif
