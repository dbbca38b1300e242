/* The PC board: COM1 16550 console, the two 8259 PICs, the 8254 PIT, memory and the boot
 * image from the multiboot loader, and power-off through QEMU's ACPI port. */
#include "../../kernel/kernel.h"
#include "../../kernel/board.h"
#include "../../arch/x86/x86.h"

const char board_name[] = "pc";

#define COM1 0x3F8
#define PIC1 0x20
#define PIC2 0xA0
#define PIT_CH0 0x40
#define PIT_CMD 0x43
#define PIT_HZ 1193182u

void board_console_init(void)
{
    outb(COM1 + 1, 0x00);   /* no interrupts: the kernel polls */
    outb(COM1 + 3, 0x80);   /* divisor latch */
    outb(COM1 + 0, 0x01);   /* 115200 baud */
    outb(COM1 + 1, 0x00);
    outb(COM1 + 3, 0x03);   /* 8N1 */
    outb(COM1 + 2, 0xC7);   /* FIFOs on */
    outb(COM1 + 4, 0x03);   /* DTR, RTS */
}

void board_console_putc(char c)
{
    for (int i = 0; i < 100000 && !(inb(COM1 + 5) & 0x20); i++)
        ;
    outb(COM1, (uint8_t)c);
}

static uint16_t irq_mask = 0xFFFB;   /* all masked but the cascade */

static void write_masks(void)
{
    outb(PIC1 + 1, (uint8_t)irq_mask);
    outb(PIC2 + 1, (uint8_t)(irq_mask >> 8));
}

void board_irq_init(void)
{
    outb(PIC1, 0x11);                 /* ICW1: edge, cascade, ICW4 */
    outb(PIC2, 0x11);
    outb(PIC1 + 1, IRQ_VECTOR_BASE);  /* ICW2: vectors */
    outb(PIC2 + 1, IRQ_VECTOR_BASE + 8);
    outb(PIC1 + 1, 0x04);             /* ICW3: slave on line 2 */
    outb(PIC2 + 1, 0x02);
    outb(PIC1 + 1, 0x01);             /* ICW4: 8086 mode */
    outb(PIC2 + 1, 0x01);
    write_masks();
}

void board_irq_mask(unsigned line)
{
    if (line < 16 && line != 2) {
        irq_mask |= (uint16_t)(1u << line);
        write_masks();
    }
}

void board_irq_unmask(unsigned line)
{
    if (line < 16) {
        irq_mask &= (uint16_t)~(1u << line);
        write_masks();
    }
}

void board_irq_eoi(unsigned line)
{
    if (line >= 8)
        outb(PIC2, 0x20);
    outb(PIC1, 0x20);
}

unsigned board_irq_count(void)
{
    return 16;
}

void board_timer_init(unsigned hz)
{
    uint32_t divisor = PIT_HZ / hz;
    outb(PIT_CMD, 0x34);              /* channel 0, lo/hi, rate generator */
    outb(PIT_CH0, (uint8_t)divisor);
    outb(PIT_CH0, (uint8_t)(divisor >> 8));
    board_irq_unmask(0);
}

unsigned board_timer_irq(void)
{
    return 0;
}

void board_timer_ack(void)
{
}

static const struct multiboot_info *mb_info(void)
{
    if (x86_multiboot_magic != MULTIBOOT_BOOTLOADER_MAGIC)
        panic("not started by a multiboot loader (magic 0x%x)", (unsigned)x86_multiboot_magic);
    return arch_phys_to_kernel(x86_multiboot_info);
}

static const struct multiboot_module *first_module(void)
{
    const struct multiboot_info *mb = mb_info();
    if (!(mb->flags & MB_INFO_MODS) || mb->mods_count == 0)
        return NULL;
    return arch_phys_to_kernel(mb->mods_addr);
}

void board_memory(phys_bytes *base, phys_bytes *limit)
{
    const struct multiboot_info *mb = mb_info();
    const struct multiboot_module *mod = first_module();
    phys_bytes end = (phys_bytes)((uint32_t)_kernel_end - KERNEL_BASE);
    if (mod && mod->mod_end > end)
        end = mod->mod_end;
    if (!(mb->flags & MB_INFO_MEMORY))
        panic("the boot loader gave no memory size");
    phys_bytes top = 0x100000u + mb->mem_upper * 1024u;
    *base = end;
    *limit = top < DIRECT_MAP_MAX ? top : DIRECT_MAP_MAX;
}

int board_boot_image(phys_bytes *base, phys_bytes *size)
{
    const struct multiboot_module *mod = first_module();
    if (!mod)
        return -ENOENT;
    *base = mod->mod_start;
    *size = mod->mod_end - mod->mod_start;
    return OK;
}

int board_reserved(unsigned i, phys_bytes *base, phys_bytes *size)
{
    (void)i, (void)base, (void)size;
    return -ENOENT;   /* the boot image is the only thing multiboot leaves us */
}

_Noreturn void board_poweroff(void)
{
    outw(0x604, 0x2000);    /* QEMU's ACPI PM1a control: sleep type 5 */
    outw(0xB004, 0x2000);   /* older QEMU and Bochs */
    for (;;)
        arch_idle();
}

_Noreturn void board_reboot(void)
{
    for (int i = 0; i < 1000 && (inb(0x64) & 0x02); i++)
        ;
    outb(0x64, 0xFE);       /* keyboard controller: pulse reset */
    for (;;)
        arch_idle();
}
