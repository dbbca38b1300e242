/* ARM SP804 dual timer as the CLOCK tick and the counter: the first timer of the pair ticks
 * periodically, the second runs free (down from 2^32 - 1) and is widened to 64 bits. */
#include "../../kernel/board.h"
#include "../../arch/arm/arm.h"
#include "board_config.h"

#define TIMER1       0x00
#define TIMER2       0x20
#define T_LOAD       0x00
#define T_VALUE      0x04
#define T_CONTROL    0x08
#define T_INTCLR     0x0c
#define CTL_32BIT    (1u << 1)
#define CTL_IE       (1u << 5)
#define CTL_PERIODIC (1u << 6)
#define CTL_ENABLE   (1u << 7)

static uint32_t last_count;   /* the free-running timer's value at the last look */
static uint64_t elapsed;      /* counts since it started, up to last_count */

uint32_t board_counter_hz(void)
{
    return SP804_HZ;
}

/* Must be called at least once per wrap (71 minutes at 1 MHz); the tick does. */
uint64_t board_counter(void)
{
    uint32_t now = mmio_read(SP804_BASE + TIMER2 + T_VALUE);
    elapsed += (uint32_t)(last_count - now);   /* it counts down; unsigned wrap is right */
    last_count = now;
    return elapsed;
}

void board_timer_init(unsigned hz)
{
    mmio_write(SP804_BASE + TIMER1 + T_CONTROL, 0);
    mmio_write(SP804_BASE + TIMER2 + T_CONTROL, 0);
    mmio_write(SP804_BASE + TIMER2 + T_LOAD, 0xffffffffu);
    mmio_write(SP804_BASE + TIMER2 + T_CONTROL, CTL_32BIT | CTL_ENABLE);   /* free-running */
    last_count = mmio_read(SP804_BASE + TIMER2 + T_VALUE);
    mmio_write(SP804_BASE + TIMER1 + T_INTCLR, 1);
    mmio_write(SP804_BASE + TIMER1 + T_LOAD, SP804_HZ / hz);
    mmio_write(SP804_BASE + TIMER1 + T_CONTROL, CTL_32BIT | CTL_IE | CTL_PERIODIC | CTL_ENABLE);
    board_irq_unmask(TIMER_IRQ);
}

unsigned board_timer_irq(void)
{
    return TIMER_IRQ;
}

/* Periodic mode reloads by itself; we clear the interrupt and keep the counter's high bits. */
void board_timer_ack(void)
{
    mmio_write(SP804_BASE + TIMER1 + T_INTCLR, 1);
    board_counter();
}
