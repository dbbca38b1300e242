/* pcitest: the PCI service as a driver sees it, on QEMU's pc with the virtio test disk
 * boot/qemu.py attaches: finding devices by id and by class, BARs, configuration reads and
 * writes, the requests it must refuse, and a restart of the service. */
#include <testjob.h>
#include <pci.h>

#define VIRTIO_VENDOR  0x1af4
#define VIRTIO_BLOCK   0x1001
#define CLASS_STORAGE  0x010000
#define CLASS_MASK     0xff0000
#define CFG_CACHELINE  0x0c     /* a register the test may change and put back */

static int raw(int type, uint32_t bdf, uint32_t index, uint32_t offset, uint32_t width)
{
    endpoint_t pci;
    message m = { 0 };
    m.m.pci.bdf = bdf;
    m.m.pci.index = index;
    m.m.pci.offset = offset;
    m.m.pci.width = width;
    return ds_lookup("pci", &pci) == OK ? call(pci, &m, type) : -ESRCH;
}

static unsigned count_storage(void)
{
    struct pci_dev d;
    unsigned n = 0;
    while (pci_find_class(CLASS_STORAGE, CLASS_MASK, n, &d) == OK && (d.class_code >> 16) == 1)
        n++;
    return n;
}

int main(void)
{
    job_start("pcitest");
    struct pci_dev d;
    uint32_t base, size, v, old;
    int io;
    check("finds the virtio block device by its ids",
          pci_find(VIRTIO_VENDOR, VIRTIO_BLOCK, 0, &d) == OK && d.vendor == VIRTIO_VENDOR &&
          d.device == VIRTIO_BLOCK && d.irq != PCI_NO_IRQ);
    check("there is no second one", pci_find(VIRTIO_VENDOR, VIRTIO_BLOCK, 1, &d) == -ENOENT);
    pci_find(VIRTIO_VENDOR, VIRTIO_BLOCK, 0, &d);
    check("its BAR 0 is an I/O range", pci_bar(d.bdf, 0, &base, &size, &io) == OK && io &&
          size >= 0x20 && (base & (size - 1)) == 0);
    check("its config space names it", pci_read(d.bdf, 0, 4, &v) == OK &&
          v == (VIRTIO_BLOCK << 16 | VIRTIO_VENDOR));
    check("a class finds the IDE controller and the virtio disk", count_storage() >= 2);
    check("a config write reads back", pci_read(d.bdf, CFG_CACHELINE, 1, &old) == OK &&
          pci_write(d.bdf, CFG_CACHELINE, 1, 0x10) == OK &&
          pci_read(d.bdf, CFG_CACHELINE, 1, &v) == OK && v == 0x10 &&
          pci_write(d.bdf, CFG_CACHELINE, 1, old) == OK);
    check("an unused BAR gives ENOENT", pci_bar(d.bdf, 5, &base, &size, &io) == -ENOENT);
    check("BAR 6 gives EINVAL", raw(PCI_BAR, d.bdf, 6, 0, 0) == -EINVAL);
    check("a function that is not there gives ENXIO", raw(PCI_READ, 0xff00, 0, 0, 4) == -ENXIO &&
          raw(PCI_BAR, 0xff00, 0, 0, 0) == -ENXIO);
    check("a bad width or offset gives EINVAL", raw(PCI_READ, d.bdf, 0, 0, 3) == -EINVAL &&
          raw(PCI_READ, d.bdf, 0, 2, 4) == -EINVAL && raw(PCI_WRITE, d.bdf, 0, 256, 1) == -EINVAL);
    check("an unknown request gives EBADREQUEST", raw(PCI_CALL_END, 0, 0, 0, 0) == -EBADREQUEST);

    endpoint_t before;
    uint32_t base2, size2;
    pci_bar(d.bdf, 0, &base, &size, &io);
    ds_lookup("pci", &before);
    check("RS restarts the pci service", t_rs(RS_RESTART, "pci") == OK &&
          t_next_endpoint("pci", before) != NONE);
    check("after the restart it finds the device and its BAR as before",
          pci_find(VIRTIO_VENDOR, VIRTIO_BLOCK, 0, &d) == OK &&
          pci_bar(d.bdf, 0, &base2, &size2, &io) == OK && io && base2 == base && size2 == size);
    return job_done();
}
