/* IPC: rendezvous in both orders, RECEIVE from ANY and from one endpoint, SENDREC, NOTIFY,
 * SENDNB, deadlock refusal, endpoint generations and bad message buffers. */
#include "harness.h"

/* A message whose every payload byte is known, so a partial copy shows. */
static void put_pattern(struct proc *p, int32_t type, uint8_t seed)
{
    h_put(p, type, 0);
    for (int i = 0; i < MSG_PAYLOAD_BYTES; i++)
        h_msg(p)->m.bytes[i] = (uint8_t)(seed + i);
}

static void assert_pattern(struct proc *p, int32_t type, uint8_t seed)
{
    assert_int_equal(h_msg(p)->m_type, type);
    for (int i = 0; i < MSG_PAYLOAD_BYTES; i++)
        assert_int_equal(h_msg(p)->m.bytes[i], (uint8_t)(seed + i));
}

static void send_first_then_receive(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8);
    put_pattern(a, 42, 1);
    assert_int_equal(h_call(a, IPC_SEND, b->endpoint), H_BLOCKED);
    assert_int_equal(h_call(b, IPC_RECEIVE, ANY), OK);
    assert_pattern(b, 42, 1);
    assert_int_equal(h_msg(b)->m_source, a->endpoint);
    assert_int_equal(h_result(a), OK);   /* the sender is released with OK */
}

static void receive_first_then_send(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8);
    assert_int_equal(h_call(b, IPC_RECEIVE, ANY), H_BLOCKED);
    put_pattern(a, 7, 100);
    h_msg(a)->m_source = 12345;   /* forged: the kernel stamps the real one */
    assert_int_equal(h_call(a, IPC_SEND, b->endpoint), OK);
    assert_int_equal(h_result(b), OK);
    assert_pattern(b, 7, 100);
    assert_int_equal(h_msg(b)->m_source, a->endpoint);
    assert_int_equal(h_msg(a)->m_source, 12345);   /* the sender's copy is not written */
}

static void receive_any_takes_senders_in_fifo_order(void **state)
{
    (void)state;
    struct proc *b = h_spawn("b", 8);
    struct proc *s[3] = { h_spawn("s0", 8), h_spawn("s1", 8), h_spawn("s2", 8) };
    int order[3] = { 2, 0, 1 };   /* not slot order */
    for (int i = 0; i < 3; i++) {
        h_put(s[order[i]], 10 + order[i], 0);
        assert_int_equal(h_call(s[order[i]], IPC_SEND, b->endpoint), H_BLOCKED);
    }
    for (int i = 0; i < 3; i++) {
        assert_int_equal(h_call(b, IPC_RECEIVE, ANY), OK);
        assert_int_equal(h_msg(b)->m_source, s[order[i]]->endpoint);
        assert_int_equal(h_msg(b)->m_type, 10 + order[i]);
        for (int j = i + 1; j < 3; j++)
            assert_int_equal(h_result(s[order[j]]), H_BLOCKED);   /* later ones still wait */
    }
    assert_null(b->caller_q);
}

static void receive_from_one_endpoint_skips_queued_others(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *c = h_spawn("c", 8), *b = h_spawn("b", 8);
    h_put(a, 1, 0);
    h_put(c, 2, 0);
    assert_int_equal(h_call(a, IPC_SEND, b->endpoint), H_BLOCKED);
    assert_int_equal(h_call(c, IPC_SEND, b->endpoint), H_BLOCKED);
    assert_int_equal(h_call(b, IPC_RECEIVE, c->endpoint), OK);
    assert_int_equal(h_msg(b)->m_type, 2);
    assert_int_equal(h_msg(b)->m_source, c->endpoint);
    assert_int_equal(h_result(c), OK);
    assert_int_equal(h_result(a), H_BLOCKED);
    assert_int_equal(h_call(b, IPC_RECEIVE, ANY), OK);   /* a kept its place */
    assert_int_equal(h_msg(b)->m_source, a->endpoint);
}

static void receiver_waiting_for_one_endpoint_ignores_others(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *c = h_spawn("c", 8), *b = h_spawn("b", 8);
    assert_int_equal(h_call(b, IPC_RECEIVE, c->endpoint), H_BLOCKED);
    h_put(a, 1, 0);
    assert_int_equal(h_call(a, IPC_SEND, b->endpoint), H_BLOCKED);   /* queued, not delivered */
    assert_int_equal(h_result(b), H_BLOCKED);
    struct proc *d = h_spawn("d", 8);
    assert_int_equal(h_call(d, IPC_SENDNB, b->endpoint), -ENOTREADY);   /* b does not wait for d */
    h_put(c, 2, 0);
    assert_int_equal(h_call(c, IPC_SEND, b->endpoint), OK);
    assert_int_equal(h_result(b), OK);
    assert_int_equal(h_msg(b)->m_source, c->endpoint);
    assert_int_equal(h_result(a), H_BLOCKED);
}

static void sendrec_reply_unblocks_the_caller(void **state)
{
    (void)state;
    struct proc *client = h_spawn("client", 8), *server = h_spawn("server", 8);
    assert_int_equal(h_call(server, IPC_RECEIVE, ANY), H_BLOCKED);
    put_pattern(client, 10, 5);
    assert_int_equal(h_call(client, IPC_SENDREC, server->endpoint), H_BLOCKED);
    assert_int_equal(h_result(server), OK);
    assert_pattern(server, 10, 5);
    assert_int_equal(h_msg(server)->m_source, client->endpoint);
    put_pattern(server, 0, 77);
    assert_int_equal(h_call(server, IPC_SEND, client->endpoint), OK);   /* the client waits */
    assert_int_equal(h_result(client), OK);
    assert_pattern(client, 0, 77);
    assert_int_equal(h_msg(client)->m_source, server->endpoint);
    assert_false(client->misc_flags & MF_REPLY_WAIT);
}

static void sendrec_to_a_busy_server_waits_for_the_reply(void **state)
{
    (void)state;
    struct proc *client = h_spawn("client", 8), *server = h_spawn("server", 8);
    h_put(client, 10, 5);
    assert_int_equal(h_call(client, IPC_SENDREC, server->endpoint), H_BLOCKED);
    assert_true(client->rts_flags & RTS_SENDING);
    assert_int_equal(h_call(server, IPC_RECEIVE, ANY), OK);
    assert_int_equal(h_msg(server)->m.u32[0], 5);
    assert_int_equal(h_result(client), H_BLOCKED);   /* sent, now waiting for the reply */
    assert_int_equal(client->rts_flags, RTS_RECEIVING);
    h_put(server, 0, 6);
    assert_int_equal(h_call(server, IPC_SENDNB, client->endpoint), OK);
    assert_int_equal(h_result(client), OK);
    assert_int_equal(h_msg(client)->m.u32[0], 6);
}

static void pending_notification_does_not_answer_sendrec(void **state)
{
    (void)state;
    struct proc *client = h_spawn("client", 8), *server = h_spawn("server", 8);
    struct proc *other = h_spawn("other", 8);
    assert_int_equal(h_call(other, IPC_NOTIFY, client->endpoint), OK);
    assert_int_equal(h_call(server, IPC_RECEIVE, ANY), H_BLOCKED);
    h_put(client, 10, 0);
    assert_int_equal(h_call(client, IPC_SENDREC, server->endpoint), H_BLOCKED);
    assert_true(slot_bit(client->notify_pending, other->slot));
    h_put(server, 0, 77);
    assert_int_equal(h_call(server, IPC_SEND, client->endpoint), OK);
    assert_int_equal(h_msg(client)->m_source, server->endpoint);
    assert_int_equal(h_msg(client)->m.u32[0], 77);
    assert_int_equal(h_call(client, IPC_RECEIVE, ANY), OK);   /* the notification, later */
    assert_int_equal(h_msg(client)->m_type, NOTIFY_MESSAGE);
    assert_int_equal(h_msg(client)->m_source, other->endpoint);
}

static void servers_own_notification_does_not_answer_sendrec(void **state)
{
    (void)state;
    struct proc *client = h_spawn("client", 8), *server = h_spawn("server", 8);
    assert_int_equal(h_call(server, IPC_NOTIFY, client->endpoint), OK);
    assert_int_equal(h_call(server, IPC_RECEIVE, ANY), H_BLOCKED);
    h_put(client, 10, 0);
    assert_int_equal(h_call(client, IPC_SENDREC, server->endpoint), H_BLOCKED);
    assert_int_equal(h_msg(server)->m_source, client->endpoint);
    h_put(server, 0, 77);
    assert_int_equal(h_call(server, IPC_SEND, client->endpoint), OK);
    assert_int_equal(h_msg(client)->m_type, 0);
    assert_int_equal(h_msg(client)->m.u32[0], 77);
    assert_int_equal(h_call(client, IPC_RECEIVE, server->endpoint), OK);
    assert_int_equal(h_msg(client)->m_type, NOTIFY_MESSAGE);
}

static void notification_during_the_reply_wait_stays_pending(void **state)
{
    (void)state;
    struct proc *client = h_spawn("client", 8), *server = h_spawn("server", 8);
    struct proc *other = h_spawn("other", 8);
    h_call(server, IPC_RECEIVE, ANY);
    h_put(client, 10, 0);
    assert_int_equal(h_call(client, IPC_SENDREC, server->endpoint), H_BLOCKED);
    assert_int_equal(h_call(other, IPC_NOTIFY, client->endpoint), OK);
    assert_int_equal(h_call(server, IPC_NOTIFY, client->endpoint), OK);   /* not a reply either */
    assert_int_equal(h_result(client), H_BLOCKED);
    h_put(server, 0, 77);
    assert_int_equal(h_call(server, IPC_SEND, client->endpoint), OK);
    assert_int_equal(h_msg(client)->m.u32[0], 77);
    assert_int_not_equal(h_msg(client)->m_type, NOTIFY_MESSAGE);
    assert_true(slot_bit(client->notify_pending, other->slot));
    assert_true(slot_bit(client->notify_pending, server->slot));
}

static void notify_sets_a_pending_bit(void **state)
{
    (void)state;
    struct proc *src = h_spawn("src", 8), *dst = h_spawn("dst", 8);
    assert_int_equal(h_call(src, IPC_NOTIFY, dst->endpoint), OK);
    assert_true(slot_bit(dst->notify_pending, src->slot));
    assert_true(proc_is_runnable(dst));   /* nothing else happened to it */
    assert_true(proc_is_runnable(src));   /* NOTIFY never blocks */
}

static void notifications_coalesce(void **state)
{
    (void)state;
    struct proc *src = h_spawn("src", 8), *dst = h_spawn("dst", 8);
    for (int i = 0; i < 2; i++) {
        clock_tick();   /* the delivered timestamp is the latest uptime */
        assert_int_equal(h_call(src, IPC_NOTIFY, dst->endpoint), OK);
    }
    clock_tick();
    assert_int_equal(h_call(dst, IPC_RECEIVE, ANY), OK);
    assert_int_equal(h_msg(dst)->m_type, NOTIFY_MESSAGE);
    assert_int_equal(h_msg(dst)->m_source, src->endpoint);
    assert_int_equal(h_msg(dst)->m.notify.timestamp, 3);
    assert_false(slot_bit(dst->notify_pending, src->slot));
    assert_int_equal(h_call(dst, IPC_RECEIVE, ANY), H_BLOCKED);   /* one bit, one delivery */
}

static void notifications_from_two_sources_are_two(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8), *dst = h_spawn("dst", 8);
    h_call(b, IPC_NOTIFY, dst->endpoint);
    h_call(a, IPC_NOTIFY, dst->endpoint);
    endpoint_t seen[2];
    for (int i = 0; i < 2; i++) {
        assert_int_equal(h_call(dst, IPC_RECEIVE, ANY), OK);
        seen[i] = h_msg(dst)->m_source;
    }
    assert_true((seen[0] == a->endpoint && seen[1] == b->endpoint) ||
                (seen[0] == b->endpoint && seen[1] == a->endpoint));
    assert_int_equal(h_call(dst, IPC_RECEIVE, ANY), H_BLOCKED);
}

static void notify_to_a_waiting_receiver_is_delivered_at_once(void **state)
{
    (void)state;
    struct proc *src = h_spawn("src", 8), *dst = h_spawn("dst", 8);
    assert_int_equal(h_call(dst, IPC_RECEIVE, src->endpoint), H_BLOCKED);
    assert_int_equal(h_call(src, IPC_NOTIFY, dst->endpoint), OK);
    assert_int_equal(h_result(dst), OK);
    assert_int_equal(h_msg(dst)->m_type, NOTIFY_MESSAGE);
    assert_int_equal(h_msg(dst)->m_source, src->endpoint);
    assert_false(slot_bit(dst->notify_pending, src->slot));
}

static void notify_waits_while_the_receiver_waits_for_someone_else(void **state)
{
    (void)state;
    struct proc *x = h_spawn("x", 8), *y = h_spawn("y", 8), *dst = h_spawn("dst", 8);
    assert_int_equal(h_call(dst, IPC_RECEIVE, x->endpoint), H_BLOCKED);
    assert_int_equal(h_call(y, IPC_NOTIFY, dst->endpoint), OK);
    assert_int_equal(h_result(dst), H_BLOCKED);
    assert_true(slot_bit(dst->notify_pending, y->slot));
    h_put(x, 5, 0);
    assert_int_equal(h_call(x, IPC_SEND, dst->endpoint), OK);
    assert_int_equal(h_msg(dst)->m_source, x->endpoint);
    assert_int_equal(h_call(dst, IPC_RECEIVE, y->endpoint), OK);   /* by name, from the bit */
    assert_int_equal(h_msg(dst)->m_source, y->endpoint);
    assert_int_equal(h_msg(dst)->m_type, NOTIFY_MESSAGE);
}

static void sendnb_to_a_non_waiting_receiver_fails(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8);
    h_put(a, 3, 0);
    assert_int_equal(h_call(a, IPC_SENDNB, b->endpoint), -ENOTREADY);
    assert_null(b->caller_q);                                     /* nothing queued */
    assert_int_equal(h_call(b, IPC_RECEIVE, ANY), H_BLOCKED);
}

static void sendnb_to_a_waiting_receiver_succeeds(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8);
    assert_int_equal(h_call(b, IPC_RECEIVE, ANY), H_BLOCKED);
    put_pattern(a, 3, 9);
    assert_int_equal(h_call(a, IPC_SENDNB, b->endpoint), OK);
    assert_int_equal(h_result(b), OK);
    assert_pattern(b, 3, 9);
    assert_int_equal(h_msg(b)->m_source, a->endpoint);
}

static void two_cycle_is_refused(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8);
    h_put(a, 1, 0);
    assert_int_equal(h_call(a, IPC_SEND, b->endpoint), H_BLOCKED);
    assert_int_equal(h_call(b, IPC_SEND, a->endpoint), -EDEADLK);
    assert_int_equal(h_call(b, IPC_SENDREC, a->endpoint), -EDEADLK);
    assert_false(b->misc_flags & MF_REPLY_WAIT);
    assert_null(a->caller_q);   /* b was not queued */
    assert_int_equal(h_call(b, IPC_RECEIVE, ANY), OK);   /* and everything still works */
    assert_int_equal(h_msg(b)->m_source, a->endpoint);
    assert_int_equal(h_result(a), OK);
}

static void three_cycle_is_refused(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8), *c = h_spawn("c", 8);
    assert_int_equal(h_call(a, IPC_SEND, b->endpoint), H_BLOCKED);
    assert_int_equal(h_call(b, IPC_SENDREC, c->endpoint), H_BLOCKED);
    assert_int_equal(h_call(c, IPC_SEND, a->endpoint), -EDEADLK);
    assert_int_equal(h_call(c, IPC_SENDREC, a->endpoint), -EDEADLK);
    assert_int_equal(h_call(c, IPC_RECEIVE, a->endpoint), -EDEADLK);   /* a waits on b, b on c */
    assert_null(a->caller_q);
    assert_true(proc_is_runnable(c));
}

static void a_chain_that_is_not_a_cycle_is_allowed(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8), *c = h_spawn("c", 8);
    struct proc *d = h_spawn("d", 8), *e = h_spawn("e", 8);
    assert_int_equal(h_call(a, IPC_SEND, b->endpoint), H_BLOCKED);
    assert_int_equal(h_call(b, IPC_SEND, c->endpoint), H_BLOCKED);
    assert_int_equal(h_call(d, IPC_SEND, b->endpoint), H_BLOCKED);       /* two on b: no cycle */
    assert_int_equal(h_call(e, IPC_RECEIVE, a->endpoint), H_BLOCKED);    /* a, b, c: c runs */
    assert_int_equal(h_call(c, IPC_RECEIVE, ANY), OK);                   /* and all drains */
    assert_int_equal(h_msg(c)->m_source, b->endpoint);
}

static void stale_endpoint_is_dead(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8);
    endpoint_t old = b->endpoint;
    assert_int_equal(proc_kill(b, "test"), OK);
    assert_int_equal(h_call(a, IPC_SEND, old), -EDEADSRCDST);   /* dead, slot still free */
    struct proc *reborn = h_spawn_in_slot(ENDPOINT_SLOT(old));
    assert_int_equal(ENDPOINT_GEN(reborn->endpoint), ENDPOINT_GEN(old) + 1);
    assert_int_equal(h_call(a, IPC_SEND, old), -EDEADSRCDST);
    assert_int_equal(h_call(a, IPC_SENDREC, old), -EDEADSRCDST);
    assert_int_equal(h_call(a, IPC_SENDNB, old), -EDEADSRCDST);
    assert_int_equal(h_call(a, IPC_NOTIFY, old), -EDEADSRCDST);
    assert_int_equal(h_call(a, IPC_RECEIVE, old), -EDEADSRCDST);
    assert_null(reborn->caller_q);
    assert_false(slot_bit(reborn->notify_pending, a->slot));
    assert_int_equal(h_call(a, IPC_NOTIFY, reborn->endpoint), OK);   /* the new one is alive */
    assert_true(slot_bit(reborn->notify_pending, a->slot));
}

static void out_of_range_slot_is_a_bad_endpoint(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8);
    endpoint_t bad[] = { ENDPOINT(0, NR_SLOTS), ENDPOINT(2, ENDPOINT_SLOTS - 1), NONE, SELF, -77 };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(h_call(a, IPC_SEND, bad[i]), -EBADEPT);
        assert_int_equal(h_call(a, IPC_NOTIFY, bad[i]), -EBADEPT);
        assert_int_equal(h_call(a, IPC_RECEIVE, bad[i]), -EBADEPT);
    }
}

static void bad_message_pointer_changes_nothing(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8);
    assert_int_equal(h_call(b, IPC_RECEIVE, ANY), H_BLOCKED);
    put_pattern(b, 99, 0);   /* b's buffer, which must not change */
    vir_bytes bad[] = { 0, FAKE_USER_VA - 4, FAKE_USER_VA + FAKE_USER_SIZE - 32, 0x80100000u };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(h_call_at(a, IPC_SEND, b->endpoint, bad[i]), -EFAULT);
        assert_int_equal(h_call_at(a, IPC_SENDNB, b->endpoint, bad[i]), -EFAULT);
        assert_int_equal(h_call_at(a, IPC_SENDREC, b->endpoint, bad[i]), -EFAULT);
    }
    assert_int_equal(h_result(b), H_BLOCKED);
    assert_pattern(b, 99, 0);
    assert_null(b->caller_q);
    assert_false(a->misc_flags & MF_REPLY_WAIT);
}

static void read_only_buffer_cannot_receive(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8);
    h_put(a, 4, 0);
    assert_int_equal(h_call(a, IPC_SEND, b->endpoint), H_BLOCKED);
    assert_int_equal(h_call_at(b, IPC_RECEIVE, ANY, FAKE_RO_VA), -EFAULT);
    assert_int_equal(h_call_at(b, IPC_SENDREC, a->endpoint, FAKE_RO_VA), -EFAULT);   /* reply */
    assert_int_equal(h_result(a), H_BLOCKED);   /* a's message was not consumed */
    assert_ptr_equal(b->caller_q, a);
    assert_int_equal(h_call(b, IPC_RECEIVE, ANY), OK);
    assert_int_equal(h_msg(b)->m_type, 4);
}

static void dying_server_releases_its_clients(void **state)
{
    (void)state;
    struct proc *waiting = h_spawn("waiting", 8), *queued = h_spawn("queued", 8);
    struct proc *server = h_spawn("server", 8);
    h_call(server, IPC_RECEIVE, ANY);
    assert_int_equal(h_call(waiting, IPC_SENDREC, server->endpoint), H_BLOCKED);   /* taken */
    assert_int_equal(h_call(queued, IPC_SENDREC, server->endpoint), H_BLOCKED);    /* in line */
    assert_int_equal(proc_kill(server, "test"), OK);
    assert_int_equal(h_result(waiting), -EDEADSRCDST);
    assert_int_equal(h_result(queued), -EDEADSRCDST);
    assert_false(waiting->misc_flags & MF_REPLY_WAIT);
    assert_false(queued->misc_flags & MF_REPLY_WAIT);
}

static void dying_sender_leaves_the_queue(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *c = h_spawn("c", 8), *b = h_spawn("b", 8);
    h_call(a, IPC_NOTIFY, b->endpoint);
    h_call(a, IPC_SEND, b->endpoint);
    h_put(c, 2, 0);
    h_call(c, IPC_SEND, b->endpoint);
    assert_int_equal(proc_kill(a, "test"), OK);
    assert_false(slot_bit(b->notify_pending, a->slot));   /* its notification died with it */
    assert_int_equal(h_call(b, IPC_RECEIVE, ANY), OK);
    assert_int_equal(h_msg(b)->m_source, c->endpoint);
    assert_null(b->caller_q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        H_TEST(send_first_then_receive),
        H_TEST(receive_first_then_send),
        H_TEST(receive_any_takes_senders_in_fifo_order),
        H_TEST(receive_from_one_endpoint_skips_queued_others),
        H_TEST(receiver_waiting_for_one_endpoint_ignores_others),
        H_TEST(sendrec_reply_unblocks_the_caller),
        H_TEST(sendrec_to_a_busy_server_waits_for_the_reply),
        H_TEST(pending_notification_does_not_answer_sendrec),
        H_TEST(servers_own_notification_does_not_answer_sendrec),
        H_TEST(notification_during_the_reply_wait_stays_pending),
        H_TEST(notify_sets_a_pending_bit),
        H_TEST(notifications_coalesce),
        H_TEST(notifications_from_two_sources_are_two),
        H_TEST(notify_to_a_waiting_receiver_is_delivered_at_once),
        H_TEST(notify_waits_while_the_receiver_waits_for_someone_else),
        H_TEST(sendnb_to_a_non_waiting_receiver_fails),
        H_TEST(sendnb_to_a_waiting_receiver_succeeds),
        H_TEST(two_cycle_is_refused),
        H_TEST(three_cycle_is_refused),
        H_TEST(a_chain_that_is_not_a_cycle_is_allowed),
        H_TEST(stale_endpoint_is_dead),
        H_TEST(out_of_range_slot_is_a_bad_endpoint),
        H_TEST(bad_message_pointer_changes_nothing),
        H_TEST(read_only_buffer_cannot_receive),
        H_TEST(dying_server_releases_its_clients),
        H_TEST(dying_sender_leaves_the_queue),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
