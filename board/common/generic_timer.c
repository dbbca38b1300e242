/* The ARMv7 generic timer (Cortex-A7, A15) as the CLOCK tick and the cycle counter: the
 * virtual timer, which PL1 may always use, with its compare value stepped a period at a time. */
#include "../../kernel/board.h"
#include "../../arch/arm/arm.h"
#include "board_config.h"

static uint64_t period, next_tick;

static uint64_t read_cntvct(void)
{
    uint32_t lo, hi;
    isb();
    __asm__ volatile("mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
    return (uint64_t)hi << 32 | lo;
}

static void write_cntv_cval(uint64_t v)
{
    __asm__ volatile("mcrr p15, 3, %0, %1, c14" : : "r"((uint32_t)v), "r"((uint32_t)(v >> 32)));
    isb();
}

uint32_t board_counter_hz(void)
{
    return CP15_READ(c14, 0, c0, 0);   /* CNTFRQ, set by the firmware or QEMU */
}

uint64_t board_counter(void)
{
    return read_cntvct();
}

void board_timer_init(unsigned hz)
{
    period = board_counter_hz() / hz;
    next_tick = read_cntvct() + period;
    write_cntv_cval(next_tick);
    CP15_WRITE(c14, 0, c3, 1, 1);      /* CNTV_CTL: enabled, not masked */
    isb();
    board_irq_unmask(TIMER_IRQ);
}

unsigned board_timer_irq(void)
{
    return TIMER_IRQ;
}

/* The next compare value; after a long stall, skip the missed ticks rather than storm. */
void board_timer_ack(void)
{
    uint64_t now = read_cntvct();
    next_tick += period;
    if (next_tick <= now)
        next_tick = now + period;
    write_cntv_cval(next_tick);
}
