/* Memory and the boot image from the device tree the loader passed (QEMU -kernel, U-Boot):
 * /memory gives the RAM, /chosen linux,initrd-start/-end the boot image. boot_args.c
 * calls these when r2 points at a device tree. */
#include "../../kernel/kernel.h"
#include "../../kernel/board.h"
#include "../../arch/arm/arm.h"
#include "../../lib/common/fdt.h"
#include "board_config.h"
#include "boot_args.h"

static const void *device_tree(void)
{
    if (!arm_boot_dtb || arm_boot_dtb >= KERNEL_BASE)
        panic("the boot loader passed no device tree");
    const void *fdt = arch_phys_to_kernel(arm_boot_dtb);
    if (!fdt_size(fdt))
        panic("the device tree at 0x%08x is not valid", (unsigned)arm_boot_dtb);
    return fdt;
}

static uint32_t root_cells(const void *fdt, const char *name, uint32_t fallback)
{
    uint32_t len;
    const void *v = fdt_property(fdt, "/", name, &len);
    return v && len == 4 ? (uint32_t)fdt_cells(v, 1) : fallback;
}

void fdt_boot_memory(phys_bytes *base, phys_bytes *limit)
{
    const void *fdt = device_tree();
    uint32_t ac = root_cells(fdt, "#address-cells", 2), sc = root_cells(fdt, "#size-cells", 1);
    uint32_t len;
    const uint8_t *reg = fdt_property(fdt, "/memory", "reg", &len);
    if (!reg || (ac != 1 && ac != 2) || (sc != 1 && sc != 2) || len < 4 * (ac + sc))
        panic("the device tree has no usable /memory node");
    uint64_t start = fdt_cells(reg, ac), size = fdt_cells(reg + 4 * ac, sc);
    uint64_t end = start + size, map_end = (uint64_t)BOARD_RAM_BASE + BOARD_RAM_SIZE;
    phys_bytes kernel_end = (phys_bytes)((uintptr_t)_kernel_end - KERNEL_BASE);
    *base = start > kernel_end ? (phys_bytes)start : kernel_end;
    *limit = (phys_bytes)(end < map_end ? end : map_end);
}

static int chosen_address(const void *fdt, const char *name, phys_bytes *out)
{
    uint32_t len;
    const void *v = fdt_property(fdt, "/chosen", name, &len);
    if (!v || (len != 4 && len != 8))
        return -ENOENT;
    *out = (phys_bytes)fdt_cells(v, len / 4);
    return OK;
}

int fdt_boot_image(phys_bytes *base, phys_bytes *size)
{
    const void *fdt = device_tree();
    phys_bytes start, end;
    if (chosen_address(fdt, "linux,initrd-start", &start) != OK ||
        chosen_address(fdt, "linux,initrd-end", &end) != OK || end <= start || end >= KERNEL_BASE)
        return -ENOENT;
    *base = start;
    *size = end - start;
    return OK;
}

int fdt_boot_reserved(unsigned i, phys_bytes *base, phys_bytes *size)
{
    if (i > 0)
        return -ENOENT;
    *base = arm_boot_dtb;
    *size = fdt_size(device_tree());
    return OK;
}
