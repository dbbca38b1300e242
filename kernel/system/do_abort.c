/* SYS_ABORT: power off or reboot the machine. In: how. */
#include "../system.h"
#include "../board.h"

int do_abort(struct proc *caller, message *m)
{
    switch (m->m.abort.how) {
    case ABORT_POWEROFF:
        printk("kernel: power off requested by %s\n", caller->name);
        board_poweroff();
    case ABORT_REBOOT:
        printk("kernel: reboot requested by %s\n", caller->name);
        board_reboot();
    default:
        return -EINVAL;
    }
}
