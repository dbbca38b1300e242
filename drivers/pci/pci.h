/* The PCI service's parts: configuration space through mechanism #1 and the table of the
 * functions found at start-up (scan.c), and the requests about them (pci.c). */
#ifndef PCI_PCI_H
#define PCI_PCI_H

#include <libsys.h>

#define PCI_MAX_FUNCS 64
#define PCI_NR_BARS   6

struct pci_func {
    uint32_t bdf;
    uint32_t vendor, device, class_code;
    uint32_t irq;
    uint32_t bar_base[PCI_NR_BARS];   /* 0: not used */
    uint32_t bar_size[PCI_NR_BARS];   /* once PCI_BAR_SIZED */
    uint32_t bar_flags[PCI_NR_BARS];  /* PCI_BAR_IO, PCI_BAR_SIZED */
};
#define PCI_BAR_SIZED 0x100   /* bar_size is known (0 for a BAR not in use) */

extern struct pci_func pci_funcs[PCI_MAX_FUNCS];
extern unsigned pci_nr_funcs;

/* The register at offset (width 1, 2 or 4, offset a multiple of it) of function bdf. */
uint32_t pci_cfg_read(uint32_t bdf, uint32_t offset, uint32_t width);
void pci_cfg_write(uint32_t bdf, uint32_t offset, uint32_t width, uint32_t value);
/* Fills the table from bus 0 and the buses behind its bridges; returns how many it found.
 * BARs are read, not sized. */
unsigned pci_scan(void);
uint32_t pci_bar_size(struct pci_func *f, unsigned i);   /* probes the device the first time */

#endif
