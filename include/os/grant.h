/* Memory grants: a table in the granter's own memory, registered with SYS_SETGRANT.
 * The kernel reads an entry at copy time, so a grant can be revoked by clearing it. */
#ifndef OS_GRANT_H
#define OS_GRANT_H

#include <os/types.h>

#define GRANT_VALID  0x1
#define GRANT_READ   0x2   /* the grantee may copy from the memory */
#define GRANT_WRITE  0x4   /* the grantee may copy into the memory */
#define GRANT_INDIRECT 0x8 /* passes on part of a grant made to the granter: VFS hands a
                            * program's buffer to a file server or driver without a copy */

#define GRANT_SEQ_SHIFT 16
#define GRANT_INDEX(g)  ((uint32_t)(g) & 0xffff)
#define GRANT_SEQ(g)    (((uint32_t)(g) >> GRANT_SEQ_SHIFT) & 0x7fff)
#define GRANT_ID(i, s)  ((grant_id_t)(((uint32_t)(s) & 0x7fff) << GRANT_SEQ_SHIFT | (uint32_t)(i)))

struct grant {
    uint32_t flags;
    endpoint_t grantee;   /* or ANY */
    vir_bytes addr;       /* GRANT_INDIRECT: the offset into the other grant */
    vir_bytes size;
    uint32_t seq;         /* must match the id's sequence number: old ids expire */
    endpoint_t from;      /* GRANT_INDIRECT: who made the other grant, */
    grant_id_t from_grant;/* and its id; it must be for the granter and not indirect itself */
    vir_bytes moved;      /* bytes copied through it so far: the kernel adds each copy here,
                           * so the granter can tell a driver that says it read a block from
                           * one that did */
};

#endif
