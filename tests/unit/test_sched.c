/* The scheduler: the highest priority runs first, equals take turns, a used-up quantum
 * sends a process to the back of its queue with a fresh one, blocked processes never run. */
#include "harness.h"

static int setup(void **state)
{
    (void)state;
    h_reset();
    return 0;
}

static void highest_priority_first(void **state)
{
    (void)state;
    struct proc *low = h_spawn("low", 9), *high = h_spawn("high", 2), *mid = h_spawn("mid", 5);
    (void)low, (void)mid;
    assert_ptr_equal(sched_pick(), high);
}

static void blocked_processes_do_not_run(void **state)
{
    (void)state;
    struct proc *high = h_spawn("high", 2), *low = h_spawn("low", 9);
    assert_int_equal(h_call(high, IPC_RECEIVE, ANY), BLOCKED);
    assert_ptr_equal(sched_pick(), low);
    proc_block(low, RTS_STOPPED);
    assert_null(sched_pick());
    proc_unblock(low, RTS_STOPPED);
    assert_ptr_equal(sched_pick(), low);
}

static void quantum_rotates_equals(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8);
    sched_set_priority(a, 8, 3);
    sched_set_priority(b, 8, 3);
    struct proc *first = sched_pick(), *second = first == a ? b : a;
    for (int t = 0; t < 2; t++) {
        sched_tick(first);
        assert_ptr_equal(sched_pick(), first);   /* quantum not used up */
    }
    sched_tick(first);
    assert_ptr_equal(sched_pick(), second);      /* third tick: to the back */
    assert_int_equal(first->ticks_left, 3);      /* with a fresh quantum */
    for (int t = 0; t < 3; t++)
        sched_tick(second);
    assert_ptr_equal(sched_pick(), first);
}

static void ticks_are_charged(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8);
    uint32_t before = a->user_ticks + a->sys_ticks;
    proc_current = a;
    clock_tick();
    proc_current = NULL;
    assert_int_equal(a->user_ticks + a->sys_ticks, before + 1);
    assert_int_equal(clock_uptime(), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(highest_priority_first, setup),
        cmocka_unit_test_setup(blocked_processes_do_not_run, setup),
        cmocka_unit_test_setup(quantum_rotates_equals, setup),
        cmocka_unit_test_setup(ticks_are_charged, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
