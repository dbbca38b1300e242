/* Privileges: forbidden primitives, destinations, kernel calls and I/O ports are refused
 * with their errors and change nothing; what is allowed goes through. */
#include "harness.h"

static int setup(void **state)
{
    (void)state;
    h_reset();
    return 0;
}

static void forbidden_primitive(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8);
    a->priv.trap_mask = TRAPS_USER;   /* SENDREC only */
    assert_int_equal(h_call(a, IPC_SEND, b->endpoint), -ETRAPDENIED);
    assert_int_equal(h_call(a, IPC_NOTIFY, b->endpoint), -ETRAPDENIED);
    assert_int_equal(h_call(a, IPC_RECEIVE, ANY), -ETRAPDENIED);
    assert_false(slot_bit(b->notify_pending, a->slot));
    assert_null(b->caller_q);
}

static void forbidden_destination(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8), *c = h_spawn("c", 8);
    a->priv.flags = 0;
    slot_set(a->priv.send_mask, c->slot);
    assert_int_equal(h_call(a, IPC_SENDREC, b->endpoint), -EDSTDENIED);
    assert_null(b->caller_q);
    assert_int_equal(h_call(a, IPC_SENDREC, c->endpoint), BLOCKED);   /* allowed */
}

static void reply_needs_no_send_right(void **state)
{
    (void)state;
    struct proc *client = h_spawn("client", 8), *server = h_spawn("server", 8);
    server->priv.flags = 0;   /* may send to nobody */
    h_call(server, IPC_RECEIVE, ANY);
    h_call(client, IPC_SENDREC, server->endpoint);
    assert_int_equal(h_call(server, IPC_SENDNB, client->endpoint), OK);
    assert_int_equal(h_call(server, IPC_SENDNB, client->endpoint), -EDSTDENIED);   /* only once */
}

static void forbidden_kernel_call(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8);
    message m = { .m_type = SYS_PRIVCTL };
    assert_int_equal(h_kcall(a, &m), -ECALLDENIED);
    assert_non_null(strstr(fake_console, "denied kernel call 0x100 to a"));
    message unknown = { .m_type = 0x1ff };
    assert_int_equal(h_kcall(a, &unknown), -EBADREQUEST);
    message kernel_task = { 0 };
    *h_msg(a) = kernel_task;
    assert_int_equal(h_call(a, IPC_SEND, SYSTEM), -EDSTDENIED);   /* only SENDREC reaches SYSTEM */
}

static int devio(struct proc *p, uint32_t port, uint32_t width, int write, uint32_t *value)
{
    message m = { .m_type = SYS_DEVIO };
    m.m.devio = (struct kc_devio){ port, *value, width, (uint32_t)write };
    int r = h_kcall(p, &m);
    *value = m.m.devio.value;
    return r;
}

static void io_ports(void **state)
{
    (void)state;
    struct proc *drv = h_spawn("drv", 8);
    uint32_t v = 0;
    h_allow_calls(drv, SYS_DEVIO);
    drv->priv.io[0] = (struct io_range){ 0x3f8, 0x400 };
    assert_int_equal(devio(drv, 0x60, 1, 0, &v), -EIOPERM);
    assert_int_equal(fake_port_calls, 0);
    assert_int_equal(devio(drv, 0x3fe, 4, 0, &v), -EIOPERM);   /* runs past the range */
    assert_int_equal(devio(drv, 0x3f8, 3, 0, &v), -EINVAL);    /* no such width */
    v = 0x41;
    assert_int_equal(devio(drv, 0x3f8, 1, 1, &v), OK);
    assert_int_equal(fake_last_port, 0x3f8);
    assert_int_equal(fake_last_value, 0x41);
    assert_int_equal(devio(drv, 0x3f9, 1, 0, &v), OK);
    assert_int_equal(v, 0x5a);
}

static void privctl_changes_privileges(void **state)
{
    (void)state;
    struct proc *rs = h_spawn("rs", 3), *svc = h_spawn("svc", 8), *b = h_spawn("b", 8);
    h_allow_calls(rs, SYS_PRIVCTL);
    struct priv_desc d;
    memset(&d, 0, sizeof d);
    d.trap_mask = TRAPS_USER;
    d.priority = 5;
    d.quantum = 2;
    for (int i = 0; i < NR_IRQ_LINES; i++)
        d.irq[i] = -1;
    memcpy(&fake_user_mem[rs->slot][0x100], &d, sizeof d);
    message m = { .m_type = SYS_PRIVCTL };
    m.m.privctl = (struct kc_privctl){ svc->endpoint, FAKE_USER_VA + 0x100 };
    assert_int_equal(h_kcall(rs, &m), OK);
    assert_int_equal(h_call(svc, IPC_SEND, b->endpoint), -ETRAPDENIED);
    message bad = { .m_type = SYS_PRIVCTL };
    bad.m.privctl = (struct kc_privctl){ svc->endpoint, 0x10 };   /* a bad pointer */
    assert_int_equal(h_kcall(rs, &bad), -EFAULT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(forbidden_primitive, setup),
        cmocka_unit_test_setup(forbidden_destination, setup),
        cmocka_unit_test_setup(reply_needs_no_send_right, setup),
        cmocka_unit_test_setup(forbidden_kernel_call, setup),
        cmocka_unit_test_setup(io_ports, setup),
        cmocka_unit_test_setup(privctl_changes_privileges, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
