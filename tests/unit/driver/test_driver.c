/* The driver framework's message loop on the host, over fake IPC: requests are answered,
 * and a reply the kernel refuses for the driver's own fault (as a flipped bit in the reply's
 * trap number makes it) ends the driver instead of leaving its caller waiting. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "driver.h"

#define CALLER 1030

static message inbox[4];
static int inbox_len, inbox_next;
static int sendnb_result;                  /* what the kernel says to the driver's reply */
static struct { endpoint_t to; int type; } sent[8];
static int nr_sent;
static jmp_buf out;
static int exit_status;

int ipc_trap(uint32_t call, endpoint_t ep, message *m)
{
    if (call == IPC_RECEIVE) {
        if (inbox_next == inbox_len)
            longjmp(out, 1);                  /* the test's messages are all taken */
        *m = inbox[inbox_next++];
        return OK;
    }
    if (call == IPC_SENDNB && nr_sent < 8) {
        sent[nr_sent].to = ep;
        sent[nr_sent++].type = m->m_type;
        return sendnb_result;
    }
    return OK;
}

int rs_init_done(void) { return OK; }
int rs_heartbeat(const message *m) { (void)m; return 0; }
int fi_check(const message *m) { (void)m; return 0; }
void log_printf(const char *fmt, ...) { (void)fmt; }
const char *err_name(int e) { (void)e; return "error"; }

_Noreturn void sys_exit(int status)
{
    exit_status = status;
    longjmp(out, 2);
}

static int fake_open(unsigned minor, uint32_t access)
{
    (void)access;
    return minor == 0 ? OK : -ENXIO;
}

static const struct driver fake = { .name = "fake", .open = fake_open };

/* Runs the loop over the messages queued; 1 when they ran out, 2 when the driver ended. */
static int run_loop(void)
{
    int how = setjmp(out);
    if (how == 0)
        driver_task(&fake, 0, NULL);
    return how;
}

static void queue_open(unsigned minor)
{
    message m = { 0 };
    m.m_source = CALLER;
    m.m_type = DEV_OPEN;
    m.m.dev.minor = minor;
    inbox[inbox_len++] = m;
}

static int setup(void **state)
{
    (void)state;
    inbox_len = inbox_next = nr_sent = 0;
    sendnb_result = OK;
    exit_status = -1;
    return 0;
}

static void test_requests_are_answered(void **state)
{
    (void)state;
    queue_open(0);
    queue_open(3);
    assert_int_equal(run_loop(), 1);
    assert_int_equal(nr_sent, 2);
    assert_int_equal(sent[0].to, CALLER);
    assert_int_equal(sent[0].type, OK);
    assert_int_equal(sent[1].type, -ENXIO);
}

static void test_a_caller_that_stopped_waiting_is_not_the_drivers_fault(void **state)
{
    (void)state;
    sendnb_result = -ENOTREADY;
    queue_open(0);
    queue_open(0);
    assert_int_equal(run_loop(), 1);          /* both taken, the driver goes on */
    assert_int_equal(exit_status, -1);
}

static void test_a_refused_reply_ends_the_driver(void **state)
{
    (void)state;
    static const int own_faults[] = { -ETRAPDENIED, -EBADREQUEST, -EFAULT };
    for (unsigned i = 0; i < sizeof own_faults / sizeof own_faults[0]; i++) {
        setup(NULL);
        sendnb_result = own_faults[i];
        queue_open(0);
        queue_open(0);
        assert_int_equal(run_loop(), 2);
        assert_int_equal(exit_status, 1);      /* for RS to start a fresh copy */
        assert_int_equal(inbox_next, 1);       /* before it takes another request */
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_requests_are_answered, setup),
        cmocka_unit_test_setup(test_a_caller_that_stopped_waiting_is_not_the_drivers_fault, setup),
        cmocka_unit_test_setup(test_a_refused_reply_ends_the_driver, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
