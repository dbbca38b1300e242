/* Starts the boot processes: reads the boot image the board found, loads each static ELF
 * program into a new address space with W^X mappings, builds its initial stack
 * (argc, argv, envp) and gives it the privileges the image lists. */
#include "kernel.h"
#include "board.h"
#include <os/elf.h>
#include <os/bootimg.h>
#include <string.h>

/* Maps fresh pages over [va, va + len), filled from src (len_src bytes, rest zero) before
 * they are mapped, so a back end can make instruction caches see the code as it maps it. */
static int load_range(struct proc *p, vir_bytes va, vir_bytes len, const uint8_t *src,
                      vir_bytes len_src, uint32_t flags)
{
    for (vir_bytes page = PAGE_DOWN(va); page < va + len; page += PAGE_SIZE) {
        phys_bytes pa = mem_alloc_page();
        if (!pa)
            return -ENOMEM;
        uint8_t *dst = arch_phys_to_kernel(pa);
        for (vir_bytes off = 0; off < PAGE_SIZE; off++) {
            vir_bytes at = page + off;
            if (at >= va && at - va < len_src)
                dst[off] = src[at - va];
        }
        int r = arch_mm_map(p, page, pa, flags | MAP_OWNED);
        if (r != OK) {
            mem_free_page(pa);
            return r;
        }
    }
    return OK;
}

static int segment_ok(const struct elf32_phdr *ph, uint32_t file_size)
{
    if (ph->p_filesz > ph->p_memsz || ph->p_offset > file_size || ph->p_filesz > file_size - ph->p_offset)
        return 0;
    if (ph->p_vaddr < USER_BASE || ph->p_vaddr >= USER_TOP || ph->p_memsz > USER_TOP - ph->p_vaddr)
        return 0;
    /* W^X: a segment is writable or executable, never both. */
    return !((ph->p_flags & PF_W) && (ph->p_flags & PF_X));
}

static int load_elf(struct proc *p, const uint8_t *file, uint32_t size, vir_bytes *entry)
{
    const struct elf32_ehdr *eh = (const void *)file;
    if (size < sizeof *eh || *(const uint32_t *)eh->e_ident != ELF_MAGIC ||
        eh->e_ident[4] != ELFCLASS32 || eh->e_ident[5] != ELFDATA2LSB ||
        eh->e_type != ET_EXEC || eh->e_machine != ARCH_ELF_MACHINE ||
        eh->e_phentsize != sizeof(struct elf32_phdr) ||
        eh->e_phoff > size || eh->e_phnum * sizeof(struct elf32_phdr) > size - eh->e_phoff)
        return -ENOEXEC;
    const struct elf32_phdr *ph = (const void *)(file + eh->e_phoff);
    for (int i = 0; i < eh->e_phnum; i++, ph++) {
        if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
            continue;
        if (!segment_ok(ph, size))
            return -ENOEXEC;
        uint32_t flags = MAP_USER | (ph->p_flags & PF_W ? MAP_WRITE : 0) | (ph->p_flags & PF_X ? MAP_EXEC : 0);
        int r = load_range(p, ph->p_vaddr, ph->p_memsz, file + ph->p_offset, ph->p_filesz, flags);
        if (r != OK)
            return r;
    }
    *entry = eh->e_entry;
    return OK;
}

#define MAX_BOOT_ARGS 8

/* The initial stack, from the top: the argument strings, then argc, argv[], NULL, envp NULL.
 * argv[0] is the process name, the rest are the image entry's space-separated args. */
static int build_stack(struct proc *p, const struct bootimg_entry *e, vir_bytes *sp)
{
    uint32_t size = e->stack_size ? e->stack_size : DEFAULT_STACK_SIZE;
    vir_bytes base = USER_STACK_TOP - PAGE_UP(size);
    int r = load_range(p, base, USER_STACK_TOP - base, NULL, 0, MAP_USER | MAP_WRITE);
    if (r != OK)
        return r;
    char strings[16 + sizeof e->args];
    size_t name_len = strlen(p->name) + 1;
    memcpy(strings, p->name, name_len);
    memcpy(strings + name_len, e->args, sizeof e->args);
    strings[name_len + sizeof e->args - 1] = '\0';
    size_t len = name_len + strlen(strings + name_len) + 1;
    vir_bytes str = (USER_STACK_TOP - len) & ~(vir_bytes)15;

    uint32_t frame[MAX_BOOT_ARGS + 3];
    uint32_t argc = 0;
    for (size_t i = 0; i < len && argc < MAX_BOOT_ARGS; i++) {
        if (strings[i] == ' ')
            strings[i] = '\0';
        else if (strings[i] && (i == 0 || strings[i - 1] == '\0'))
            frame[1 + argc++] = str + i;
    }
    frame[0] = argc;
    frame[1 + argc] = 0;   /* end of argv */
    frame[2 + argc] = 0;   /* empty envp */
    size_t frame_size = (argc + 3) * sizeof frame[0];
    vir_bytes top = (str - frame_size) & ~(vir_bytes)15;
    if ((r = copy_to_user(p, str, strings, len)) != OK ||
        (r = copy_to_user(p, top, frame, frame_size)) != OK)
        return r;
    *sp = top;
    return OK;
}

static int start_boot_process(const uint8_t *image, uint32_t image_size, const struct bootimg_entry *e,
                              struct proc **started)
{
    struct proc *p = proc_alloc();
    vir_bytes entry, sp;
    int r;
    if (!p)
        return -EAGAIN;
    memcpy(p->name, e->name, sizeof p->name);
    p->name[sizeof p->name - 1] = '\0';
    if (e->offset > image_size || e->size > image_size - e->offset)
        return -ENOEXEC;
    if ((r = arch_mm_create(p)) != OK ||
        (r = load_elf(p, image + e->offset, e->size, &entry)) != OK ||
        (r = build_stack(p, e, &sp)) != OK)
        return r;
    p->priv = e->priv;
    sched_set_priority(p, e->priv.priority, e->priv.quantum);
    arch_proc_init(p, entry, sp);
    proc_unblock(p, RTS_NO_EXEC);
    *started = p;
    return OK;
}

#define MAX_BOOT_ENTRIES 256

/* The image's header, checked; NULL if there is no well-formed image. */
static const struct bootimg_header *image_header(phys_bytes *size)
{
    phys_bytes base;
    if (board_boot_image(&base, size) != OK)
        return NULL;
    const struct bootimg_header *h = arch_phys_to_kernel(base);
    if (*size < sizeof *h || h->magic != BOOTIMG_MAGIC || h->version != BOOTIMG_VERSION ||
        h->count > MAX_BOOT_ENTRIES || h->count * sizeof(struct bootimg_entry) > *size - sizeof *h)
        return NULL;
    return h;
}

/* Starts the entries marked BOOT_START; returns how many, or a negative error. */
int boot_load_image(void)
{
    phys_bytes size;
    const struct bootimg_header *h = image_header(&size);
    if (!h)
        return -ENOEXEC;
    const struct bootimg_entry *e = (const void *)(h + 1);
    int started = 0;
    for (uint32_t i = 0; i < h->count; i++) {
        struct proc *p = NULL;
        if (!(e[i].flags & BOOT_START))
            continue;
        int r = start_boot_process((const uint8_t *)h, (uint32_t)size, &e[i], &p);
        if (r != OK) {
            printk("kernel: boot process %u not started: error %d\n", (unsigned)i, r);
            return r;
        }
        printk("kernel: started %s as endpoint %d\n", p->name, (int)p->endpoint);
        started++;
    }
    return started;
}

int boot_entry(uint32_t index, struct bootimg_entry *out)
{
    phys_bytes size;
    const struct bootimg_header *h = image_header(&size);
    if (!h || index >= h->count)
        return -ENOENT;
    *out = ((const struct bootimg_entry *)(h + 1))[index];
    return OK;
}

/* Fills in the memory ranges the image could only name: the boot image itself, and the
 * memory left after the boot processes (known once they are loaded). */
void boot_grant_memory(void)
{
    phys_bytes base = 0, size = 0;
    board_boot_image(&base, &size);
    for (int i = NR_TASKS; i < NR_SLOTS; i++) {
        struct proc *p = &proc_table[i];
        if (p->rts_flags & RTS_SLOT_FREE)
            continue;
        for (int r = 0; r < NR_MEM_RANGES; r++) {
            struct mem_range *m = &p->priv.mem[r];
            if (m->base == MEM_RANGE_BOOTIMG && m->limit == 0)
                *m = (struct mem_range){ PAGE_DOWN(base), PAGE_UP(base + size) };   /* whole pages */
            else if (m->base == MEM_RANGE_FREE && m->limit == 0)
                *m = (struct mem_range){ mem_free_base(), mem_end() };
        }
    }
}
