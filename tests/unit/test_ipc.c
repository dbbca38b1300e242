/* IPC: rendezvous in both orders, RECEIVE from ANY and from one endpoint, SENDREC replies,
 * notifications (pending, coalescing, not a reply), SENDNB, deadlock refusal, endpoint
 * generations and bad buffers. */
#include "harness.h"

static int setup(void **state)
{
    (void)state;
    h_reset();
    return 0;
}

static void put(struct proc *p, int type, uint32_t word)
{
    message *m = h_msg(p);
    memset(m, 0, sizeof *m);
    m->m_type = type;
    m->m.u32[0] = word;
}

static void send_then_receive(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8);
    put(a, 42, 0xdead);
    assert_int_equal(h_call(a, IPC_SEND, b->endpoint), BLOCKED);
    assert_int_equal(h_call(b, IPC_RECEIVE, ANY), OK);
    assert_int_equal(h_msg(b)->m_type, 42);
    assert_int_equal(h_msg(b)->m.u32[0], 0xdead);
    assert_int_equal(h_msg(b)->m_source, a->endpoint);   /* stamped by the kernel */
    assert_int_equal(h_result(a), OK);
}

static void receive_then_send(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8);
    assert_int_equal(h_call(b, IPC_RECEIVE, ANY), BLOCKED);
    put(a, 7, 99);
    h_msg(a)->m_source = 12345;   /* forged: the kernel overwrites it */
    assert_int_equal(h_call(a, IPC_SEND, b->endpoint), OK);
    assert_int_equal(h_result(b), OK);
    assert_int_equal(h_msg(b)->m_type, 7);
    assert_int_equal(h_msg(b)->m_source, a->endpoint);
}

static void receive_any_is_fifo(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *c = h_spawn("c", 8), *b = h_spawn("b", 8);
    put(a, 1, 0);
    put(c, 2, 0);
    assert_int_equal(h_call(a, IPC_SEND, b->endpoint), BLOCKED);
    assert_int_equal(h_call(c, IPC_SEND, b->endpoint), BLOCKED);
    assert_int_equal(h_call(b, IPC_RECEIVE, ANY), OK);
    assert_int_equal(h_msg(b)->m_source, a->endpoint);
    assert_int_equal(h_call(b, IPC_RECEIVE, ANY), OK);
    assert_int_equal(h_msg(b)->m_source, c->endpoint);
}

static void receive_from_one_endpoint(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *c = h_spawn("c", 8), *b = h_spawn("b", 8);
    put(a, 1, 0);
    put(c, 2, 0);
    h_call(a, IPC_SEND, b->endpoint);
    h_call(c, IPC_SEND, b->endpoint);
    assert_int_equal(h_call(b, IPC_RECEIVE, c->endpoint), OK);
    assert_int_equal(h_msg(b)->m_type, 2);
    assert_int_equal(h_result(a), BLOCKED);   /* still queued */
    assert_int_equal(h_result(c), OK);
}

static void sendrec_gets_the_reply(void **state)
{
    (void)state;
    struct proc *client = h_spawn("client", 8), *server = h_spawn("server", 8);
    assert_int_equal(h_call(server, IPC_RECEIVE, ANY), BLOCKED);
    put(client, 10, 5);
    assert_int_equal(h_call(client, IPC_SENDREC, server->endpoint), BLOCKED);
    assert_int_equal(h_result(server), OK);
    put(server, OK, 6);
    assert_int_equal(h_call(server, IPC_SENDNB, client->endpoint), OK);
    assert_int_equal(h_result(client), OK);
    assert_int_equal(h_msg(client)->m.u32[0], 6);
    assert_int_equal(h_msg(client)->m_source, server->endpoint);
}

static void notification_is_not_a_reply(void **state)
{
    (void)state;
    struct proc *client = h_spawn("client", 8), *server = h_spawn("server", 8);
    struct proc *other = h_spawn("other", 8);
    h_call(server, IPC_RECEIVE, ANY);
    put(client, 10, 0);
    assert_int_equal(h_call(client, IPC_SENDREC, server->endpoint), BLOCKED);
    assert_int_equal(h_call(other, IPC_NOTIFY, client->endpoint), OK);
    assert_int_equal(h_result(client), BLOCKED);   /* only the server's reply ends SENDREC */
    put(server, OK, 77);
    h_call(server, IPC_SENDNB, client->endpoint);
    assert_int_equal(h_msg(client)->m.u32[0], 77);
    assert_int_equal(h_call(client, IPC_RECEIVE, ANY), OK);   /* now the notification */
    assert_int_equal(h_msg(client)->m_type, NOTIFY_MESSAGE);
    assert_int_equal(h_msg(client)->m_source, other->endpoint);
}

static void notifications_coalesce(void **state)
{
    (void)state;
    struct proc *src = h_spawn("src", 8), *dst = h_spawn("dst", 8);
    assert_int_equal(h_call(src, IPC_NOTIFY, dst->endpoint), OK);
    assert_int_equal(h_call(src, IPC_NOTIFY, dst->endpoint), OK);
    assert_true(slot_bit(dst->notify_pending, src->slot));
    assert_int_equal(h_call(dst, IPC_RECEIVE, ANY), OK);
    assert_int_equal(h_msg(dst)->m_type, NOTIFY_MESSAGE);
    assert_int_equal(h_msg(dst)->m_source, src->endpoint);
    assert_int_equal(h_call(dst, IPC_RECEIVE, ANY), BLOCKED);   /* one bit, one delivery */
}

static void notify_to_a_receiver_is_delivered_at_once(void **state)
{
    (void)state;
    struct proc *src = h_spawn("src", 8), *dst = h_spawn("dst", 8);
    h_call(dst, IPC_RECEIVE, src->endpoint);
    assert_int_equal(h_call(src, IPC_NOTIFY, dst->endpoint), OK);
    assert_int_equal(h_result(dst), OK);
    assert_int_equal(h_msg(dst)->m_type, NOTIFY_MESSAGE);
    assert_false(slot_bit(dst->notify_pending, src->slot));
}

static void sendnb_needs_a_waiting_receiver(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8);
    put(a, 3, 0);
    assert_int_equal(h_call(a, IPC_SENDNB, b->endpoint), -ENOTREADY);
    assert_int_equal(h_call(b, IPC_RECEIVE, ANY), BLOCKED);   /* nothing was queued */
    assert_int_equal(h_call(a, IPC_SENDNB, b->endpoint), OK);
    assert_int_equal(h_result(b), OK);
}

static void two_cycle_is_refused(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8);
    assert_int_equal(h_call(a, IPC_SEND, b->endpoint), BLOCKED);
    assert_int_equal(h_call(b, IPC_SEND, a->endpoint), -EDEADLK);
    assert_true(proc_is_runnable(b));
}

static void three_cycle_is_refused(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8), *c = h_spawn("c", 8);
    assert_int_equal(h_call(a, IPC_SENDREC, b->endpoint), BLOCKED);
    assert_int_equal(h_call(b, IPC_SENDREC, c->endpoint), BLOCKED);
    assert_int_equal(h_call(c, IPC_SENDREC, a->endpoint), -EDEADLK);
    assert_int_equal(h_call(c, IPC_RECEIVE, a->endpoint), -EDEADLK);   /* a waits on b, b on c */
}

static void old_generation_is_dead(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8);
    endpoint_t old = b->endpoint;
    int slot = b->slot;
    proc_kill(b, "test");
    for (int i = 0; i < NR_SLOTS; i++) {   /* allocate until the slot comes round again */
        struct proc *p = h_spawn("again", 8);
        if (p->slot == slot)
            break;
    }
    struct proc *again = proc_by_slot(slot);
    assert_int_not_equal(again->endpoint, old);
    assert_int_equal(ENDPOINT_SLOT(again->endpoint), ENDPOINT_SLOT(old));
    assert_int_equal(h_call(a, IPC_SEND, old), -EDEADSRCDST);
    assert_int_equal(h_call(a, IPC_NOTIFY, old), -EDEADSRCDST);
}

static void bad_endpoints_and_buffers(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8);
    assert_int_equal(h_call(a, IPC_SEND, ENDPOINT(0, NR_SLOTS + 3)), -EBADEPT);
    assert_int_equal(h_call(a, IPC_SEND, -77), -EBADEPT);
    assert_int_equal(h_call_at(a, IPC_SEND, b->endpoint, 0), -EFAULT);
    assert_int_equal(h_call_at(a, IPC_SEND, b->endpoint, 0x80100000u), -EFAULT);
    assert_int_equal(h_call_at(a, IPC_RECEIVE, ANY, FAKE_RO_VA), -EFAULT);   /* not writable */
    assert_int_equal(h_call(a, 99, b->endpoint), -EBADREQUEST);
    assert_int_equal(h_call(b, IPC_RECEIVE, ANY), BLOCKED);   /* nothing arrived */
}

static void dying_peer_wakes_its_callers(void **state)
{
    (void)state;
    struct proc *client = h_spawn("client", 8), *server = h_spawn("server", 8);
    assert_int_equal(h_call(client, IPC_SENDREC, server->endpoint), BLOCKED);
    proc_kill(server, "test");
    assert_int_equal(h_result(client), -EDEADSRCDST);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(send_then_receive, setup),
        cmocka_unit_test_setup(receive_then_send, setup),
        cmocka_unit_test_setup(receive_any_is_fifo, setup),
        cmocka_unit_test_setup(receive_from_one_endpoint, setup),
        cmocka_unit_test_setup(sendrec_gets_the_reply, setup),
        cmocka_unit_test_setup(notification_is_not_a_reply, setup),
        cmocka_unit_test_setup(notifications_coalesce, setup),
        cmocka_unit_test_setup(notify_to_a_receiver_is_delivered_at_once, setup),
        cmocka_unit_test_setup(sendnb_needs_a_waiting_receiver, setup),
        cmocka_unit_test_setup(two_cycle_is_refused, setup),
        cmocka_unit_test_setup(three_cycle_is_refused, setup),
        cmocka_unit_test_setup(old_generation_is_dead, setup),
        cmocka_unit_test_setup(bad_endpoints_and_buffers, setup),
        cmocka_unit_test_setup(dying_peer_wakes_its_callers, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
