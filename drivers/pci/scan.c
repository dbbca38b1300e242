/* PCI configuration space through mechanism #1 (an address at port 0xcf8, the data at
 * 0xcfc), and the scan that finds every function and sizes its BARs. */
#include <os/com.h>
#include "pci.h"

#define CONFIG_ADDRESS 0xcf8
#define CONFIG_DATA    0xcfc

struct pci_func pci_funcs[PCI_MAX_FUNCS];
unsigned pci_nr_funcs;

static void select_register(uint32_t bdf, uint32_t offset)
{
    uint32_t address = 0x80000000u | bdf << 8 | (offset & 0xfc);
    sys_devio(CONFIG_ADDRESS, 4, 1, &address);
}

uint32_t pci_cfg_read(uint32_t bdf, uint32_t offset, uint32_t width)
{
    uint32_t value = 0xffffffffu;
    select_register(bdf, offset);
    if (sys_devio(CONFIG_DATA + (offset & 3), width, 0, &value) != OK)
        return 0xffffffffu;
    return width == 4 ? value : value & ((1u << (8 * width)) - 1);
}

void pci_cfg_write(uint32_t bdf, uint32_t offset, uint32_t width, uint32_t value)
{
    select_register(bdf, offset);
    sys_devio(CONFIG_DATA + (offset & 3), width, 1, &value);
}

/* A BAR as the firmware left it. One that reads as zero is not in use; a 64-bit memory
 * BAR takes the next slot too. Returns how many slots it takes. */
static unsigned read_bar(struct pci_func *f, unsigned i)
{
    uint32_t old = pci_cfg_read(f->bdf, 0x10 + 4 * i, 4);
    int io = old & 1;
    f->bar_base[i] = io ? old & 0xfffffffcu : old & 0xfffffff0u;
    f->bar_flags[i] = (io ? PCI_BAR_IO : 0) | (f->bar_base[i] ? 0 : PCI_BAR_SIZED);
    if (!io && ((old >> 1) & 3) == 2 && i + 1 < PCI_NR_BARS) {
        f->bar_flags[i + 1] = PCI_BAR_SIZED;   /* the upper half: no BAR of its own */
        return 2;
    }
    return 1;
}

/* A BAR's size is what the device keeps of all ones written to it, with decoding off so
 * that the device does not answer at the probe's address meanwhile. Only asked for by the
 * device's driver while it sets the device up, and then kept: a device in use is never
 * probed, also not by a restarted pci service. */
uint32_t pci_bar_size(struct pci_func *f, unsigned i)
{
    if (f->bar_flags[i] & PCI_BAR_SIZED)
        return f->bar_size[i];
    uint32_t reg = 0x10 + 4 * i, old = pci_cfg_read(f->bdf, reg, 4);
    uint32_t command = pci_cfg_read(f->bdf, 0x04, 2);
    pci_cfg_write(f->bdf, 0x04, 2, command & ~3u);
    pci_cfg_write(f->bdf, reg, 4, 0xffffffffu);
    uint32_t probe = pci_cfg_read(f->bdf, reg, 4);
    pci_cfg_write(f->bdf, reg, 4, old);
    pci_cfg_write(f->bdf, 0x04, 2, command);
    uint32_t mask = f->bar_flags[i] & PCI_BAR_IO ? (probe & 0xfffffffcu) | 0xffff0000u
                                                  : probe & 0xfffffff0u;   /* ports: 16 bits */
    f->bar_size[i] = mask && probe ? ~mask + 1 : 0;
    f->bar_flags[i] |= PCI_BAR_SIZED;
    return f->bar_size[i];
}

static void scan_bus(uint32_t bus, unsigned depth);

static void add_function(uint32_t bdf, unsigned depth)
{
    uint32_t header = pci_cfg_read(bdf, 0x0e, 1) & 0x7f;
    if (pci_nr_funcs < PCI_MAX_FUNCS) {
        struct pci_func *f = &pci_funcs[pci_nr_funcs++];
        *f = (struct pci_func){ .bdf = bdf };
        f->vendor = pci_cfg_read(bdf, 0x00, 2);
        f->device = pci_cfg_read(bdf, 0x02, 2);
        f->class_code = pci_cfg_read(bdf, 0x08, 4) >> 8;
        uint32_t pin = pci_cfg_read(bdf, 0x3d, 1);
        f->irq = pin ? pci_cfg_read(bdf, 0x3c, 1) : PCI_NO_IRQ;
        unsigned bars = header == 0 ? 6 : header == 1 ? 2 : 0;
        for (unsigned i = 0; i < bars; i += read_bar(f, i))
            ;
    }
    uint32_t secondary = pci_cfg_read(bdf, 0x19, 1);
    if (header == 1 && secondary > bdf >> 8 && depth < 8)
        scan_bus(secondary, depth + 1);
}

static void scan_bus(uint32_t bus, unsigned depth)
{
    for (uint32_t dev = 0; dev < 32; dev++) {
        uint32_t bdf = bus << 8 | dev << 3;
        if (pci_cfg_read(bdf, 0x00, 2) == 0xffff)
            continue;
        int multi = pci_cfg_read(bdf, 0x0e, 1) & 0x80;
        for (uint32_t fn = 0; fn < (multi ? 8u : 1u); fn++)
            if (pci_cfg_read(bdf | fn, 0x00, 2) != 0xffff)
                add_function(bdf | fn, depth);
    }
}

unsigned pci_scan(void)
{
    pci_nr_funcs = 0;
    scan_bus(0, 0);
    return pci_nr_funcs;
}
