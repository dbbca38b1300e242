/* Physical frames: every page of the memory the kernel left to VM, with a reference count
 * (a frame shared after fork counts once per address space). */
#include "vm.h"
#include "../../lib/common/string.h"

#define MAX_FRAMES (256u * 1024)    /* 1 GiB */
#define NOT_OURS 0xffff

static uint16_t refs[MAX_FRAMES];   /* by (pa - base) / PAGE_SIZE */
static phys_bytes base;
static uint32_t nr_frames, nr_free, cursor;

void frames_init(void)
{
    struct mem_range ranges[MEMMAP_MAX];
    int n = sys_getinfo(GET_MEMMAP, 0, ranges, sizeof ranges);
    for (uint32_t i = 0; i < MAX_FRAMES; i++)
        refs[i] = NOT_OURS;
    if (n <= 0)
        return;
    base = ranges[0].base;
    for (int r = 0; r < n; r++)
        if (ranges[r].base < base)
            base = ranges[r].base;
    for (int r = 0; r < n; r++) {
        for (phys_bytes pa = ranges[r].base; pa + PAGE_SIZE <= ranges[r].limit; pa += PAGE_SIZE) {
            uint32_t i = (pa - base) / PAGE_SIZE;
            if (i >= MAX_FRAMES)
                break;
            refs[i] = 0;
            nr_frames++;
            if (i + 1 > cursor)
                cursor = i + 1;
        }
    }
    nr_free = nr_frames;
    log_printf("vm: %u KiB in %u frames\n", (unsigned)(nr_frames * (PAGE_SIZE / 1024)), (unsigned)nr_frames);
}

static uint32_t frame_index(phys_bytes pa)
{
    return (pa - base) / PAGE_SIZE;
}

phys_bytes frame_alloc(void)
{
    static uint32_t next;
    if (!nr_free)
        return 0;
    for (uint32_t n = 0; n < cursor; n++, next = (next + 1) % cursor) {
        if (refs[next] != 0)
            continue;
        phys_bytes pa = base + next * PAGE_SIZE;
        void *p = scratch_map(0, pa);
        if (!p)
            return 0;
        memset(p, 0, PAGE_SIZE);
        scratch_unmap(0);
        refs[next] = 1;
        nr_free--;
        return pa;
    }
    return 0;
}

void frame_ref(phys_bytes pa)
{
    refs[frame_index(pa)]++;
}

void frame_unref(phys_bytes pa)
{
    uint32_t i = frame_index(pa);
    if (i >= MAX_FRAMES || refs[i] == 0 || refs[i] == NOT_OURS)
        return;
    if (--refs[i] == 0)
        nr_free++;
}

unsigned frame_refs(phys_bytes pa)
{
    return refs[frame_index(pa)];
}

void frame_counts(uint32_t *total, uint32_t *free_frames)
{
    *total = nr_frames;
    *free_frames = nr_free;
}

void *scratch_map(int which, phys_bytes pa)
{
    vir_bytes va = SCRATCH_VA + (vir_bytes)which * PAGE_SIZE;
    return vmctl(VMCTL_MAP, SELF, va, pa, PAGE_SIZE, VMF_WRITE) == OK ? (void *)(uintptr_t)va : NULL;
}

void scratch_unmap(int which)
{
    vmctl(VMCTL_UNMAP, SELF, SCRATCH_VA + (vir_bytes)which * PAGE_SIZE, 0, PAGE_SIZE, 0);
}
