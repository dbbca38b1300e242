/* QEMU's ARM `virt` machine: where its devices are and the RAM the kernel maps.
 * Only #defines: boot.S includes this too. */
#ifndef BOARD_VIRT_CONFIG_H
#define BOARD_VIRT_CONFIG_H

#define BOARD_RAM_BASE 0x40000000   /* RAM starts here; the device tree says how much there is */
#define BOARD_RAM_SIZE 0x40000000   /* the most the kernel maps (1 GiB) */
#define GICD_BASE      0x08000000   /* GICv2 distributor */
#define GICC_BASE      0x08010000   /* GICv2 CPU interface */
#define PL011_BASE     0x09000000   /* UART0: the console */
#define TIMER_IRQ      27           /* generic timer, virtual: PPI 11 */

#endif
