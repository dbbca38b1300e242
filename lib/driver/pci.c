/* Requests to the PCI service, found in DS under its label "pci". */
#include "pci.h"

/* A restarted service has a new endpoint: the request goes once more to that. */
static int pci_call(message *m, int type)
{
    static endpoint_t pci = NONE;
    message copy = *m;
    int r = -EDEADSRCDST;
    for (int tries = 0; tries < 2 && r == -EDEADSRCDST; tries++) {
        if (pci == NONE && (r = ds_lookup("pci", &pci)) != OK)
            return r;
        *m = copy;
        m->m_type = type;
        if ((r = ipc_sendrec(pci, m)) == -EDEADSRCDST)
            pci = NONE;
    }
    return r != OK ? r : m->m_type;
}

static int find(message *m, unsigned index, struct pci_dev *out)
{
    m->m.pci.index = index;
    int r = pci_call(m, PCI_FIND);
    if (r != OK)
        return r;
    *out = (struct pci_dev){ m->m.pci.bdf, m->m.pci.vendor, m->m.pci.device,
                             m->m.pci.class_code, m->m.pci.irq };
    return OK;
}

int pci_find(uint32_t vendor, uint32_t device, unsigned index, struct pci_dev *out)
{
    message m = { 0 };
    m.m.pci.vendor = vendor;
    m.m.pci.device = device;
    return find(&m, index, out);
}

int pci_find_class(uint32_t class_code, uint32_t class_mask, unsigned index, struct pci_dev *out)
{
    message m = { 0 };
    m.m.pci.vendor = PCI_ANY;
    m.m.pci.device = PCI_ANY;
    m.m.pci.class_code = class_code;
    m.m.pci.class_mask = class_mask;
    return find(&m, index, out);
}

int pci_bar(uint32_t bdf, unsigned bar, uint32_t *base, uint32_t *size, int *io)
{
    message m = { 0 };
    m.m.pci.bdf = bdf;
    m.m.pci.index = bar;
    int r = pci_call(&m, PCI_BAR);
    if (r != OK)
        return r;
    *base = m.m.pci.value;
    *size = m.m.pci.size;
    *io = (m.m.pci.flags & PCI_BAR_IO) != 0;
    return OK;
}

int pci_read(uint32_t bdf, uint32_t offset, uint32_t width, uint32_t *value)
{
    message m = { 0 };
    m.m.pci.bdf = bdf;
    m.m.pci.offset = offset;
    m.m.pci.width = width;
    int r = pci_call(&m, PCI_READ);
    if (r == OK)
        *value = m.m.pci.value;
    return r;
}

int pci_write(uint32_t bdf, uint32_t offset, uint32_t width, uint32_t value)
{
    message m = { 0 };
    m.m.pci.bdf = bdf;
    m.m.pci.offset = offset;
    m.m.pci.width = width;
    m.m.pci.value = value;
    return pci_call(&m, PCI_WRITE);
}
