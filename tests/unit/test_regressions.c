/* Regression tests for kernel bugs the unit tests found; each comment says what was wrong
 * and how it was fixed. */
#include "harness.h"

/* Fixed bug (kernel/ipc.c, receive_from_queue): when the message of a queued SENDREC sender
 * cannot be copied (here VM unmapped the page under it), the sender is completed with the
 * error but keeps MF_REPLY_WAIT. Its later RECEIVEs then skip pending notifications, and
 * ipc_notify_from never delivers to it, so a driver waiting for an interrupt or an alarm
 * hangs. Fixed by clearing MF_REPLY_WAIT before complete() on the error path. */
static void stale_reply_wait_after_failed_delivery(void **state)
{
    (void)state;
    struct proc *client = h_spawn("client", 8), *server = h_spawn("server", 8);
    struct proc *vm = h_spawn("vm", 2), *other = h_spawn("other", 8);
    h_put(client, 10, 0);
    assert_int_equal(h_call(client, IPC_SENDREC, server->endpoint), H_BLOCKED);   /* queued */
    h_allow_call(vm, SYS_VMCTL);
    message m = { .m_type = SYS_VMCTL };
    m.m.vmctl = (struct kc_vmctl){ .op = VMCTL_UNMAP, .target = client->endpoint, .va = MSG_VA,
                                   .len = PAGE_SIZE };
    assert_int_equal(h_kcall(vm, &m), OK);
    assert_int_equal(h_call(server, IPC_RECEIVE, ANY), -EFAULT);
    assert_int_equal(h_result(client), -EFAULT);   /* the client learns its send failed */

    vir_bytes buf = FAKE_USER_VA + 0x2000;         /* a buffer that is still mapped */
    assert_int_equal(h_call(other, IPC_NOTIFY, client->endpoint), OK);
    assert_int_equal(h_call_at(client, IPC_RECEIVE, ANY, buf), OK);   /* today: blocks */
    assert_int_equal(((message *)h_mem(client, buf))->m_source, other->endpoint);
}

/* Fixed bug (kernel/system/do_signal.c, do_sigsend): a target blocked in IPC is interrupted
 * (its call abandoned, result -EINTR) before the signal frame is checked and written; when the
 * frame cannot be written SIGSEND returns -EFAULT but the target has lost its call anyway,
 * against system.h's rule that handlers check first, then act. Fixed by checking the frame's
 * range first. */
static void sigsend_interrupts_before_checking(void **state)
{
    (void)state;
    struct proc *pm = h_spawn("pm", 2), *t = h_spawn("t", 8);
    h_allow_call(pm, SYS_SIGSEND);
    assert_int_equal(h_call(t, IPC_RECEIVE, ANY), H_BLOCKED);
    t->regs.sp = FAKE_USER_VA + 0x40;   /* no room for a frame below: it would be unmapped */
    message m = { .m_type = SYS_SIGSEND };
    m.m.sigsend = (struct kc_sigsend){ .target = t->endpoint, .handler = FAKE_USER_VA + 0x400,
                                       .restorer = FAKE_USER_VA + 0x500, .signo = OS_SIGUSR1 };
    assert_int_equal(h_kcall(pm, &m), -EFAULT);
    assert_int_equal(h_result(t), H_BLOCKED);   /* still in its call */
    assert_int_equal(t->rts_flags, RTS_RECEIVING);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        H_TEST(stale_reply_wait_after_failed_delivery),
        H_TEST(sigsend_interrupts_before_checking),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
