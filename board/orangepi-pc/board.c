/* The Orange Pi PC (Allwinner H3): what the common pieces (GIC-400, generic timer, 16550
 * console, loader arguments) leave: its name, and power-off and reset through PSCI (QEMU
 * answers it on SMC after -kernel, U-Boot's secure monitor after bootm), else the watchdog. */
#include "../../kernel/kernel.h"
#include "../../kernel/board.h"
#include "../../arch/arm/arm.h"
#include "board_config.h"

const char board_name[] = "orangepi-pc";

#define PSCI_SYSTEM_OFF   0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u

#define WDOG_CFG    0x14
#define WDOG_MODE   0x18
#define CFG_SYSTEM  1           /* on expiry: reset the whole system */
#define MODE_ENABLE 1           /* interval 0: half a second */

/* Returns only if the firmware has no PSCI or does not do `function`. */
static void psci_call(uint32_t function)
{
    register uint32_t r0 __asm__("r0") = function;
    __asm__ volatile(".arch_extension sec\n\tsmc #0" : "+r"(r0) : : "memory");
}

/* The SoC's own reset, for firmware without PSCI's: the watchdog, expiring at once. */
static _Noreturn void watchdog_reset(void)
{
    mmio_write(WDOG_BASE + WDOG_CFG, CFG_SYSTEM);
    mmio_write(WDOG_BASE + WDOG_MODE, MODE_ENABLE);
    arm_halt();
}

/* Power is the AXP209 PMIC's, on a bus the kernel does not drive: without PSCI, a reset. */
_Noreturn void board_poweroff(void)
{
    psci_call(PSCI_SYSTEM_OFF);
    printk("orangepi-pc: no PSCI power-off: resetting\n");
    watchdog_reset();
}

_Noreturn void board_reboot(void)
{
    psci_call(PSCI_SYSTEM_RESET);
    watchdog_reset();
}
