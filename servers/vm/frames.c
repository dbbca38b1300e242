/* Physical frames: every page of the memory the kernel left to VM (GET_MEMMAP), with a
 * reference count each, and a two-page window in VM's own space to fill and copy them. */
#include "vm.h"
#include "../../lib/common/string.h"

#define MAX_FRAMES (1024u * 1024 * 1024 / PAGE_SIZE)   /* the kernel manages at most 1 GiB */

/* A frame is mapped at most once per address space, so a count never passes NR_SLOTS. */
_Static_assert(NR_SLOTS < 255, "a frame's reference count fits in a byte");

struct frame_range {
    phys_bytes base;
    uint32_t first;   /* index of its first frame */
    uint32_t count;
};

static struct frame_range ranges[MEMMAP_MAX];
static int nr_ranges;
static uint8_t refs[MAX_FRAMES];
static uint32_t nr_frames, nr_free, cursor;
static phys_bytes window_pa[2];   /* the frame each window page shows; 0: none */

void frames_init(void)
{
    struct mem_range map[MEMMAP_MAX];
    int n = sys_getinfo(GET_MEMMAP, 0, map, sizeof map);
    if (n < 0)
        log_printf("vm: no memory map from the kernel: %s\n", err_name(n));
    for (int i = 0; i < n && i < MEMMAP_MAX; i++) {
        phys_bytes base = PAGE_UP(map[i].base), limit = PAGE_DOWN(map[i].limit);
        if (limit <= base || nr_frames >= MAX_FRAMES)
            continue;
        uint32_t count = (limit - base) / PAGE_SIZE;
        if (count > MAX_FRAMES - nr_frames)
            count = MAX_FRAMES - nr_frames;
        ranges[nr_ranges++] = (struct frame_range){ base, nr_frames, count };
        nr_frames += count;
    }
    nr_free = nr_frames;
    log_printf("vm: %u KiB in %u frames\n", (unsigned)(nr_frames * (PAGE_SIZE / 1024)),
               (unsigned)nr_frames);
}

static phys_bytes index_pa(uint32_t i)
{
    for (int r = 0; r < nr_ranges; r++)
        if (i - ranges[r].first < ranges[r].count)
            return ranges[r].base + (i - ranges[r].first) * PAGE_SIZE;
    return 0;
}

/* The frame's index, or -1 if the address is not one of VM's frames. */
static int32_t pa_index(phys_bytes pa)
{
    for (int r = 0; r < nr_ranges; r++)
        if (pa >= ranges[r].base && (pa - ranges[r].base) / PAGE_SIZE < ranges[r].count)
            return (int32_t)(ranges[r].first + (pa - ranges[r].base) / PAGE_SIZE);
    return -1;
}

/* Next fit from where the last search ended: freed frames are found again soon enough. */
phys_bytes frame_alloc(void)
{
    if (nr_free == 0)
        return 0;
    for (uint32_t n = 0; n < nr_frames; n++) {
        uint32_t i = cursor;
        cursor = cursor + 1 < nr_frames ? cursor + 1 : 0;
        if (refs[i] == 0) {
            refs[i] = 1;
            nr_free--;
            return index_pa(i);
        }
    }
    return 0;
}

/* First fit of `count` free frames in a row within one range, for devices that need
 * physically contiguous memory; 0 if there is no such run. */
phys_bytes frames_alloc_run(uint32_t count)
{
    if (count == 0 || count > nr_free)
        return 0;
    for (int r = 0; r < nr_ranges; r++) {
        uint32_t run = 0;
        for (uint32_t i = ranges[r].first; i < ranges[r].first + ranges[r].count; i++) {
            run = refs[i] == 0 ? run + 1 : 0;
            if (run < count)
                continue;
            for (uint32_t j = i + 1 - count; j <= i; j++)
                refs[j] = 1;
            nr_free -= count;
            return index_pa(i + 1 - count);
        }
    }
    return 0;
}

phys_bytes frame_alloc_zeroed(void)
{
    phys_bytes pa = frame_alloc();
    if (!pa)
        return 0;
    void *p = frame_window(0, pa);
    if (!p) {
        frame_unref(pa);
        return 0;
    }
    memset(p, 0, PAGE_SIZE);
    return pa;
}

void frame_ref(phys_bytes pa)
{
    int32_t i = pa_index(pa);
    if (i >= 0 && refs[i] > 0)
        refs[i]++;
}

void frame_unref(phys_bytes pa)
{
    int32_t i = pa_index(pa);
    if (i < 0 || refs[i] == 0) {
        log_printf("vm: frame 0x%08x freed twice\n", (unsigned)pa);
        return;
    }
    if (--refs[i] == 0)
        nr_free++;
}

unsigned frame_refs(phys_bytes pa)
{
    int32_t i = pa_index(pa);
    return i >= 0 ? refs[i] : 0;
}

uint32_t frames_total(void) { return nr_frames; }
uint32_t frames_free(void) { return nr_free; }

/* A window page stays mapped after use: the next use of the same frame costs no call. */
void *frame_window(int which, phys_bytes pa)
{
    vir_bytes va = SCRATCH_VA + (vir_bytes)which * PAGE_SIZE;
    if (window_pa[which] != pa) {
        window_pa[which] = 0;
        if (vmctl(VMCTL_MAP, SELF, va, pa, PAGE_SIZE, VMF_WRITE) != OK)
            return NULL;
        window_pa[which] = pa;
    }
    return (void *)(uintptr_t)va;
}

int frame_copy(phys_bytes dst, phys_bytes src)
{
    void *to = frame_window(0, dst), *from = frame_window(1, src);
    if (!to || !from)
        return -ENOMEM;
    memcpy(to, from, PAGE_SIZE);
    return OK;
}
