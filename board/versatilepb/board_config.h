/* QEMU's ARM Versatile/PB (`versatilepb`, here with a Cortex-A8): where its devices are and
 * the RAM the kernel maps. Only #defines: boot.S includes this too. */
#ifndef BOARD_VERSATILEPB_CONFIG_H
#define BOARD_VERSATILEPB_CONFIG_H

#define BOARD_RAM_BASE 0x00000000   /* RAM starts at 0; the ATAGs say how much there is */
#define BOARD_RAM_SIZE 0x10000000   /* the most the board has (256 MiB) */
#define SYSREG_BASE    0x10000000   /* Versatile system registers (SYS_LOCK, SYS_RESETCTL) */
#define SIC_BASE       0x10003000   /* secondary interrupt controller, on VIC line 31 */
#define VIC_BASE       0x10140000   /* PL190 primary interrupt controller */
#define SP804_BASE     0x101E2000   /* SP804 timers 0 and 1 (VIC line 4) */
#define SP804_HZ       1000000      /* TIMCLK: 1 MHz */
#define PL011_BASE     0x101F1000   /* UART0: the console (VIC line 12) */
#define TIMER_IRQ      4            /* timers 0 and 1 */
#define SIC_PASSTHROUGH 0x7fe00000u /* SIC lines 21-30 that also reach VIC lines 21-30 */

#endif
