/* The memory manager's state and the interfaces between its parts: physical frames, page
 * records, address spaces made of regions, exec from the boot image, and page faults. */
#ifndef VM_VM_H
#define VM_VM_H

#include <libsys.h>

/* VM's own address space: the boot image, read-only, and a window of two pages where a
 * frame is mapped for a moment to be zeroed, filled or copied. */
#define BOOTIMG_VA   0x40000000u
#define SCRATCH_VA   0x50000000u

/* Every process's layout. Stacks end at USER_STACK_TOP and may grow down to STACK_LIMIT;
 * exec loads nothing there, and mmap places mappings in [MMAP_BASE, MMAP_LIMIT). */
#define STACK_EAGER      (64u * 1024)             /* allocated at exec */
#define STACK_MAX        (8u * 1024 * 1024)
#define STACK_LIMIT      (USER_STACK_TOP - STACK_MAX)
#define STACK_IMAGE_MAX  (32u * 1024)             /* PM's argc/argv/envp image */
#define BOOT_STACK_SIZE  (64u * 1024)             /* the kernel's default (kernel/config.h) */
#define MMAP_BASE        0x10000000u
#define MMAP_LIMIT       0x70000000u

/* ---- frames.c: physical frames with reference counts (one per address space) ---- */
void frames_init(void);
phys_bytes frame_alloc(void);                 /* contents undefined; 0 when none is left */
phys_bytes frame_alloc_zeroed(void);
phys_bytes frames_alloc_run(uint32_t count);  /* contiguous, one reference each; 0 if none */
void frame_ref(phys_bytes pa);
void frame_unref(phys_bytes pa);              /* frees the frame at the last reference */
unsigned frame_refs(phys_bytes pa);
uint32_t frames_total(void);
uint32_t frames_free(void);
int frame_copy(phys_bytes dst, phys_bytes src);
void *frame_window(int which, phys_bytes pa); /* the frame mapped in VM, which: 0 or 1 */

/* ---- pages.c: which frame backs each page of each process ---- */
#define PAGE_COW 0x1   /* shared after fork: mapped read-only until written */

struct page {
    uint32_t key;      /* slot and page number */
    uint32_t entry;    /* frame address | PAGE_* flags */
    int32_t next;      /* hash chain */
};

struct page *page_find(int slot, vir_bytes va);
int page_insert(int slot, vir_bytes va, phys_bytes pa, uint32_t flags);
int page_remove(int slot, vir_bytes va, phys_bytes *pa);   /* OK if there was one */
uint32_t pages_free(void);
static inline phys_bytes page_pa(const struct page *p) { return p->entry & ~(PAGE_SIZE - 1); }
static inline uint32_t page_flags(const struct page *p) { return p->entry & (PAGE_SIZE - 1); }

/* ---- space.c: address spaces made of regions ---- */
enum region_kind { RK_IMAGE = 1, RK_HEAP, RK_STACK, RK_MMAP, RK_DMA };
#define RF_WRITE 0x1
#define RF_EXEC  0x2

struct region {
    vir_bytes start, end;   /* page-aligned [start, end) */
    uint8_t kind;
    uint8_t flags;          /* RF_* */
    int16_t next;           /* the owner's next region, by address; -1 at the end */
};

struct vmproc {
    endpoint_t ep;
    uint8_t used;
    uint8_t boot;           /* loaded by the kernel: its image and stack pages are not VM's */
    int16_t regions;        /* first region, -1 if none */
    uint16_t nr_regions;
    vir_bytes heap_base;    /* the break may not go below it */
    vir_bytes brk;          /* the heap region ends at PAGE_UP(brk) */
    vir_bytes limit;        /* the most heap, mapping and DMA bytes it may have; 0: no limit */
};

int vmctl(uint32_t op, endpoint_t target, vir_bytes va, phys_bytes pa, uint32_t len, uint32_t flags);
int proc_alive(endpoint_t ep);
struct vmproc *vmp_known(endpoint_t ep);      /* a live process VM manages, or NULL */
vir_bytes vmp_limit(endpoint_t ep);           /* its memory limit; 0: none or unknown */
struct vmproc *vmp_take(endpoint_t ep);       /* a fresh, empty record for ep's slot */
void vmp_release(struct vmproc *vp);          /* drops every page and region */
int vmp_reclaim_dead(void);                   /* drops processes that died unannounced */
static inline int vmp_slot(const struct vmproc *vp) { return ENDPOINT_SLOT(vp->ep); }

struct region *region_at(struct vmproc *vp, vir_bytes va);
struct region *region_of(int index);
struct region *region_add(struct vmproc *vp, vir_bytes start, vir_bytes end, int kind, int flags);
void region_remove(struct vmproc *vp, struct region *r);
int range_is_free(struct vmproc *vp, vir_bytes start, vir_bytes end);
int page_map(struct vmproc *vp, const struct region *r, vir_bytes va, phys_bytes pa, uint32_t pflags);
int pages_fill(struct vmproc *vp, const struct region *r, vir_bytes start, vir_bytes end);
void pages_drop(struct vmproc *vp, vir_bytes start, vir_bytes end);
int space_fork(struct vmproc *parent, struct vmproc *child);

/* ---- heap.c: brk, mmap and munmap ---- */
int do_brk(struct vmproc *vp, vir_bytes addr);
int do_mmap(struct vmproc *vp, message *m);
int do_munmap(struct vmproc *vp, message *m);
vir_bytes mmap_place(struct vmproc *vp, vir_bytes len);   /* a free gap, or 0 */
int within_limit(struct vmproc *vp, vir_bytes more);      /* may it have `more` bytes more? */
int do_setlimit(message *m);

/* ---- dma.c: physically contiguous memory for drivers ---- */
int do_dma_alloc(struct vmproc *vp, message *m);

/* ---- exec.c: programs from the boot image ---- */
void bootimg_init(void);
int do_exec(message *m);
int boot_layout(struct vmproc *vp);           /* regions of a boot process, from its ELF */

/* ---- fault.c: page faults the kernel reports ---- */
void faults_handle(void);

#endif
