/* Privileges: forbidden primitives, destinations, kernel calls and I/O ports are refused
 * with their own errors and change nothing; what is allowed goes through. */
#include "harness.h"

static void forbidden_primitive_is_refused(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8);
    a->priv.trap_mask = TRAPS_USER;   /* SENDREC only */
    h_put(a, 1, 0);
    assert_int_equal(h_call(a, IPC_SEND, b->endpoint), -ETRAPDENIED);
    assert_int_equal(h_call(a, IPC_SENDNB, b->endpoint), -ETRAPDENIED);
    assert_int_equal(h_call(a, IPC_NOTIFY, b->endpoint), -ETRAPDENIED);
    assert_int_equal(h_call(a, IPC_RECEIVE, ANY), -ETRAPDENIED);
    assert_false(slot_bit(b->notify_pending, a->slot));
    assert_null(b->caller_q);
    assert_int_equal(h_call(a, IPC_SENDREC, b->endpoint), H_BLOCKED);   /* the one it has */
}

static void unknown_primitive_is_a_bad_request(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8);
    uint32_t calls[] = { 0, IPC_NR_CALLS, 31, 32, 99, 0xffffffffu };
    a->priv.trap_mask = 0xffffffffu;   /* refused for what it is, not for the mask */
    for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++)
        assert_int_equal(h_call(a, calls[i], b->endpoint), -EBADREQUEST);
    assert_null(b->caller_q);
}

static void forbidden_destination_is_refused(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8), *c = h_spawn("c", 8);
    a->priv.flags = 0;
    slot_set(a->priv.send_mask, c->slot);
    assert_int_equal(h_call(b, IPC_RECEIVE, ANY), H_BLOCKED);   /* would take anything */
    assert_int_equal(h_call(a, IPC_SEND, b->endpoint), -EDSTDENIED);
    assert_int_equal(h_call(a, IPC_SENDNB, b->endpoint), -EDSTDENIED);
    assert_int_equal(h_call(a, IPC_SENDREC, b->endpoint), -EDSTDENIED);
    assert_int_equal(h_call(a, IPC_NOTIFY, b->endpoint), -EDSTDENIED);
    assert_int_equal(h_result(b), H_BLOCKED);
    assert_false(slot_bit(b->notify_pending, a->slot));
    assert_int_equal(h_call(a, IPC_NOTIFY, c->endpoint), OK);   /* the allowed one */
    assert_int_equal(h_call(a, IPC_SENDREC, c->endpoint), H_BLOCKED);
}

static void receive_needs_no_send_right(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8), *b = h_spawn("b", 8);
    b->priv.flags = 0;
    h_put(a, 3, 0);
    assert_int_equal(h_call(a, IPC_SEND, b->endpoint), H_BLOCKED);
    assert_int_equal(h_call(b, IPC_RECEIVE, a->endpoint), OK);
}

static void reply_needs_no_send_right(void **state)
{
    (void)state;
    struct proc *client = h_spawn("client", 8), *server = h_spawn("server", 8);
    server->priv.flags = 0;   /* may send to nobody */
    h_call(server, IPC_RECEIVE, ANY);
    h_call(client, IPC_SENDREC, server->endpoint);
    assert_int_equal(h_call(server, IPC_NOTIFY, client->endpoint), -EDSTDENIED);   /* not a reply */
    assert_int_equal(h_call(server, IPC_SENDNB, client->endpoint), OK);
    assert_int_equal(h_result(client), OK);
    assert_int_equal(h_call(server, IPC_SENDNB, client->endpoint), -EDSTDENIED);   /* only once */
}

static void kernel_tasks_take_only_kernel_calls(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8);
    h_put(a, SYS_TIMES, 0);
    endpoint_t tasks[] = { CLOCK, SYSTEM, HARDWARE };
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(h_call(a, IPC_SEND, tasks[i]), -EDSTDENIED);
        assert_int_equal(h_call(a, IPC_SENDNB, tasks[i]), -EDSTDENIED);
        assert_int_equal(h_call(a, IPC_NOTIFY, tasks[i]), -EDSTDENIED);
    }
    assert_int_equal(h_call(a, IPC_SENDREC, CLOCK), -EDSTDENIED);
    assert_int_equal(h_call(a, IPC_SENDREC, HARDWARE), -EDSTDENIED);
}

static void forbidden_kernel_call_is_refused(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8);
    h_allow_call(a, SYS_TIMES);
    message m = { .m_type = SYS_SETALARM };
    m.m.setalarm.ticks = 5;
    assert_int_equal(h_kcall(a, &m), -ECALLDENIED);
    assert_int_equal(a->alarm_at, 0);   /* the handler never ran */
    assert_non_null(strstr(fake_console, "denied kernel call 0x109 to a"));
    message t = { .m_type = SYS_TIMES };
    t.m.times.target = SELF;
    assert_int_equal(h_kcall(a, &t), OK);   /* the one it has */
    assert_int_equal(t.m.times.hz, HZ);
}

static void unknown_kernel_call_is_a_bad_request(void **state)
{
    (void)state;
    struct proc *a = h_spawn("a", 8);
    a->priv.call_mask[0] = 0xffffffffu;
    int32_t calls[] = { 0, SYS_CALL_BASE - 1, SYS_CALL_END, 0x1ff, -1 };
    for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++) {
        message m = { .m_type = calls[i] };
        assert_int_equal(h_kcall(a, &m), -EBADREQUEST);
    }
}

static int devio(struct proc *p, uint32_t port, uint32_t width, int write, uint32_t *value)
{
    message m = { .m_type = SYS_DEVIO };
    m.m.devio = (struct kc_devio){ port, *value, width, (uint32_t)write };
    int r = h_kcall(p, &m);
    *value = m.m.devio.value;
    return r;
}

static void denied_io_port_is_refused(void **state)
{
    (void)state;
    struct proc *drv = h_spawn("drv", 8);
    uint32_t v = 0x41;
    h_allow_call(drv, SYS_DEVIO);
    drv->priv.io[1] = (struct io_range){ 0x3f8, 0x400 };
    assert_int_equal(devio(drv, 0x60, 1, 1, &v), -EIOPERM);
    assert_int_equal(devio(drv, 0x3f7, 1, 0, &v), -EIOPERM);   /* just below */
    assert_int_equal(devio(drv, 0x400, 1, 0, &v), -EIOPERM);   /* the limit is exclusive */
    assert_int_equal(devio(drv, 0x3fe, 4, 0, &v), -EIOPERM);   /* runs past the end */
    assert_int_equal(devio(drv, 0xfffffffeu, 4, 0, &v), -EIOPERM);   /* wraps */
    assert_int_equal(devio(drv, 0x3f8, 3, 0, &v), -EINVAL);    /* no such width */
    assert_int_equal(fake_io_count, 0);
    assert_non_null(strstr(fake_console, "denied I/O port 0x60 to drv"));
}

static void allowed_io_port_reaches_the_hardware(void **state)
{
    (void)state;
    struct proc *drv = h_spawn("drv", 8);
    uint32_t v = 0x41;
    h_allow_call(drv, SYS_DEVIO);
    drv->priv.io[3] = (struct io_range){ 0x3f8, 0x400 };
    assert_int_equal(devio(drv, 0x3f8, 1, 1, &v), OK);
    fake_io_read_value = 0x1234;
    assert_int_equal(devio(drv, 0x3fc, 4, 0, &v), OK);
    assert_int_equal(v, 0x1234);   /* the read's value comes back in the reply */
    assert_int_equal(fake_io_count, 2);
    assert_int_equal(fake_io_log[0].port, 0x3f8);
    assert_int_equal(fake_io_log[0].width, 1);
    assert_int_equal(fake_io_log[0].write, 1);
    assert_int_equal(fake_io_log[0].value, 0x41);
    assert_int_equal(fake_io_log[1].port, 0x3fc);
    assert_int_equal(fake_io_log[1].width, 4);
    assert_int_equal(fake_io_log[1].write, 0);
}

static int physmap(struct proc *p, phys_bytes phys, uint32_t len)
{
    message m = { .m_type = SYS_PHYSMAP };
    m.m.physmap = (struct kc_physmap){ phys, FAKE_USER_VA, len };
    return h_kcall(p, &m);
}

static void physical_memory_needs_a_range(void **state)
{
    (void)state;
    struct proc *drv = h_spawn("drv", 8);
    h_allow_call(drv, SYS_PHYSMAP);
    drv->priv.mem[0] = (struct mem_range){ 0xfe000000u, 0xfe004000u };
    assert_int_equal(physmap(drv, 0xfe003000u, 2 * PAGE_SIZE), -EIOPERM);   /* 2nd page outside */
    assert_int_equal(physmap(drv, 0xfdfff000u, 2 * PAGE_SIZE), -EIOPERM);   /* 1st page outside */
    assert_int_equal(fake_map_count, 0);
    assert_non_null(strstr(fake_console, "denied physical range 0xfe003000 to drv"));
    assert_int_equal(physmap(drv, 0xfe002000u, 2 * PAGE_SIZE), OK);
    assert_int_equal(fake_map_count, 2);
}

static struct priv_desc user_desc(void)
{
    struct priv_desc d;
    memset(&d, 0, sizeof d);
    d.trap_mask = TRAPS_USER;
    d.priority = 5;
    d.quantum = 2;
    for (int i = 0; i < NR_IRQ_LINES; i++)
        d.irq[i] = -1;
    return d;
}

static int privctl(struct proc *rs, endpoint_t target, const struct priv_desc *d)
{
    memcpy(h_mem(rs, FAKE_USER_VA + 0x100), d, sizeof *d);
    message m = { .m_type = SYS_PRIVCTL };
    m.m.privctl = (struct kc_privctl){ target, FAKE_USER_VA + 0x100 };
    return h_kcall(rs, &m);
}

static void privctl_sets_privileges(void **state)
{
    (void)state;
    struct proc *rs = h_spawn("rs", 3), *svc = h_spawn("svc", 8), *b = h_spawn("b", 8);
    h_allow_call(rs, SYS_PRIVCTL);
    struct priv_desc d = user_desc();
    assert_int_equal(privctl(rs, svc->endpoint, &d), OK);
    assert_int_equal(h_call(svc, IPC_SEND, b->endpoint), -ETRAPDENIED);
    assert_int_equal(h_call(svc, IPC_SENDREC, b->endpoint), -EDSTDENIED);   /* no destinations */
    assert_int_equal(svc->priority, 5);
    assert_int_equal(svc->quantum, 2);
}

static void privctl_refuses_bad_descriptions(void **state)
{
    (void)state;
    struct proc *rs = h_spawn("rs", 3), *svc = h_spawn("svc", 8);
    h_allow_call(rs, SYS_PRIVCTL);
    struct priv_desc d = user_desc();
    d.priority = NR_SCHED_QUEUES;
    assert_int_equal(privctl(rs, svc->endpoint, &d), -EINVAL);
    d = user_desc();
    d.trap_mask |= TRAP_BIT(7);
    assert_int_equal(privctl(rs, svc->endpoint, &d), -EINVAL);
    d = user_desc();
    assert_int_equal(privctl(rs, CLOCK, &d), -EPERM);   /* kernel tasks keep theirs */
    message bad = { .m_type = SYS_PRIVCTL };
    bad.m.privctl = (struct kc_privctl){ svc->endpoint, 0x10 };
    assert_int_equal(h_kcall(rs, &bad), -EFAULT);
    assert_int_equal(svc->priv.trap_mask, TRAPS_ALL);   /* unchanged through all of it */
    assert_int_equal(svc->priority, 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        H_TEST(forbidden_primitive_is_refused),
        H_TEST(unknown_primitive_is_a_bad_request),
        H_TEST(forbidden_destination_is_refused),
        H_TEST(receive_needs_no_send_right),
        H_TEST(reply_needs_no_send_right),
        H_TEST(kernel_tasks_take_only_kernel_calls),
        H_TEST(forbidden_kernel_call_is_refused),
        H_TEST(unknown_kernel_call_is_a_bad_request),
        H_TEST(denied_io_port_is_refused),
        H_TEST(allowed_io_port_reaches_the_hardware),
        H_TEST(physical_memory_needs_a_range),
        H_TEST(privctl_sets_privileges),
        H_TEST(privctl_refuses_bad_descriptions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
