/* The Orange Pi PC (Allwinner H3, QEMU `orangepi-pc`): where its devices are and the RAM the
 * kernel maps. Only #defines: boot.S includes this too. */
#ifndef BOARD_ORANGEPI_PC_CONFIG_H
#define BOARD_ORANGEPI_PC_CONFIG_H

#define BOARD_RAM_BASE 0x40000000   /* DRAM starts here; the loader says how much there is */
#define BOARD_RAM_SIZE 0x40000000   /* the most the H3 takes (1 GiB) */
#define GICD_BASE      0x01C81000   /* GIC-400 distributor */
#define GICC_BASE      0x01C82000   /* GIC-400 CPU interface */
#define NS16550_BASE   0x01C28000   /* UART0: the console (SPI 0, GIC line 32) */
#define NS16550_SHIFT  2            /* registers 4 bytes apart */
#define WDOG_BASE      0x01C20CA0   /* the H3 watchdog: the only way to reset the SoC */
#define TIMER_IRQ      27           /* generic timer, virtual: PPI 11 */

#endif
