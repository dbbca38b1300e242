/* The fake back end and board the unit tests run the generic kernel on: per-process user
 * memory, a page pool, and a record of what the kernel did to the hardware. */
#ifndef UNIT_FAKE_H
#define UNIT_FAKE_H

#include <stdint.h>

#define FAKE_USER_VA    0x00100000u   /* every process's memory: [VA, VA + SIZE) */
#define FAKE_USER_SIZE  0x00010000u
#define FAKE_RO_VA      (FAKE_USER_VA + 0xf000)   /* its last page is read-only */
#define FAKE_POOL_BASE  0x40000000u   /* "physical" pages for the kernel's pool */
#define FAKE_POOL_PAGES 64

extern uint8_t fake_user_mem[][FAKE_USER_SIZE];
extern uint32_t fake_irq_masked;      /* bit per line */
extern unsigned fake_eoi_count;
extern uint32_t fake_last_port, fake_last_value, fake_port_calls;
extern char fake_console[8192];

void fake_reset(void);

#endif
