/* QEMU's ARM Versatile/PB: what the common pieces (PL190, SP804, PL011, ATAGs) leave: its
 * name, and reset through the system registers. */
#include "../../kernel/kernel.h"
#include "../../kernel/board.h"
#include "../../arch/arm/arm.h"
#include "board_config.h"

const char board_name[] = "versatilepb";

#define SYS_LOCK      0x20
#define SYS_RESETCTL  0x40
#define LOCK_KEY      0xa05f
#define RESET_REQUEST 0x100   /* the bit QEMU's system registers act on */

/* The board has no power switch the software can reach, and QEMU emulates none. A reset
 * request ends QEMU when it runs with -no-reboot (boot/qemu.py always passes it). */
static _Noreturn void reset(void)
{
    mmio_write(SYSREG_BASE + SYS_LOCK, LOCK_KEY);
    mmio_write(SYSREG_BASE + SYS_RESETCTL, RESET_REQUEST);
    arm_halt();
}

_Noreturn void board_poweroff(void)
{
    printk("versatilepb has no power-off: resetting (QEMU ends with -no-reboot)\n");
    reset();
}

_Noreturn void board_reboot(void)
{
    reset();
}
