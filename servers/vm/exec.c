/* Exec: a static ELF program from the boot image, or from a file VFS holds in a grant,
 * replaces a process's memory, with PM's argument image atop a fresh stack; all that can
 * fail is checked before the old goes. */
#include "vm.h"
#include <os/elf.h>
#include "../../lib/common/string.h"

#define MAX_SEGMENTS 8
#define MAX_PHDRS 64

struct segment {
    vir_bytes va, memsz, filesz;
    uint32_t offset;
    uint8_t flags;   /* RF_* */
};

struct program {
    const uint8_t *file;     /* the boot image's copy, or NULL: */
    endpoint_t from;         /* the file is in this grant of VFS's */
    grant_id_t grant;
    vir_bytes entry;
    vir_bytes top;   /* the page after the highest segment: where the heap starts */
    uint32_t pages;  /* frames the segments need */
    int count;
    struct segment seg[MAX_SEGMENTS];
};

static const uint8_t *image;   /* the boot image, mapped read-only at BOOTIMG_VA */
static uint32_t image_size;
static uint32_t elf_machine;
static uint8_t stack_image[STACK_IMAGE_MAX];
static uint8_t file_head[PAGE_SIZE];   /* the ELF and program headers of a file */

static int image_check(void)
{
    const struct bootimg_header *h = (const void *)image;
    if (image_size < sizeof *h || h->magic != BOOTIMG_MAGIC || h->version != BOOTIMG_VERSION ||
        h->count > (image_size - sizeof *h) / sizeof(struct bootimg_entry))
        return -ENOEXEC;
    return OK;
}

void bootimg_init(void)
{
    struct mem_range r = { 0, 0 };
    struct machine_info mi;
    int err = sys_getinfo(GET_BOOTIMG, 0, &r, sizeof r);
    if (err >= 0)
        err = sys_machine(&mi);
    phys_bytes first = PAGE_DOWN(r.base), end = PAGE_UP(r.limit);
    if (err >= 0 && (end <= first || end - first > SCRATCH_VA - BOOTIMG_VA))
        err = -E2BIG;
    if (err >= 0)
        err = vmctl(VMCTL_MAP, SELF, BOOTIMG_VA, first, end - first, 0);
    if (err >= 0) {
        elf_machine = mi.elf_machine;
        image = (const uint8_t *)(uintptr_t)(BOOTIMG_VA + (r.base - first));
        image_size = r.limit - r.base;
        err = image_check();
    }
    if (err < 0) {
        log_printf("vm: no boot image to exec from: %s\n", err_name(err));
        image = NULL;
    }
}

static const struct bootimg_entry *entry_at(uint32_t i)
{
    const struct bootimg_header *h = (const void *)image;
    if (!image || i >= h->count)
        return NULL;
    const struct bootimg_entry *e = (const struct bootimg_entry *)(h + 1) + i;
    return e->offset <= image_size && e->size <= image_size - e->offset ? e : NULL;
}

static const struct bootimg_entry *find_program(const char *name)
{
    const struct bootimg_entry *e;
    for (uint32_t i = 0; image && i < ((const struct bootimg_header *)image)->count; i++)
        if ((e = entry_at(i)) && strncmp(e->name, name, sizeof e->name) == 0)
            return e;
    return NULL;
}

/* Segments in address order, apart or sharing at most one page with the same rights. */
static int segment_add(struct program *p, const struct elf32_phdr *ph, uint32_t size)
{
    if (p->count == MAX_SEGMENTS || ph->p_filesz > ph->p_memsz || ph->p_offset > size ||
        ph->p_filesz > size - ph->p_offset || ph->p_vaddr < USER_BASE ||
        ph->p_vaddr >= STACK_LIMIT || ph->p_memsz > STACK_LIMIT - ph->p_vaddr ||
        ((ph->p_flags & PF_W) && (ph->p_flags & PF_X)))
        return -ENOEXEC;
    struct segment *s = &p->seg[p->count];
    *s = (struct segment){ ph->p_vaddr, ph->p_memsz, ph->p_filesz, ph->p_offset,
                           (uint8_t)((ph->p_flags & PF_W ? RF_WRITE : 0) | (ph->p_flags & PF_X ? RF_EXEC : 0)) };
    vir_bytes first = PAGE_DOWN(s->va), end = PAGE_UP(s->va + s->memsz);
    if (p->count > 0) {
        const struct segment *prev = s - 1;
        vir_bytes prev_end = prev->va + prev->memsz;
        if (s->va < prev_end || (first < PAGE_UP(prev_end) && prev->flags != s->flags))
            return -ENOEXEC;
        if (first < PAGE_UP(prev_end))
            first += PAGE_SIZE;   /* that page is the previous segment's */
    }
    p->pages += (end - first) / PAGE_SIZE;
    p->top = end;
    p->count++;
    return OK;
}

/* file: the first head bytes of a program of size bytes; the program headers must be in them. */
static int elf_read(const uint8_t *file, uint32_t head, uint32_t size, struct program *p)
{
    const struct elf32_ehdr *eh = (const void *)file;
    memset(p, 0, sizeof *p);
    p->from = NONE;
    if (head < sizeof *eh || memcmp(eh->e_ident, "\177ELF", 4) != 0 ||
        eh->e_ident[4] != ELFCLASS32 || eh->e_ident[5] != ELFDATA2LSB || eh->e_type != ET_EXEC ||
        eh->e_machine != elf_machine || eh->e_phentsize != sizeof(struct elf32_phdr) ||
        eh->e_phnum > MAX_PHDRS || eh->e_phoff > head ||
        eh->e_phnum * sizeof(struct elf32_phdr) > head - eh->e_phoff)
        return -ENOEXEC;
    /* The headers may sit anywhere in the file: copy each one out before reading it. */
    for (int i = 0; i < eh->e_phnum; i++) {
        struct elf32_phdr ph;
        memcpy(&ph, file + eh->e_phoff + i * sizeof ph, sizeof ph);
        if (ph.p_type == PT_LOAD && ph.p_memsz != 0 && segment_add(p, &ph, size) != OK)
            return -ENOEXEC;
    }
    p->file = file;
    p->entry = eh->e_entry;
    for (int i = 0; i < p->count; i++)
        if ((p->seg[i].flags & RF_EXEC) && p->entry - p->seg[i].va < p->seg[i].memsz)
            return OK;
    return -ENOEXEC;   /* no segment, or the entry point is not in code */
}

static int copy_part(uint8_t *dst, vir_bytes page, const struct segment *s, const struct program *p)
{
    vir_bytes lo = page > s->va ? page : s->va;
    vir_bytes hi = page + PAGE_SIZE < s->va + s->filesz ? page + PAGE_SIZE : s->va + s->filesz;
    if (lo >= hi)
        return OK;
    if (p->from != NONE)
        return sys_safecopyfrom(p->from, p->grant, s->offset + (lo - s->va), dst + (lo - page), hi - lo);
    memcpy(dst + (lo - page), p->file + s->offset + (lo - s->va), hi - lo);
    return OK;
}

/* Fills a page before it is mapped, so a back end syncs the instruction cache as it maps. */
static int load_page(struct vmproc *vp, const struct region *r, const struct program *p,
                     const struct segment *s, vir_bytes page)
{
    struct page *rec = page_find(vmp_slot(vp), page);
    phys_bytes pa = rec ? page_pa(rec) : frame_alloc();
    uint8_t *dst = pa ? frame_window(0, pa) : NULL;
    int err = dst ? OK : -ENOMEM;
    if (dst && !rec) {
        memset(dst, 0, PAGE_SIZE);
        err = page_insert(vmp_slot(vp), page, pa, 0);
    }
    if (err != OK) {
        if (pa && !rec)
            frame_unref(pa);
        return err;
    }
    if ((err = copy_part(dst, page, s, p)) != OK)
        return err;
    return page_map(vp, r, page, pa, 0);
}

static int load_segments(struct vmproc *vp, const struct program *p)
{
    struct region *r = NULL;
    for (int i = 0; i < p->count; i++) {
        const struct segment *s = &p->seg[i];
        vir_bytes first = PAGE_DOWN(s->va), end = PAGE_UP(s->va + s->memsz);
        if (r && first < r->end)
            r->end = end;   /* shares its first page with the previous segment */
        else if (!(r = region_add(vp, first, end, RK_IMAGE, s->flags)))
            return -ENOMEM;
        for (vir_bytes page = first; page < end; page += PAGE_SIZE) {
            int err = load_page(vp, r, p, s, page);
            if (err != OK)
                return err;
        }
    }
    return OK;
}

/* The argument image ends at the top of the stack; it may span several pages. */
static int load_stack(struct vmproc *vp, uint32_t len)
{
    struct region *r = region_add(vp, USER_STACK_TOP - STACK_EAGER, USER_STACK_TOP, RK_STACK, RF_WRITE);
    if (!r)
        return -ENOMEM;
    int err = pages_fill(vp, r, r->start, r->end);
    for (vir_bytes va = USER_STACK_TOP - len; err == OK && va < USER_STACK_TOP;) {
        vir_bytes page = PAGE_DOWN(va), n = page + PAGE_SIZE - va;
        uint8_t *dst = frame_window(0, page_pa(page_find(vmp_slot(vp), page)));
        if (!dst)
            return -ENOMEM;
        memcpy(dst + (va - page), stack_image + (va - (USER_STACK_TOP - len)), n);
        va += n;
    }
    return err;
}

/* Frames the new image needs against those free, counting the old image's own as free. */
static int memory_for(endpoint_t target, const struct program *p)
{
    uint32_t need = p->pages + STACK_EAGER / PAGE_SIZE, have = frames_free(), records = pages_free();
    struct vmproc *vp = vmp_known(target);
    for (struct region *r = vp ? region_of(vp->regions) : NULL; r; r = region_of(r->next)) {
        for (vir_bytes va = r->start; va < r->end; va += PAGE_SIZE) {
            struct page *rec = page_find(vmp_slot(vp), va);
            records += rec != NULL;
            have += rec && frame_refs(page_pa(rec)) == 1;
        }
    }
    return need <= have && need <= records;
}

static int boot_program(const char *name, struct program *p)
{
    const struct bootimg_entry *e = find_program(name);
    if (!e)
        return -ENOENT;
    return elf_read(image + e->offset, e->size, e->size, p);
}

/* VM_EXEC_FILE: the program is in VFS's grant a->addr of a->prot bytes (see com.h). */
static int file_read(const struct vm_payload *a, struct program *p)
{
    uint32_t size = a->prot, head = size < sizeof file_head ? size : sizeof file_head;
    int err = sys_safecopyfrom(a->child, (grant_id_t)a->addr, 0, file_head, head);
    if (err != OK)
        return err;
    if ((err = elf_read(file_head, head, size, p)) != OK)
        return err;
    p->file = NULL;
    p->from = a->child;
    p->grant = (grant_id_t)a->addr;
    return OK;
}

int do_exec(message *m)
{
    struct vm_payload *a = &m->m.vm;
    char name[sizeof a->name];
    memcpy(name, a->name, sizeof name);
    name[sizeof name - 1] = '\0';
    struct program p;
    int err = a->flags & VM_EXEC_FILE ? file_read(a, &p) : boot_program(name, &p);
    if (err != OK)
        return err;
    if (a->len == 0 || (a->len & 15) || a->len > STACK_IMAGE_MAX)
        return -EINVAL;
    if ((err = sys_safecopyfrom(m->m_source, a->grant, 0, stack_image, a->len)) != OK)
        return err;
    if (!memory_for(a->target, &p))
        return -ENOMEM;
    if ((err = vmctl(VMCTL_CLEAR, a->target, 0, 0, 0, 0)) != OK)
        return err;   /* no such process */
    vir_bytes limit = vmp_limit(a->target);   /* a limit outlives exec */
    struct vmproc *vp = vmp_take(a->target);
    vp->limit = limit;
    if ((err = load_segments(vp, &p)) == OK)
        err = load_stack(vp, a->len);
    if (err != OK) {
        vmctl(VMCTL_CLEAR, vp->ep, 0, 0, 0, 0);
        vmp_release(vp);
        return err;
    }
    vp->heap_base = vp->brk = p.top;
    a->pc = p.entry;
    a->sp = USER_STACK_TOP - a->len;
    return OK;
}

/* A boot process's regions as the kernel loaded them (kernel/bootimg.c): its segments and
 * stack, whose pages stay the kernel's. Boot process i is the i-th entry to start. */
int boot_layout(struct vmproc *vp)
{
    const struct bootimg_entry *e = NULL;
    int index = vmp_slot(vp) - NR_TASKS;
    for (uint32_t i = 0; index >= 0 && (e = entry_at(i)) != NULL; i++)
        if ((e->flags & BOOT_START) && index-- == 0)
            break;
    struct program p;
    if (!e || elf_read(image + e->offset, e->size, e->size, &p) != OK)
        return -ENOENT;
    struct region *r = NULL;
    for (int i = 0; i < p.count; i++) {
        vir_bytes first = PAGE_DOWN(p.seg[i].va), end = PAGE_UP(p.seg[i].va + p.seg[i].memsz);
        if (r && first < r->end)
            r->end = end;
        else if (!(r = region_add(vp, first, end, RK_IMAGE, p.seg[i].flags)))
            return -ENOMEM;
    }
    vir_bytes stack = PAGE_UP(e->stack_size ? e->stack_size : BOOT_STACK_SIZE);
    if (stack > STACK_MAX || !region_add(vp, USER_STACK_TOP - stack, USER_STACK_TOP, RK_STACK, RF_WRITE))
        return -ENOMEM;
    vp->boot = 1;
    vp->heap_base = vp->brk = p.top;
    return OK;
}
