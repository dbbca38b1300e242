/* The two ways a Linux-style loader describes memory and the boot image in r2 (a device
 * tree, fdt_boot.c, or an ATAG list, atag_boot.c); boot_args.c picks the one it finds. */
#ifndef BOARD_COMMON_BOOT_ARGS_H
#define BOARD_COMMON_BOOT_ARGS_H

#include <os/types.h>

void fdt_boot_memory(phys_bytes *base, phys_bytes *limit);
int fdt_boot_image(phys_bytes *base, phys_bytes *size);
int fdt_boot_reserved(unsigned i, phys_bytes *base, phys_bytes *size);

void atag_boot_memory(phys_bytes *base, phys_bytes *limit);
int atag_boot_image(phys_bytes *base, phys_bytes *size);
int atag_boot_reserved(unsigned i, phys_bytes *base, phys_bytes *size);

#endif
