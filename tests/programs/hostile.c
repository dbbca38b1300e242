/* hostile: an unprivileged process tries what it must not do; each attempt must be refused
 * with the right error while the rest of the system keeps running. */
#include <libsys.h>

static int failures;

static void expect(const char *what, int got, int want)
{
    if (got == want) {
        log_printf("hostile: %s refused with %s\n", what, err_name(want));
    } else {
        log_printf("hostile: FAIL %s gave %s (%d), expected %s\n", what, err_name(got), got, err_name(want));
        failures++;
    }
}

int main(int argc, char **argv)
{
    message m = { 0 };
    uint32_t value = 0;
    endpoint_t forbidden = arg_endpoint(argc, argv, 1);

    expect("kernel call SYS_DEVIO", sys_devio(0x3F8, 1, 1, &value), -ECALLDENIED);
    expect("kernel call SYS_PRIVCTL", kernel_call(SYS_PRIVCTL, &m), -ECALLDENIED);
    expect("kernel call SYS_ABORT", sys_poweroff(), -ECALLDENIED);
    expect("SENDREC to a forbidden destination", ipc_sendrec(forbidden, &m), -EDSTDENIED);
    expect("the SEND primitive", ipc_send(LOG_PROC, &m), -ETRAPDENIED);
    expect("the NOTIFY primitive", ipc_notify(LOG_PROC), -ETRAPDENIED);
    expect("a NULL message", ipc_sendrec(LOG_PROC, (message *)0), -EFAULT);
    expect("a kernel-address message", ipc_sendrec(LOG_PROC, (message *)0x80100000u), -EFAULT);
    expect("an unmapped message", ipc_sendrec(LOG_PROC, (message *)0x20000000u), -EFAULT);
    expect("an endpoint of an older generation", ipc_sendrec(ENDPOINT(1, ENDPOINT_SLOT(LOG_PROC)), &m), -EDEADSRCDST);
    expect("a slot beyond the table", ipc_sendrec(ENDPOINT(0, NR_SLOTS + 5), &m), -EBADEPT);
    expect("an unknown primitive", ipc_trap(77, LOG_PROC, &m), -EBADREQUEST);
    if (failures)
        log_printf("hostile: FAIL %d checks\n", failures);
    else
        log_printf("hostile: all checks passed, still running\n");
    return 0;
}
