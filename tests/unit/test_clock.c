/* CLOCK: SYS_SETALARM makes the clock notify the caller after its ticks, once; a new alarm
 * replaces the old one and reports what was left of it; 0 cancels. */
#include "harness.h"

static int set_alarm(struct proc *p, uint32_t ticks, uint32_t *remaining)
{
    message m = { .m_type = SYS_SETALARM };
    m.m.setalarm.ticks = ticks;
    int r = h_kcall(p, &m);
    *remaining = m.m.setalarm.remaining;
    return r;
}

static struct proc *spawn_timed(const char *name)
{
    struct proc *p = h_spawn(name, 8);
    h_allow_call(p, SYS_SETALARM);
    return p;
}

static int clock_pending(struct proc *p)
{
    return slot_bit(p->notify_pending, ENDPOINT_SLOT(CLOCK));
}

static void alarm_notifies_after_its_ticks(void **state)
{
    (void)state;
    struct proc *p = spawn_timed("p");
    uint32_t left;
    assert_int_equal(set_alarm(p, 3, &left), OK);
    assert_int_equal(left, 0);
    h_tick();
    h_tick();
    assert_false(clock_pending(p));
    h_tick();
    assert_true(clock_pending(p));
    assert_int_equal(h_call(p, IPC_RECEIVE, ANY), OK);
    assert_int_equal(h_msg(p)->m_source, CLOCK);
    assert_int_equal(h_msg(p)->m_type, NOTIFY_MESSAGE);
    assert_int_equal(h_msg(p)->m.notify.timestamp, 3);
}

static void alarm_fires_once(void **state)
{
    (void)state;
    struct proc *p = spawn_timed("p");
    uint32_t left;
    set_alarm(p, 1, &left);
    h_tick();
    assert_int_equal(h_call(p, IPC_RECEIVE, CLOCK), OK);
    for (int i = 0; i < 10; i++)
        h_tick();
    assert_false(clock_pending(p));
}

static void alarm_wakes_a_waiting_receiver(void **state)
{
    (void)state;
    struct proc *p = spawn_timed("p");
    uint32_t left;
    set_alarm(p, 2, &left);
    assert_int_equal(h_call(p, IPC_RECEIVE, ANY), H_BLOCKED);
    h_tick();
    assert_int_equal(h_result(p), H_BLOCKED);
    h_tick();
    assert_int_equal(h_result(p), OK);
    assert_int_equal(h_msg(p)->m_source, CLOCK);
    assert_false(clock_pending(p));
}

static void alarm_can_be_cancelled(void **state)
{
    (void)state;
    struct proc *p = spawn_timed("p");
    uint32_t left;
    set_alarm(p, 5, &left);
    h_tick();
    assert_int_equal(set_alarm(p, 0, &left), OK);
    assert_int_equal(left, 4);
    for (int i = 0; i < 10; i++)
        h_tick();
    assert_false(clock_pending(p));
}

static void new_alarm_replaces_the_old(void **state)
{
    (void)state;
    struct proc *p = spawn_timed("p");
    uint32_t left;
    set_alarm(p, 2, &left);
    assert_int_equal(set_alarm(p, 5, &left), OK);
    assert_int_equal(left, 2);
    for (int i = 0; i < 4; i++)
        h_tick();
    assert_false(clock_pending(p));   /* the 2-tick alarm is gone */
    h_tick();
    assert_true(clock_pending(p));
}

static void alarms_are_per_process(void **state)
{
    (void)state;
    struct proc *a = spawn_timed("a"), *b = spawn_timed("b");
    uint32_t left;
    set_alarm(a, 1, &left);
    set_alarm(b, 3, &left);
    h_tick();
    assert_true(clock_pending(a));
    assert_false(clock_pending(b));
    h_tick();
    h_tick();
    assert_true(clock_pending(b));
}

static void alarm_of_a_dead_process_does_not_fire(void **state)
{
    (void)state;
    struct proc *p = spawn_timed("p");
    uint32_t left;
    int slot = p->slot;
    set_alarm(p, 3, &left);
    assert_int_equal(proc_kill(p, "test"), OK);
    struct proc *heir = h_spawn_in_slot(slot);
    for (int i = 0; i < 5; i++)
        h_tick();
    assert_false(clock_pending(heir));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        H_TEST(alarm_notifies_after_its_ticks),
        H_TEST(alarm_fires_once),
        H_TEST(alarm_wakes_a_waiting_receiver),
        H_TEST(alarm_can_be_cancelled),
        H_TEST(new_alarm_replaces_the_old),
        H_TEST(alarms_are_per_process),
        H_TEST(alarm_of_a_dead_process_does_not_fire),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
