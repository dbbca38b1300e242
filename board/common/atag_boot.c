/* Memory and the boot image from the ATAG list a Linux-style loader passes in r2 (QEMU
 * -kernel without -dtb on boards with no device tree): ATAG_MEM and ATAG_INITRD2. boot_args.c
 * calls these when r2 points at an ATAG list. */
#include "../../kernel/kernel.h"
#include "../../kernel/board.h"
#include "../../arch/arm/arm.h"
#include "board_config.h"
#include "boot_args.h"

#define ATAG_NONE    0x00000000u
#define ATAG_CORE    0x54410001u
#define ATAG_MEM     0x54410002u
#define ATAG_INITRD2 0x54420005u
#define ATAG_LIMIT   4096         /* the list is small; stop walking garbage early */

struct atag {
    uint32_t words;   /* the tag's length in 32-bit words, header included */
    uint32_t tag;
    uint32_t data[];
};

/* The first tag of `kind`, or 0. arm_boot_dtb holds what the loader left in r2. */
static const struct atag *find_atag(uint32_t kind)
{
    if (!arm_boot_dtb || arm_boot_dtb >= KERNEL_BASE)
        panic("the boot loader passed no ATAG list");
    const uint32_t *p = arch_phys_to_kernel(arm_boot_dtb);
    const uint32_t *end = p + ATAG_LIMIT / 4;
    if (p[1] != ATAG_CORE)
        panic("no ATAG_CORE at 0x%08x: not an ATAG list", (unsigned)arm_boot_dtb);
    while (p < end) {
        const struct atag *t = (const struct atag *)p;
        if (t->words < 2 || t->tag == ATAG_NONE)
            return 0;
        if (t->tag == kind)
            return t;
        p += t->words;
    }
    return 0;
}

void atag_boot_memory(phys_bytes *base, phys_bytes *limit)
{
    const struct atag *mem = find_atag(ATAG_MEM);
    if (!mem || mem->words < 4)
        panic("the ATAG list has no ATAG_MEM");
    uint64_t start = mem->data[1], end = start + mem->data[0];
    uint64_t map_end = (uint64_t)BOARD_RAM_BASE + BOARD_RAM_SIZE;
    phys_bytes kernel_end = (phys_bytes)((uintptr_t)_kernel_end - KERNEL_BASE);
    *base = start > kernel_end ? (phys_bytes)start : kernel_end;
    *limit = (phys_bytes)(end < map_end ? end : map_end);
}

int atag_boot_image(phys_bytes *base, phys_bytes *size)
{
    const struct atag *rd = find_atag(ATAG_INITRD2);
    if (!rd || rd->words < 4 || rd->data[1] == 0 || rd->data[0] >= KERNEL_BASE)
        return -ENOENT;
    *base = rd->data[0];
    *size = rd->data[1];
    return OK;
}

/* The list lies below the kernel (QEMU puts it at RAM + 0x100), outside board_memory. */
int atag_boot_reserved(unsigned i, phys_bytes *base, phys_bytes *size)
{
    (void)i;
    (void)base;
    (void)size;
    return -ENOENT;
}
