/* Memory a device reads and writes by itself: physically contiguous pages from VM, with the
 * physical address to give the device. */
#ifndef LIB_DMA_H
#define LIB_DMA_H

#include <libsys.h>

/* Zeroed, writable, page-aligned memory of len bytes, kept until the process ends. */
int dma_alloc(uint32_t len, void **va, phys_bytes *pa);

#endif
