/* pci: the PCI bus service. It scans the bus once at start-up and then tells drivers where
 * their devices are (PCI_FIND, PCI_BAR) and reads and writes configuration registers for
 * them (PCI_READ, PCI_WRITE). Its policy gives it the configuration ports only. */
#include "pci.h"
#include "../../lib/common/fmt.h"

static struct pci_func *func_of(uint32_t bdf)
{
    for (unsigned i = 0; i < pci_nr_funcs; i++)
        if (pci_funcs[i].bdf == bdf)
            return &pci_funcs[i];
    return NULL;
}

static int matches(const struct pci_func *f, const struct pci_payload *q)
{
    return (q->vendor == PCI_ANY || q->vendor == f->vendor) &&
           (q->device == PCI_ANY || q->device == f->device) &&
           ((f->class_code ^ q->class_code) & q->class_mask) == 0;
}

static int do_find(struct pci_payload *q)
{
    uint32_t skip = q->index;
    for (unsigned i = 0; i < pci_nr_funcs; i++) {
        const struct pci_func *f = &pci_funcs[i];
        if (!matches(f, q) || skip-- > 0)
            continue;
        q->bdf = f->bdf;
        q->vendor = f->vendor;
        q->device = f->device;
        q->class_code = f->class_code;
        q->irq = f->irq;
        return OK;
    }
    return -ENOENT;
}

static int do_bar(struct pci_payload *q)
{
    struct pci_func *f = func_of(q->bdf);
    if (!f)
        return -ENXIO;
    if (q->index >= PCI_NR_BARS)
        return -EINVAL;
    if (pci_bar_size(f, q->index) == 0)
        return -ENOENT;
    q->value = f->bar_base[q->index];
    q->size = f->bar_size[q->index];
    q->flags = f->bar_flags[q->index] & PCI_BAR_IO;
    return OK;
}

/* Only functions that exist, registers inside the 256-byte header, naturally aligned. */
static int check_register(const struct pci_payload *q)
{
    if (!func_of(q->bdf))
        return -ENXIO;
    if ((q->width != 1 && q->width != 2 && q->width != 4) || q->offset >= 256 ||
        q->offset % q->width)
        return -EINVAL;
    return OK;
}

static int handle(message *m)
{
    struct pci_payload *q = &m->m.pci;
    int r;
    switch (m->m_type) {
    case PCI_FIND:
        return do_find(q);
    case PCI_BAR:
        return do_bar(q);
    case PCI_READ:
        if ((r = check_register(q)) == OK)
            q->value = pci_cfg_read(q->bdf, q->offset, q->width);
        return r;
    case PCI_WRITE:
        if ((r = check_register(q)) == OK)
            pci_cfg_write(q->bdf, q->offset, q->width, q->value);
        return r;
    default:
        return -EBADREQUEST;
    }
}

static void on_request(message *m)
{
    m->m_type = handle(m);
    ipc_sendnb(m->m_source, m);
}

/* One line per function, so that lines of other processes do not cut into it. */
static void report(const struct pci_func *f)
{
    char line[320];
    int n = fmt_snprintf(line, sizeof line, "pci: %02x:%02x.%x %04x:%04x class %06x",
                         (unsigned)(f->bdf >> 8), (unsigned)((f->bdf >> 3) & 31),
                         (unsigned)(f->bdf & 7), (unsigned)f->vendor, (unsigned)f->device,
                         (unsigned)f->class_code);
    if (f->irq != PCI_NO_IRQ)
        n += fmt_snprintf(line + n, sizeof line - n, " irq %u", (unsigned)f->irq);
    for (unsigned i = 0; i < PCI_NR_BARS; i++)
        if (f->bar_base[i])
            n += fmt_snprintf(line + n, sizeof line - n, " bar%u %s 0x%x", i,
                              f->bar_flags[i] & PCI_BAR_IO ? "io" : "mem",
                              (unsigned)f->bar_base[i]);
    log_printf("%s\n", line);
}

int main(void)
{
    unsigned n = pci_scan();
    for (unsigned i = 0; i < n; i++)
        report(&pci_funcs[i]);
    if (n == 0)
        log_printf("pci: no PCI bus\n");
    rs_init_done();
    serve(NULL, on_request);
}
