/* Fixed-width types shared by the kernel, servers and programs.
 * Every ABI structure is built from these so its layout is the same on every architecture. */
#ifndef OS_TYPES_H
#define OS_TYPES_H

#include <stdint.h>
#include <stddef.h>

typedef int32_t endpoint_t;   /* generation * ENDPOINT_SLOTS + slot; negative values are special */
typedef uint32_t vir_bytes;   /* a user virtual address or size */
typedef uint32_t phys_bytes;  /* a physical address or size */
typedef int32_t grant_id_t;   /* index | sequence << GRANT_SEQ_SHIFT */

#endif
