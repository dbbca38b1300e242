/* SYS_GETINFO: the caller's own endpoint, a boot process's endpoint by name, the machine,
 * or one process-table slot.
 * In: what, buf, len, name (GET_LOOKUP), result (slot for GET_PROC). Out: result. */
#include "../system.h"
#include "../board.h"
#include <string.h>

static int lookup(struct kc_getinfo *a)
{
    a->name[sizeof a->name - 1] = '\0';
    for (int i = NR_TASKS; i < NR_SLOTS; i++) {
        const struct proc *p = &proc_table[i];
        if (!(p->rts_flags & RTS_SLOT_FREE) && strcmp(p->name, a->name) == 0) {
            a->result = p->endpoint;
            return OK;
        }
    }
    return -ESRCH;
}

static int machine(struct proc *caller, const struct kc_getinfo *a)
{
    struct machine_info mi;
    memset(&mi, 0, sizeof mi);
    strncpy(mi.arch, ARCH_NAME, sizeof mi.arch - 1);
    strncpy(mi.board, board_name, sizeof mi.board - 1);
    mi.hz = HZ;
    mi.cycles_hz = arch_cycles_hz();
    mi.mem_end = mem_end();
    mi.mem_free_base = mem_free_base();
    mi.nr_procs = NR_SLOTS;
    mi.elf_machine = ARCH_ELF_MACHINE;
    if (a->len < sizeof mi)
        return -EINVAL;
    return copy_to_user(caller, a->buf, &mi, sizeof mi);
}

static int proc_slot(struct proc *caller, const struct kc_getinfo *a)
{
    struct proc_info pi;
    const struct proc *p = proc_by_slot(a->result);
    if (!p)
        return -EINVAL;
    if (a->len < sizeof pi)
        return -EINVAL;
    memset(&pi, 0, sizeof pi);
    pi.endpoint = p->endpoint;
    pi.flags = p->rts_flags;
    pi.waits_for = p->rts_flags & RTS_SENDING ? p->sendto :
                   p->rts_flags & RTS_RECEIVING ? p->getfrom : NONE;
    pi.priority = p->priority;
    pi.user_ticks = p->user_ticks;
    pi.sys_ticks = p->sys_ticks;
    memcpy(pi.name, p->name, sizeof pi.name);
    return copy_to_user(caller, a->buf, &pi, sizeof pi);
}

static int memory_map(struct proc *caller, struct kc_getinfo *a)
{
    struct mem_range ranges[MEMMAP_MAX];
    int n = mem_free_ranges(ranges, MEMMAP_MAX);
    if (a->len < n * sizeof ranges[0])
        return -EINVAL;
    a->result = n;
    return copy_to_user(caller, a->buf, ranges, n * sizeof ranges[0]);
}

static int boot_image(struct proc *caller, struct kc_getinfo *a)
{
    struct mem_range r;
    phys_bytes size;
    if (a->len < sizeof r || board_boot_image(&r.base, &size) != OK)
        return -EINVAL;
    r.limit = r.base + size;
    return copy_to_user(caller, a->buf, &r, sizeof r);
}

static int boot_image_entry(struct proc *caller, struct kc_getinfo *a)
{
    struct bootimg_entry e;
    if (a->len < sizeof e)
        return -EINVAL;
    int r = boot_entry((uint32_t)a->result, &e);
    return r != OK ? r : copy_to_user(caller, a->buf, &e, sizeof e);
}

int do_getinfo(struct proc *caller, message *m)
{
    struct kc_getinfo *a = &m->m.getinfo;
    switch (a->what) {
    case GET_WHOAMI:
        a->result = caller->endpoint;
        memcpy(a->name, caller->name, sizeof a->name);
        return OK;
    case GET_LOOKUP:
        return lookup(a);
    case GET_MACHINE:
        return machine(caller, a);
    case GET_PROC:
        return proc_slot(caller, a);
    case GET_MEMMAP:
        return memory_map(caller, a);
    case GET_BOOTIMG:
        return boot_image(caller, a);
    case GET_BOOTENTRY:
        return boot_image_entry(caller, a);
    default:
        return -EINVAL;
    }
}
