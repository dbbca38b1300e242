/* DMA memory for drivers: VM_DMA_ALLOC. */
#include "dma.h"

int dma_alloc(uint32_t len, void **va, phys_bytes *pa)
{
    message m = { 0 };
    m.m_type = VM_DMA_ALLOC;
    m.m.vm.len = len;
    int r = ipc_sendrec(VM_PROC, &m);
    if (r == OK)
        r = m.m_type;
    if (r != OK)
        return r;
    *va = (void *)(uintptr_t)m.m.vm.addr;
    *pa = m.m.vm.phys;
    return OK;
}
