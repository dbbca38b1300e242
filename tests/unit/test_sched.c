/* The scheduler: the highest priority runs first, equals take turns a quantum at a time
 * through the timer interrupt, and blocked processes never run. */
#include "harness.h"

static struct proc *spawn_with_quantum(const char *name, uint32_t priority, uint32_t quantum)
{
    struct proc *p = h_spawn(name, priority);
    sched_set_priority(p, priority, quantum);
    return p;
}

static void kernel_tasks_never_run(void **state)
{
    (void)state;
    assert_null(sched_pick());   /* only the three tasks exist */
}

static void highest_priority_ready_runs_first(void **state)
{
    (void)state;
    struct proc *low = h_spawn("low", 9), *high = h_spawn("high", 2), *mid = h_spawn("mid", 5);
    assert_ptr_equal(sched_pick(), high);
    proc_block(high, RTS_STOPPED);
    assert_ptr_equal(sched_pick(), mid);
    proc_block(mid, RTS_STOPPED);
    assert_ptr_equal(sched_pick(), low);
    proc_unblock(high, RTS_STOPPED);
    assert_ptr_equal(sched_pick(), high);
}

static void a_spinning_process_sinks_below_a_lower_priority(void **state)
{
    (void)state;
    struct proc *high = spawn_with_quantum("high", 2, 1);
    struct proc *low = spawn_with_quantum("low", 5, 1);
    for (int i = 0; i < 3; i++)                    /* priorities 2, 3, 4 */
        assert_ptr_equal(h_tick(), high);
    assert_int_equal(high->priority, 5);
    assert_ptr_equal(h_tick(), low);               /* ahead of high in the queue of 5 */
    assert_ptr_equal(h_tick(), high);
    proc_block(high, RTS_STOPPED);                 /* blocking gives its priority back */
    assert_int_equal(high->priority, 2);
    proc_unblock(high, RTS_STOPPED);
    assert_ptr_equal(sched_pick(), high);
}

static void the_lowest_queue_keeps_a_spinning_process(void **state)
{
    (void)state;
    struct proc *p = spawn_with_quantum("p", NR_SCHED_QUEUES - 2, 1);
    for (int i = 0; i < 5; i++)
        assert_ptr_equal(h_tick(), p);
    assert_int_equal(p->priority, NR_SCHED_QUEUES - 1);
    assert_int_equal(p->base_priority, NR_SCHED_QUEUES - 2);
}

static void equals_take_turns_a_quantum_each(void **state)
{
    (void)state;
    struct proc *a = spawn_with_quantum("a", 8, 2), *b = spawn_with_quantum("b", 8, 2);
    struct proc *c = spawn_with_quantum("c", 8, 2);
    struct proc *expected[] = { a, a, b, b, c, c, a, a, b };
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
        assert_ptr_equal(h_tick(), expected[i]);
}

static void used_up_quantum_goes_to_the_back_with_a_fresh_one(void **state)
{
    (void)state;
    struct proc *a = spawn_with_quantum("a", 8, 3), *b = spawn_with_quantum("b", 8, 3);
    assert_ptr_equal(h_tick(), a);
    assert_ptr_equal(h_tick(), a);
    assert_int_equal(a->ticks_left, 1);
    assert_ptr_equal(sched_pick(), a);   /* not used up yet */
    assert_ptr_equal(h_tick(), a);
    assert_ptr_equal(sched_pick(), b);   /* to the back, of the queue below */
    assert_int_equal(a->ticks_left, 3);  /* with a fresh quantum */
    assert_int_equal(a->priority, 9);
    assert_ptr_equal(h_tick(), b);
    assert_ptr_equal(h_tick(), b);
    assert_ptr_equal(h_tick(), b);
    assert_ptr_equal(a->next_ready, b);  /* b is behind a now */
}

static void blocked_processes_are_not_scheduled(void **state)
{
    (void)state;
    struct proc *recv = h_spawn("recv", 1), *send = h_spawn("send", 2);
    struct proc *stopped = h_spawn("stopped", 3), *low = h_spawn("low", 9);
    struct proc *unborn = proc_alloc();   /* forked, not yet exec'd */
    sched_set_priority(unborn, 0, 1);
    assert_int_equal(h_call(recv, IPC_RECEIVE, ANY), H_BLOCKED);
    assert_int_equal(h_call(send, IPC_SEND, low->endpoint), H_BLOCKED);
    proc_block(stopped, RTS_STOPPED);
    for (int i = 0; i < 20; i++)
        assert_ptr_equal(h_tick(), low);
    proc_block(low, RTS_STOPPED);
    assert_null(sched_pick());           /* idle */
    assert_ptr_equal(h_tick(), NULL);
}

static int stop(struct proc *pm, struct proc *t, int on)
{
    message m = { .m_type = SYS_STOP };
    m.m.stop = (struct kc_stop){ t->endpoint, (uint32_t)on };
    return h_kcall(pm, &m);
}

static void a_stopped_process_stays_off_when_its_call_completes(void **state)
{
    (void)state;
    struct proc *pm = h_spawn("pm", 9), *t = h_spawn("t", 2), *src = h_spawn("src", 9);
    h_allow_call(pm, SYS_STOP);
    assert_int_equal(h_call(t, IPC_RECEIVE, ANY), H_BLOCKED);
    assert_int_equal(stop(pm, t, 1), OK);
    h_put(src, 1, 0);
    assert_int_equal(h_call(src, IPC_SEND, t->endpoint), OK);   /* delivered all the same */
    assert_int_equal(t->rts_flags, RTS_STOPPED);
    assert_ptr_not_equal(sched_pick(), t);
    assert_int_equal(stop(pm, t, 0), OK);
    assert_ptr_equal(sched_pick(), t);
    assert_int_equal(h_result(t), OK);
    assert_int_equal(h_msg(t)->m_source, src->endpoint);
}

static void a_woken_process_joins_the_back_of_its_queue(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8), *c = h_spawn("c", 8);
    assert_int_equal(h_call(a, IPC_RECEIVE, ANY), H_BLOCKED);
    assert_ptr_equal(sched_pick(), b);
    h_put(c, 1, 0);
    assert_int_equal(h_call(c, IPC_SEND, a->endpoint), OK);
    assert_ptr_equal(sched_pick(), b);
    assert_ptr_equal(b->next_ready, c);
    assert_ptr_equal(c->next_ready, a);
}

static void a_woken_higher_priority_runs_next(void **state)
{
    (void)state;
    struct proc *server = h_spawn("server", 3), *client = h_spawn("client", 8);
    assert_int_equal(h_call(server, IPC_RECEIVE, ANY), H_BLOCKED);
    assert_ptr_equal(sched_pick(), client);
    h_put(client, 1, 0);
    assert_int_equal(h_call(client, IPC_SENDREC, server->endpoint), H_BLOCKED);
    assert_ptr_equal(sched_pick(), server);
}

static void changing_priority_moves_a_ready_process(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8);
    sched_set_priority(b, 4, 5);
    assert_ptr_equal(sched_pick(), b);
    sched_set_priority(b, 12, 5);
    assert_ptr_equal(sched_pick(), a);
    sched_set_priority(b, 99, 0);        /* clamped to the lowest queue, default quantum */
    assert_int_equal(b->priority, NR_SCHED_QUEUES - 1);
    assert_int_equal(b->quantum, DEFAULT_QUANTUM);
    proc_block(a, RTS_STOPPED);
    assert_ptr_equal(sched_pick(), b);
}

static void ticks_are_charged_to_the_running_process(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 2), *b = h_spawn("b", 8);
    for (int i = 0; i < 3; i++)
        h_tick();
    assert_int_equal(a->user_ticks, 3);
    assert_int_equal(b->user_ticks, 0);
    assert_int_equal(clock_uptime(), 3);
    assert_int_equal(fake_eoi_count, 3);   /* every timer interrupt is acknowledged */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        H_TEST(kernel_tasks_never_run),
        H_TEST(highest_priority_ready_runs_first),
        H_TEST(a_spinning_process_sinks_below_a_lower_priority),
        H_TEST(the_lowest_queue_keeps_a_spinning_process),
        H_TEST(equals_take_turns_a_quantum_each),
        H_TEST(used_up_quantum_goes_to_the_back_with_a_fresh_one),
        H_TEST(blocked_processes_are_not_scheduled),
        H_TEST(a_stopped_process_stays_off_when_its_call_completes),
        H_TEST(a_woken_process_joins_the_back_of_its_queue),
        H_TEST(a_woken_higher_priority_runs_next),
        H_TEST(changing_priority_moves_a_ready_process),
        H_TEST(ticks_are_charged_to_the_running_process),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
