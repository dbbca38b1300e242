/* Interrupts as notifications: a driver hooks a line it is allowed; the interrupt masks the
 * line and notifies the driver from HARDWARE; the line stays masked until IRQ_ENABLE. */
#include "harness.h"

#define LINE 4

static int irqctl(struct proc *p, uint32_t op, uint32_t line, uint32_t hook)
{
    message m = { .m_type = SYS_IRQCTL };
    m.m.irqctl = (struct kc_irqctl){ op, line, hook };
    return h_kcall(p, &m);
}

static int masked(unsigned line)
{
    return (fake_irq_masked >> line) & 1u;
}

/* A driver allowed the given lines, holding none yet. */
static struct proc *spawn_driver(const char *name, int line0, int line1)
{
    struct proc *p = h_spawn(name, 4);
    h_allow_call(p, SYS_IRQCTL);
    p->priv.irq[0] = line0;
    p->priv.irq[2] = line1;
    return p;
}

static void only_allowed_lines_can_be_hooked(void **state)
{
    (void)state;
    struct proc *drv = spawn_driver("drv", LINE, -1), *other = spawn_driver("other", 5, -1);
    assert_int_equal(irqctl(other, IRQ_SETPOLICY, LINE, 0), -EIOPERM);
    assert_int_equal(irqctl(drv, IRQ_SETPOLICY, FAKE_TIMER_IRQ, 0), -EINVAL);   /* the clock's */
    assert_int_equal(irqctl(drv, IRQ_SETPOLICY, FAKE_IRQ_LINES, 0), -EINVAL);
    assert_int_equal(irqctl(drv, IRQ_SETPOLICY, LINE, 32), -EINVAL);            /* no such bit */
    assert_true(masked(LINE));
    assert_int_equal(irqctl(drv, IRQ_SETPOLICY, LINE, 3), OK);
    assert_false(masked(LINE));   /* hooking enables the line */
    assert_int_equal(irqctl(drv, IRQ_SETPOLICY, LINE, 1), -EBUSY);
}

static void interrupt_notifies_the_driver_from_hardware(void **state)
{
    (void)state;
    struct proc *drv = spawn_driver("drv", LINE, -1);
    assert_int_equal(irqctl(drv, IRQ_SETPOLICY, LINE, 3), OK);
    kernel_irq(LINE);
    assert_int_equal(fake_eoi_count, 1);
    assert_true(slot_bit(drv->notify_pending, ENDPOINT_SLOT(HARDWARE)));
    assert_int_equal(h_call(drv, IPC_RECEIVE, ANY), OK);
    assert_int_equal(h_msg(drv)->m_source, HARDWARE);
    assert_int_equal(h_msg(drv)->m_type, NOTIFY_MESSAGE);
    assert_int_equal(h_msg(drv)->m.notify.irq_pending, 1u << 3);
    assert_int_equal(drv->irq_pending, 0);   /* consumed by the delivery */
}

static void interrupt_wakes_a_waiting_driver(void **state)
{
    (void)state;
    struct proc *drv = spawn_driver("drv", LINE, -1);
    irqctl(drv, IRQ_SETPOLICY, LINE, 0);
    assert_int_equal(h_call(drv, IPC_RECEIVE, HARDWARE), H_BLOCKED);
    kernel_irq(LINE);
    assert_int_equal(h_result(drv), OK);
    assert_int_equal(h_msg(drv)->m_source, HARDWARE);
    assert_int_equal(h_msg(drv)->m.notify.irq_pending, 1u);
}

static void line_stays_masked_until_irq_enable(void **state)
{
    (void)state;
    struct proc *drv = spawn_driver("drv", LINE, -1);
    irqctl(drv, IRQ_SETPOLICY, LINE, 0);
    kernel_irq(LINE);
    assert_true(masked(LINE));
    assert_int_equal(h_call(drv, IPC_RECEIVE, ANY), OK);
    assert_true(masked(LINE));   /* taking the notification is not enough */
    h_tick();
    assert_true(masked(LINE));
    assert_int_equal(irqctl(drv, IRQ_ENABLE, LINE, 0), OK);
    assert_false(masked(LINE));
    assert_int_equal(irqctl(drv, IRQ_DISABLE, LINE, 0), OK);
    assert_true(masked(LINE));
}

static void only_the_owner_controls_the_line(void **state)
{
    (void)state;
    struct proc *drv = spawn_driver("drv", LINE, -1), *other = spawn_driver("other", LINE, -1);
    irqctl(drv, IRQ_SETPOLICY, LINE, 0);
    kernel_irq(LINE);
    assert_int_equal(irqctl(other, IRQ_ENABLE, LINE, 0), -EINVAL);
    assert_true(masked(LINE));
    assert_int_equal(irqctl(other, IRQ_RMPOLICY, LINE, 0), -EINVAL);
    assert_false(slot_bit(other->notify_pending, ENDPOINT_SLOT(HARDWARE)));
}

static void two_lines_pile_up_in_one_notification(void **state)
{
    (void)state;
    struct proc *drv = spawn_driver("drv", LINE, 7);
    irqctl(drv, IRQ_SETPOLICY, LINE, 1);
    irqctl(drv, IRQ_SETPOLICY, 7, 5);
    kernel_irq(LINE);
    kernel_irq(7);
    assert_int_equal(h_call(drv, IPC_RECEIVE, ANY), OK);
    assert_int_equal(h_msg(drv)->m.notify.irq_pending, (1u << 1) | (1u << 5));
    assert_int_equal(h_call(drv, IPC_RECEIVE, ANY), H_BLOCKED);   /* coalesced */
}

static void removing_the_hook_masks_the_line(void **state)
{
    (void)state;
    struct proc *drv = spawn_driver("drv", LINE, -1);
    irqctl(drv, IRQ_SETPOLICY, LINE, 0);
    assert_int_equal(irqctl(drv, IRQ_RMPOLICY, LINE, 0), OK);
    assert_true(masked(LINE));
    kernel_irq(LINE);
    assert_false(slot_bit(drv->notify_pending, ENDPOINT_SLOT(HARDWARE)));
    assert_int_equal(irqctl(drv, IRQ_ENABLE, LINE, 0), -EINVAL);
}

static void shared_line_notifies_every_owner(void **state)
{
    (void)state;
    struct proc *a = spawn_driver("a", LINE, -1), *b = spawn_driver("b", LINE, -1);
    irqctl(a, IRQ_SETPOLICY, LINE, 2);
    irqctl(b, IRQ_SETPOLICY, LINE, 6);
    kernel_irq(LINE);
    assert_int_equal(a->irq_pending, 1u << 2);
    assert_int_equal(b->irq_pending, 1u << 6);
    irqctl(a, IRQ_ENABLE, LINE, 0);
    assert_int_equal(irqctl(a, IRQ_RMPOLICY, LINE, 0), OK);
    assert_false(masked(LINE));   /* b still uses it */
}

static void driver_death_releases_its_line(void **state)
{
    (void)state;
    struct proc *drv = spawn_driver("drv", 5, -1);
    int slot = drv->slot;
    irqctl(drv, IRQ_SETPOLICY, 5, 0);
    assert_int_equal(proc_kill(drv, "test"), OK);
    assert_true(masked(5));
    struct proc *heir = h_spawn_in_slot(slot);
    kernel_irq(5);
    assert_int_equal(heir->irq_pending, 0);
    assert_false(slot_bit(heir->notify_pending, ENDPOINT_SLOT(HARDWARE)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        H_TEST(only_allowed_lines_can_be_hooked),
        H_TEST(interrupt_notifies_the_driver_from_hardware),
        H_TEST(interrupt_wakes_a_waiting_driver),
        H_TEST(line_stays_masked_until_irq_enable),
        H_TEST(only_the_owner_controls_the_line),
        H_TEST(two_lines_pile_up_in_one_notification),
        H_TEST(removing_the_hook_masks_the_line),
        H_TEST(shared_line_notifies_every_owner),
        H_TEST(driver_death_releases_its_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
