/* Reading a flattened device tree, the memory map and boot arguments a loader hands over. */
#ifndef LIB_COMMON_FDT_H
#define LIB_COMMON_FDT_H

#include <stdint.h>

/* The tree's total size, or 0 if fdt does not hold a well-formed header. */
uint32_t fdt_size(const void *fdt);

/* The value of property `name` of the node at `path` ("/chosen", "/memory"; a component
 * without "@unit" matches any unit address), or NULL; *len gets its length in bytes. */
const void *fdt_property(const void *fdt, const char *path, const char *name, uint32_t *len);

/* A big-endian number of `cells` 32-bit cells (1 or 2) at p. */
uint64_t fdt_cells(const void *p, uint32_t cells);

#endif
