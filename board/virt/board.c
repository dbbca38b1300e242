/* QEMU's ARM `virt` board: what the common ARM pieces (GICv2, generic timer, PL011, device
 * tree) leave: its name, and power-off and reset through PSCI, which QEMU answers on HVC. */
#include "../../kernel/kernel.h"
#include "../../kernel/board.h"

const char board_name[] = "virt";

#define PSCI_SYSTEM_OFF   0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u

static void psci_call(uint32_t function)
{
    register uint32_t r0 __asm__("r0") = function;
    __asm__ volatile(".arch_extension virt\n\thvc #0" : "+r"(r0) : : "memory");
}

_Noreturn void board_poweroff(void)
{
    psci_call(PSCI_SYSTEM_OFF);
    for (;;)
        arch_idle();
}

_Noreturn void board_reboot(void)
{
    psci_call(PSCI_SYSTEM_RESET);
    for (;;)
        arch_idle();
}
