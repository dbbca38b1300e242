/* The fake back end's controls and records: what the kernel did to the "hardware", so tests
 * can check it, and the knobs that make the hardware misbehave. */
#ifndef UNIT_FAKE_H
#define UNIT_FAKE_H

#include <stdint.h>
#include <arch/proc.h>

#define FAKE_RO_VA      (FAKE_USER_VA + FAKE_USER_SIZE - FAKE_PAGE_SIZE)  /* last page: read-only */
#define FAKE_POOL_BASE  0x40000000u   /* "physical" pages for the kernel's page pool */
#define FAKE_POOL_PAGES 64
#define FAKE_IRQ_LINES  16
#define FAKE_TIMER_IRQ  0

struct fake_io {               /* one arch_port_io call */
    uint32_t port, width, write, value;
};

#define FAKE_IO_LOG 32
extern struct fake_io fake_io_log[FAKE_IO_LOG];
extern unsigned fake_io_count;
extern uint32_t fake_io_read_value;   /* what port reads return */

extern uint32_t fake_irq_masked;      /* bit per line */
extern unsigned fake_eoi_count;
extern unsigned fake_map_count;       /* arch_mm_map calls */
extern char fake_console[8192];

void fake_reset(void);

#endif
