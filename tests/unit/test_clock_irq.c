/* CLOCK alarms and interrupts as notifications: an alarm notifies after its ticks and can
 * be cancelled; an interrupt line notifies its driver and stays masked until re-enabled. */
#include "harness.h"

static int setup(void **state)
{
    (void)state;
    h_reset();
    return 0;
}

static int set_alarm(struct proc *p, uint32_t ticks, uint32_t *remaining)
{
    message m = { .m_type = SYS_SETALARM };
    m.m.setalarm.ticks = ticks;
    int r = h_kcall(p, &m);
    *remaining = m.m.setalarm.remaining;
    return r;
}

static void alarm_notifies_after_its_ticks(void **state)
{
    (void)state;
    struct proc *p = h_spawn("p", 8);
    uint32_t left;
    h_allow_calls(p, SYS_SETALARM);
    assert_int_equal(set_alarm(p, 3, &left), OK);
    assert_int_equal(left, 0);
    clock_tick();
    clock_tick();
    assert_false(slot_bit(p->notify_pending, ENDPOINT_SLOT(CLOCK)));
    clock_tick();
    assert_true(slot_bit(p->notify_pending, ENDPOINT_SLOT(CLOCK)));
    assert_int_equal(h_call(p, IPC_RECEIVE, ANY), OK);
    assert_int_equal(h_msg(p)->m_source, CLOCK);
    assert_int_equal(h_msg(p)->m_type, NOTIFY_MESSAGE);
}

static void alarm_can_be_cancelled(void **state)
{
    (void)state;
    struct proc *p = h_spawn("p", 8);
    uint32_t left;
    h_allow_calls(p, SYS_SETALARM);
    set_alarm(p, 5, &left);
    clock_tick();
    assert_int_equal(set_alarm(p, 0, &left), OK);
    assert_int_equal(left, 4);
    for (int i = 0; i < 10; i++)
        clock_tick();
    assert_false(slot_bit(p->notify_pending, ENDPOINT_SLOT(CLOCK)));
}

static int irqctl(struct proc *p, uint32_t op, uint32_t line, uint32_t hook)
{
    message m = { .m_type = SYS_IRQCTL };
    m.m.irqctl = (struct kc_irqctl){ op, line, hook };
    return h_kcall(p, &m);
}

static void interrupt_is_a_notification(void **state)
{
    (void)state;
    struct proc *drv = h_spawn("drv", 8), *other = h_spawn("other", 8);
    h_allow_calls(drv, SYS_IRQCTL);
    h_allow_calls(other, SYS_IRQCTL);
    drv->priv.irq[0] = 4;
    assert_int_not_equal(irqctl(other, IRQ_SETPOLICY, 4, 0), OK);   /* not its line */
    assert_int_equal(irqctl(drv, IRQ_SETPOLICY, 4, 3), OK);
    assert_false(fake_irq_masked & (1u << 4));   /* registering enables the line */
    kernel_irq(4);
    assert_true(fake_irq_masked & (1u << 4));    /* masked until the driver says so */
    assert_int_equal(h_call(drv, IPC_RECEIVE, ANY), OK);
    assert_int_equal(h_msg(drv)->m_source, HARDWARE);
    assert_int_equal(h_msg(drv)->m.notify.irq_pending, 1u << 3);
    assert_int_equal(irqctl(drv, IRQ_ENABLE, 4, 0), OK);
    assert_false(fake_irq_masked & (1u << 4));
}

static void driver_death_releases_its_line(void **state)
{
    (void)state;
    struct proc *drv = h_spawn("drv", 8);
    h_allow_calls(drv, SYS_IRQCTL);
    drv->priv.irq[0] = 5;
    irqctl(drv, IRQ_SETPOLICY, 5, 0);
    proc_kill(drv, "test");
    assert_true(fake_irq_masked & (1u << 5));
    kernel_irq(5);   /* nobody to notify: nothing happens */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(alarm_notifies_after_its_ticks, setup),
        cmocka_unit_test_setup(alarm_can_be_cancelled, setup),
        cmocka_unit_test_setup(interrupt_is_a_notification, setup),
        cmocka_unit_test_setup(driver_death_releases_its_line, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
