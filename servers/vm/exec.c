/* Exec: a program from the boot image replaces a process's memory. The ELF is checked
 * before anything is torn down, so a bad program leaves the caller as it was. */
#include "vm.h"
#include <os/elf.h>
#include "../../lib/common/string.h"

static const uint8_t *image;          /* the boot image, mapped read-only */
static uint32_t image_size;
static uint32_t elf_machine;

void bootimg_init(void)
{
    struct mem_range r;
    struct machine_info mi;
    if (sys_getinfo(GET_BOOTIMG, 0, &r, sizeof r) < 0 || sys_machine(&mi) != OK)
        return;
    elf_machine = mi.elf_machine;
    phys_bytes first = PAGE_DOWN(r.base), end = PAGE_UP(r.limit);
    if (vmctl(VMCTL_MAP, SELF, BOOTIMG_VA, first, end - first, 0) != OK) {
        log_printf("vm: cannot map the boot image\n");
        return;
    }
    image = (const uint8_t *)(uintptr_t)(BOOTIMG_VA + (r.base - first));
    image_size = r.limit - r.base;
}

static const struct bootimg_entry *find_program(const char *name)
{
    const struct bootimg_header *h = (const void *)image;
    if (!image || h->magic != BOOTIMG_MAGIC || h->count > 256 ||
        sizeof *h + h->count * sizeof(struct bootimg_entry) > image_size)
        return NULL;
    const struct bootimg_entry *e = (const void *)(h + 1);
    for (uint32_t i = 0; i < h->count; i++)
        if (strncmp(e[i].name, name, sizeof e[i].name) == 0 && e[i].offset <= image_size &&
            e[i].size <= image_size - e[i].offset)
            return &e[i];
    return NULL;
}

static int segment_ok(const struct elf32_phdr *ph, uint32_t size)
{
    if (ph->p_filesz > ph->p_memsz || ph->p_offset > size || ph->p_filesz > size - ph->p_offset)
        return 0;
    if (ph->p_vaddr < USER_BASE || ph->p_memsz > USER_STACK_TOP - STACK_MAX - ph->p_vaddr ||
        ph->p_vaddr > USER_STACK_TOP - STACK_MAX)
        return 0;
    return !((ph->p_flags & PF_W) && (ph->p_flags & PF_X));
}

static int elf_check(const uint8_t *file, uint32_t size)
{
    const struct elf32_ehdr *eh = (const void *)file;
    if (size < sizeof *eh || *(const uint32_t *)eh->e_ident != ELF_MAGIC ||
        eh->e_ident[4] != ELFCLASS32 || eh->e_type != ET_EXEC || eh->e_machine != elf_machine ||
        eh->e_phentsize != sizeof(struct elf32_phdr) || eh->e_phoff > size ||
        eh->e_phnum * sizeof(struct elf32_phdr) > size - eh->e_phoff)
        return -ENOEXEC;
    const struct elf32_phdr *ph = (const void *)(file + eh->e_phoff);
    for (int i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == PT_LOAD && ph[i].p_memsz && !segment_ok(&ph[i], size))
            return -ENOEXEC;
    return OK;
}

/* Fills each page of a segment from the file (the rest zero) and maps it. */
static int load_segment(struct vmproc *vp, const uint8_t *file, const struct elf32_phdr *ph)
{
    uint32_t flags = (ph->p_flags & PF_W ? PG_WRITE : 0) | (ph->p_flags & PF_X ? PG_EXEC : 0);
    for (vir_bytes page = PAGE_DOWN(ph->p_vaddr); page < ph->p_vaddr + ph->p_memsz; page += PAGE_SIZE) {
        if (page_find(vp, page) >= 0)
            continue;   /* shared with the previous segment's last page */
        phys_bytes pa = frame_alloc();
        uint8_t *dst = pa ? scratch_map(0, pa) : NULL;
        if (!dst)
            return -ENOMEM;
        for (vir_bytes off = 0; off < PAGE_SIZE; off++) {
            vir_bytes at = page + off;
            if (at >= ph->p_vaddr && at - ph->p_vaddr < ph->p_filesz)
                dst[off] = file[ph->p_offset + (at - ph->p_vaddr)];
        }
        scratch_unmap(0);
        int r = page_add(vp, page, pa, flags);
        if (r != OK) {
            frame_unref(pa);
            return r;
        }
    }
    return OK;
}

static int build_stack(struct vmproc *vp, endpoint_t pm, grant_id_t g, uint32_t len)
{
    if (len == 0 || len > STACK_EAGER || (len & 15))
        return -EINVAL;
    for (vir_bytes va = USER_STACK_TOP - STACK_EAGER; va < USER_STACK_TOP; va += PAGE_SIZE) {
        int r = page_new(vp, va, PG_WRITE | PG_STACK);
        if (r != OK)
            return r;
    }
    vp->stack_lo = USER_STACK_TOP - STACK_EAGER;
    /* The image ends at the top of the stack; copy it page by page through the scratch. */
    for (vir_bytes va = USER_STACK_TOP - len; va < USER_STACK_TOP;) {
        vir_bytes page = PAGE_DOWN(va), n = PAGE_SIZE - (va - page);
        if (n > USER_STACK_TOP - va)
            n = USER_STACK_TOP - va;
        uint8_t *p = scratch_map(0, page_frame(page_find(vp, page)));
        int r = p ? sys_safecopyfrom(pm, g, va - (USER_STACK_TOP - len), p + (va - page), n) : -ENOMEM;
        scratch_unmap(0);
        if (r != OK)
            return r;
        va += n;
    }
    return OK;
}

int do_exec(message *m)
{
    struct vm_payload *a = &m->m.vm;
    a->name[sizeof a->name - 1] = '\0';
    const struct bootimg_entry *e = find_program(a->name);
    if (!e)
        return -ENOENT;
    const uint8_t *file = image + e->offset;
    int r = elf_check(file, e->size);
    if (r != OK)
        return r;
    struct vmproc *vp = vmp_of(a->target);
    if (!vp)
        return -EINVAL;
    vmctl(VMCTL_CLEAR, vp->ep, 0, 0, 0, 0);
    pages_free_all(vp);
    vp = vmp_of(a->target);
    const struct elf32_ehdr *eh = (const void *)file;
    const struct elf32_phdr *ph = (const void *)(file + eh->e_phoff);
    vir_bytes top = 0;
    for (int i = 0; i < eh->e_phnum && r == OK; i++) {
        if (ph[i].p_type != PT_LOAD || !ph[i].p_memsz)
            continue;
        r = load_segment(vp, file, &ph[i]);
        if (ph[i].p_vaddr + ph[i].p_memsz > top)
            top = ph[i].p_vaddr + ph[i].p_memsz;
    }
    if (r == OK)
        r = build_stack(vp, m->m_source, a->grant, a->len);
    if (r != OK)
        return r;
    vp->heap_base = vp->brk = PAGE_UP(top);
    a->pc = eh->e_entry;
    a->sp = USER_STACK_TOP - a->len;
    return OK;
}
