/* The memory manager's state: physical frames with reference counts, and per process the
 * pages it has mapped (which frame, how), its heap and its stack. */
#ifndef VM_VM_H
#define VM_VM_H

#include <libsys.h>

#define BOOTIMG_VA   0x40000000u   /* the boot image, read-only, in VM's own space */
#define SCRATCH_VA   0x60000000u   /* two pages where VM maps frames to fill them */
#define MMAP_BASE    0x10000000u
#define MMAP_LIMIT   0x70000000u
#define STACK_EAGER  (64u * 1024)  /* allocated at exec */
#define STACK_MAX    (8u * 1024 * 1024)

/* Page flags. */
#define PG_WRITE 0x1   /* the process may write (once a COW copy is made, if PG_COW) */
#define PG_EXEC  0x2
#define PG_COW   0x4   /* shared after fork: mapped read-only until written */
#define PG_STACK 0x8
#define PG_MMAP  0x10

struct vmproc {
    int used;
    endpoint_t ep;
    vir_bytes heap_base, brk;   /* the heap is [heap_base, PAGE_UP(brk)) */
    vir_bytes stack_lo;         /* lowest mapped stack page */
    int pages;                  /* head of its page list, -1 if none */
};

extern struct vmproc vmproc[NR_SLOTS];

/* frames.c */
void frames_init(void);
phys_bytes frame_alloc(void);         /* zeroed; 0 if none is left */
void frame_ref(phys_bytes pa);
void frame_unref(phys_bytes pa);
unsigned frame_refs(phys_bytes pa);
void frame_counts(uint32_t *total, uint32_t *free_frames);
void *scratch_map(int which, phys_bytes pa);   /* which: 0 or 1 */
void scratch_unmap(int which);

/* pages.c */
struct vmproc *vmp_of(endpoint_t ep);
int page_find(struct vmproc *vp, vir_bytes va);          /* record index or -1 */
phys_bytes page_frame(int rec);
uint32_t page_flags(int rec);
int page_add(struct vmproc *vp, vir_bytes va, phys_bytes pa, uint32_t flags);
int page_new(struct vmproc *vp, vir_bytes va, uint32_t flags);   /* a zeroed frame */
int page_remap(struct vmproc *vp, int rec, phys_bytes pa, uint32_t flags);
void pages_remove_range(struct vmproc *vp, vir_bytes va, vir_bytes len, uint32_t flags);
void pages_free_all(struct vmproc *vp);
int pages_copy_cow(struct vmproc *parent, struct vmproc *child);
vir_bytes range_used_top(struct vmproc *vp, vir_bytes va, vir_bytes len);
int vmctl(uint32_t op, endpoint_t target, vir_bytes va, phys_bytes pa, uint32_t len, uint32_t flags);

/* exec.c */
void bootimg_init(void);
int do_exec(message *m);

#endif
