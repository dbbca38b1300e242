/* The PCI service's client for drivers (the protocol is PCI_* in include/os/com.h): find a
 * device, read its BARs, read and write its configuration registers. */
#ifndef LIB_PCI_H
#define LIB_PCI_H

#include <libsys.h>

struct pci_dev {
    uint32_t bdf;
    uint32_t vendor, device, class_code;
    uint32_t irq;          /* the interrupt line, PCI_NO_IRQ if none */
};

#define PCI_COMMAND        0x04
#define PCI_COMMAND_IO     0x1
#define PCI_COMMAND_MEMORY 0x2
#define PCI_COMMAND_MASTER 0x4   /* the device may do DMA */

/* The index-th device (from 0) with this vendor and device id (PCI_ANY: any); -ENOENT after
 * the last. */
int pci_find(uint32_t vendor, uint32_t device, unsigned index, struct pci_dev *out);
/* The same by class: those whose class code agrees with class_code in the class_mask bits. */
int pci_find_class(uint32_t class_code, uint32_t class_mask, unsigned index, struct pci_dev *out);
int pci_bar(uint32_t bdf, unsigned bar, uint32_t *base, uint32_t *size, int *io);
int pci_read(uint32_t bdf, uint32_t offset, uint32_t width, uint32_t *value);
int pci_write(uint32_t bdf, uint32_t offset, uint32_t width, uint32_t value);

#endif
