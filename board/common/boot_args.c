/* Memory and the boot image from what the loader left in r2: a device tree (U-Boot, QEMU
 * -kernel on boards it makes one for) or an ATAG list (QEMU -kernel on boards it has none
 * for). One board boots both ways (orangepi-pc: QEMU -kernel, or SPL and U-Boot), so the
 * kernel looks at what it got rather than the board saying which. */
#include "../../kernel/kernel.h"
#include "../../kernel/board.h"
#include "../../arch/arm/arm.h"
#include "../../lib/common/fdt.h"
#include "boot_args.h"

static int have_fdt(void)
{
    if (!arm_boot_dtb || arm_boot_dtb >= KERNEL_BASE)
        panic("the boot loader passed neither a device tree nor ATAGs in r2");
    return fdt_size(arch_phys_to_kernel(arm_boot_dtb)) != 0;
}

void board_memory(phys_bytes *base, phys_bytes *limit)
{
    if (have_fdt())
        fdt_boot_memory(base, limit);
    else
        atag_boot_memory(base, limit);
}

int board_boot_image(phys_bytes *base, phys_bytes *size)
{
    return have_fdt() ? fdt_boot_image(base, size) : atag_boot_image(base, size);
}

int board_reserved(unsigned i, phys_bytes *base, phys_bytes *size)
{
    return have_fdt() ? fdt_boot_reserved(i, base, size) : atag_boot_reserved(i, base, size);
}
