/* What the SD protocol layer (sd.c) needs from a host controller back end (pl181.c, ...):
 * power and clock, one command with its response, and data moved by PIO. */
#ifndef DRIVERS_SD_HOST_H
#define DRIVERS_SD_HOST_H

#include <blockdev.h>

enum sd_response {
    RESP_NONE,
    RESP_SHORT,         /* 48 bits with CRC: R1, R1b, R6, R7 */
    RESP_SHORT_NOCRC,   /* 48 bits whose CRC field is all ones: R3 (the OCR) */
    RESP_LONG,          /* 136 bits: R2 (CID, CSD) */
};

struct sd_host_ops {
    const char *name;
    /* Takes the controller's registers (sd.c maps them), resets it, powers the card and
     * sets the identification clock; again after a hung transfer, before the card is
     * identified again. */
    void (*reset)(volatile uint32_t *regs);
    /* Identification done: the card may run at full speed. */
    void (*fast_clock)(void);
    /* Sends command `index` and waits for its response: resp[0] holds bits 127..96 of a
     * long response, or the 32 bits of a short one. Errors: -EAGAIN, the card did not answer
     * in time (the same for data), -EIO, the controller saw a bad CRC or the card an error. */
    int (*command)(unsigned index, uint32_t arg, enum sd_response kind, uint32_t resp[4]);
    /* Gets the data path ready for `bytes` in blocks of 512, before the command that moves
     * them (a read's data may come at once; some hosts send a data command differently). */
    void (*start_data)(int write, uint32_t bytes);
    /* Moves the data of the transfer started last through the FIFO, and waits for its end. */
    int (*read_data)(uint8_t *buf, uint32_t bytes);
    int (*write_data)(const uint8_t *buf, uint32_t bytes);
    /* The index of the command sent last, its argument, the bytes of data set for it and
     * their direction (1 to the card, 0 from it, -1 not shown), read back from the
     * controller's registers. */
    unsigned (*sent)(uint32_t *arg, uint32_t *bytes, int *write);
    /* Raises the controller's interrupt once the transfer started last has ended (it may
     * have already); irq_done takes it down again. */
    void (*irq_arm)(void);
    void (*irq_done)(void);
};

extern const struct sd_host_ops pl181_host, sunxi_host;

#endif
