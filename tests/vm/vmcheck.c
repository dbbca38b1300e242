/* vmcheck: VM as an ordinary process sees it (under tests/vm/fakepm.c): stack image, brk,
 * copy-on-write fork, mmap/munmap, DMA memory, refused faults, stack growth, running out of
 * memory. */
#include <libsys.h>
#include "../../lib/common/string.h"

#define MIB (1024u * 1024)
#define PROT_RW 0x3
#define PRIVATE_ANON 0x22   /* MAP_PRIVATE | MAP_ANONYMOUS */

extern char end[];   /* lib/user.ld: the end of .bss, where VM starts the heap */

static int failures;
static vir_bytes heap_base;
static volatile uintptr_t bad_addr;   /* what a child about to be killed touches */
static volatile uint32_t data[4096] = { 1 };   /* 16 KiB of .data */

static void check(const char *what, int ok)
{
    log_printf("vmtest: %s %s\n", what, ok ? "ok" : "FAIL");
    failures += !ok;
}

static int call(endpoint_t to, message *m, int type)
{
    m->m_type = type;
    int r = ipc_sendrec(to, m);
    return r != OK ? r : m->m_type;
}

static int vm_request(int type)
{
    message m = { 0 };
    return call(VM_PROC, &m, type);
}

static int brk_(vir_bytes addr)
{
    message m = { 0 };
    m.m.vm.addr = addr;
    return call(VM_PROC, &m, VM_BRK);
}

static vir_bytes mmap_(uint32_t len, uint32_t prot, uint32_t flags, int *r)
{
    message m = { 0 };
    m.m.vm.len = len;
    m.m.vm.prot = prot;
    m.m.vm.flags = flags;
    *r = call(VM_PROC, &m, VM_MMAP);
    return *r == OK ? m.m.vm.addr : 0;
}

static int munmap_(vir_bytes addr, uint32_t len)
{
    message m = { 0 };
    m.m.vm.addr = addr;
    m.m.vm.len = len;
    return call(VM_PROC, &m, VM_MUNMAP);
}

static uint32_t free_pages(void)
{
    message m = { 0 };
    return call(VM_PROC, &m, VM_INFO) == OK ? m.m.vm.prot : 0;
}

static int fork_(void)
{
    message m = { 0 };
    return call(PM_PROC, &m, PM_FORK);
}

static int wait_for(int pid)
{
    message m = { 0 };
    m.m.pm.pid = pid;
    return call(PM_PROC, &m, PM_WAITPID) == pid ? m.m.pm.out[0] : -1;
}

static void test_args(int argc, char **argv, char **envp)
{
    int ok = argc == 4 && strcmp(argv[0], "vmcheck") == 0 && strcmp(argv[1], "alpha") == 0 &&
             strcmp(argv[2], "beta") == 0 && strlen(argv[3]) == 5000 && argv[4] == NULL &&
             envp[0] && strcmp(envp[0], "VM=1") == 0 && envp[1] == NULL;
    for (int i = 0; ok && i < 5000; i++)
        ok = argv[3][i] == 'x';
    check("a stack image of two pages arrives whole", ok);
}

static void test_requests(void)
{
    message m = { 0 };
    int ok = call(VM_PROC, &m, VM_INFO) == OK && m.m.vm.len > 0 && m.m.vm.prot <= m.m.vm.len;
    check("VM_INFO gives total and free pages", ok);
    check("exec, fork and exit are refused to all but PM", vm_request(VM_EXEC) == -EPERM &&
          vm_request(VM_FORK) == -EPERM && vm_request(VM_EXIT) == -EPERM);
    check("an unknown request gives EBADREQUEST", vm_request(0x4ff) == -EBADREQUEST && vm_request(0) == -EBADREQUEST);
    check("a brk to the end of the address space is refused", brk_(0xffffffffu) == -ENOMEM);
    check("munmap of the whole space leaves all but mappings", munmap_(USER_BASE, USER_TOP - USER_BASE) == OK &&
          data[0] == 1);
}

static void test_brk(void)
{
    heap_base = PAGE_UP((vir_bytes)(uintptr_t)end);
    uint32_t before = free_pages(), size = 4 * MIB;
    uint32_t *words = (uint32_t *)(uintptr_t)heap_base;
    int good = brk_(heap_base + size) == OK;
    for (uint32_t i = 0; good && i < size / 4; i++)
        words[i] = i * 2654435761u;
    for (uint32_t i = 0; good && i < size / 4; i++)
        good = words[i] == i * 2654435761u;
    check("brk gives 4 MiB that hold what was written", good);
    check("brk takes its frames at once", before - free_pages() == size / PAGE_SIZE);
    check("brk below the heap's start is refused", brk_(0x1000) == -ENOMEM && brk_(heap_base - 1) == -ENOMEM);
    check("a brk into the stack area is refused and the heap stays",
          brk_(0x7f000000u) == -ENOMEM && words[12345] == 12345u * 2654435761u);
    check("brk shrinks and the frames come back",
          brk_(heap_base + 100) == OK && free_pages() == before - 1 && brk_(heap_base + PAGE_SIZE) == OK);
}

static void write_all(volatile uint32_t *heap, volatile uint32_t *map, uint32_t v)
{
    for (int i = 0; i < 4096; i++)
        data[i] = v + i;
    for (int i = 0; i < 64 * 1024; i++)
        heap[i] = v + i;
    for (int i = 0; i < 32 * 1024; i++)
        map[i] = v + i;
}

static int all_hold(volatile uint32_t *heap, volatile uint32_t *map, uint32_t v)
{
    return data[100] == v + 100 && data[4000] == v + 4000 && heap[5000] == v + 5000 &&
           heap[60000] == v + 60000 && map[3000] == v + 3000;
}

/* Data, heap and a mapping, 100 pages in all, against a 16-page stack: fork must share them. */
static void test_cow(void)
{
    int r;
    brk_(heap_base + 256 * 1024);
    volatile uint32_t *heap = (volatile uint32_t *)(uintptr_t)heap_base;
    volatile uint32_t *map = (volatile uint32_t *)(uintptr_t)mmap_(128 * 1024, PROT_RW, PRIVATE_ANON, &r);
    write_all(heap, map, 1000);
    uint32_t before = free_pages();
    int pid = fork_();
    if (pid == 0) {
        int shared = before - free_pages() <= 20;
        int saw = all_hold(heap, map, 1000);
        write_all(heap, map, 2000);
        sys_exit(!shared ? 1 : saw && all_hold(heap, map, 2000) ? 0 : 2);
    }
    int status = wait_for(pid);
    check("fork shares data, heap and mappings instead of copying them", status == 0 || status == 2 << 8);
    check("after fork parent and child see only their own writes", status == 0 && all_hold(heap, map, 1000));
    check("the child's frames come back when it ends", free_pages() == before);
    write_all(heap, map, 3000);
    check("a write to a page no longer shared takes no new frame", free_pages() == before && all_hold(heap, map, 3000));

    pid = fork_();
    if (pid == 0) {
        message m;
        ipc_receive(ANY, &m);   /* the parent has written by now */
        m.m_type = all_hold(heap, map, 3000);
        ipc_sendnb(m.m_source, &m);
        sys_exit(0);
    }
    write_all(heap, map, 4000);
    message m = { 0 };
    r = ipc_sendrec(pid, &m);
    check("a write by the parent leaves the child's copy alone", r == OK && m.m_type == 1 && all_hold(heap, map, 4000));
    wait_for(pid);
    munmap_((vir_bytes)(uintptr_t)map, 128 * 1024);
}

/* The child should die in bad(); if VM let it live, it answers the parent instead. */
static void expect_killed(const char *what, void (*bad)(void), uintptr_t addr)
{
    bad_addr = addr;
    int pid = fork_();
    if (pid == 0) {
        bad();
        message m;
        ipc_receive(ANY, &m);
        ipc_sendnb(m.m_source, &m);
        for (;;)
            ipc_receive(ANY, &m);
    }
    message m = { 0 };
    check(what, pid > 0 && ipc_sendrec(pid, &m) == -EDEADSRCDST);
}

static void bad_read(void) { (void)*(volatile uint32_t *)bad_addr; }
static void bad_write(void) { *(volatile uint32_t *)bad_addr = 1; }
static void bad_exec(void) { ((void (*)(void))bad_addr)(); }

static void test_mmap(void)
{
    int r;
    uint32_t before = free_pages();
    vir_bytes a = mmap_(3 * PAGE_SIZE + 10, 0, 0, &r);
    uint8_t *p = (uint8_t *)(uintptr_t)a;
    int ok = r == OK && (a & (PAGE_SIZE - 1)) == 0 && a >= 0x10000000u && a + 4 * PAGE_SIZE <= 0x70000000u;
    for (uint32_t i = 0; ok && i < 4 * PAGE_SIZE; i++)
        ok = p[i] == 0;
    for (int i = 0; ok && i < 4; i++)
        p[i * PAGE_SIZE] = (uint8_t)(i + 1);
    check("mmap gives zeroed, writable pages in the mmap area", ok);
    check("mmap takes whole pages", before - free_pages() == 4);
    vir_bytes b = mmap_(PAGE_SIZE, PROT_RW, PRIVATE_ANON, &r);
    check("a second mapping does not overlap the first", r == OK && (b >= a + 4 * PAGE_SIZE || b + PAGE_SIZE <= a));
    check("munmap of a middle page keeps the rest", munmap_(a + PAGE_SIZE, PAGE_SIZE) == OK && p[0] == 1 &&
          p[2 * PAGE_SIZE] == 3 && p[3 * PAGE_SIZE] == 4);
    expect_killed("a touch of an unmapped page ends the process", bad_read, a + PAGE_SIZE);
    vir_bytes c = mmap_(PAGE_SIZE, PROT_RW, PRIVATE_ANON, &r);
    check("the hole is used again", r == OK && c == a + PAGE_SIZE && p[PAGE_SIZE] == 0);
    check("munmap wants an aligned address and a length", munmap_(a + 1, PAGE_SIZE) == -EINVAL &&
          munmap_(a, 0) == -EINVAL && munmap_(0xfffff000u, 2 * PAGE_SIZE) == -EINVAL);
    vir_bytes ro = mmap_(2 * PAGE_SIZE, 0x1, PRIVATE_ANON, &r);
    check("a read-only mapping reads zeros", r == OK && *(volatile uint32_t *)(uintptr_t)(ro + PAGE_SIZE) == 0);
    expect_killed("a write to a read-only mapping ends the process", bad_write, ro);
    check("munmap gives every frame back", munmap_(a, 4 * PAGE_SIZE) == OK && munmap_(b, PAGE_SIZE) == OK &&
          munmap_(ro, 2 * PAGE_SIZE) == OK && free_pages() == before);
}

static void test_mmap_refusals(void)
{
    int r, ok;
    mmap_(0, PROT_RW, PRIVATE_ANON, &r);
    ok = r == -EINVAL;
    mmap_(PAGE_SIZE, PROT_RW, 0x21, &r);   /* shared */
    ok = ok && r == -EINVAL;
    mmap_(PAGE_SIZE, PROT_RW, 0x32, &r);   /* fixed */
    ok = ok && r == -EINVAL;
    mmap_(PAGE_SIZE, 0x7, PRIVATE_ANON, &r);   /* writable code */
    check("mmap refuses no length, shared, fixed, and writable code", ok && r == -EINVAL);
    mmap_(0x7ff00000u, PROT_RW, PRIVATE_ANON, &r);
    check("a mapping larger than the mmap area is refused", r == -ENOMEM);
    message m = { 0 };
    m.m.vm.target = SELF;
    m.m.vm.len = 1u << 30;
    check("only RS may set a memory limit", call(VM_PROC, &m, VM_SETLIMIT) == -EPERM);
}

static vir_bytes dma_(uint32_t len, phys_bytes *pa, int *r)
{
    message m = { 0 };
    m.m.vm.len = len;
    *r = call(VM_PROC, &m, VM_DMA_ALLOC);
    *pa = m.m.vm.phys;
    return *r == OK ? m.m.vm.addr : 0;
}

/* DMA memory: its physical address is only the device's business, but it must be page
 * aligned, distinct, zeroed, writable, the owner's alone, and given back at exit. */
static void test_dma(void)
{
    int r, r2;
    phys_bytes pa, pa2;
    uint32_t before = free_pages();
    vir_bytes a = dma_(3 * PAGE_SIZE + 1, &pa, &r);
    volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)a;
    int ok = r == OK && a && (pa & (PAGE_SIZE - 1)) == 0 && pa != 0;
    for (uint32_t i = 0; ok && i < PAGE_SIZE; i++)
        ok = p[i] == 0;
    for (uint32_t i = 0; ok && i < PAGE_SIZE; i++)
        p[i] = i;
    check("VM_DMA_ALLOC gives zeroed, writable, aligned pages", ok && p[4095] == 4095);
    check("DMA memory takes whole pages", before - free_pages() == 4);
    vir_bytes b = dma_(PAGE_SIZE, &pa2, &r2);
    check("a second DMA range is elsewhere", r2 == OK && b != a && (pa2 >= pa + 4 * PAGE_SIZE ||
          pa2 + PAGE_SIZE <= pa));
    check("DMA requests of no length or too much are refused", (dma_(0, &pa2, &r), r == -EINVAL) &&
          (dma_(64 * MIB, &pa2, &r), r == -EINVAL));
    expect_killed("a forked child does not get the DMA memory", bad_read, a);
    int pid = fork_();
    if (pid == 0) {
        dma_(16 * PAGE_SIZE, &pa2, &r);
        sys_exit(r == OK ? 0 : 1);
    }
    check("a process's DMA memory comes back when it ends", wait_for(pid) == 0 &&
          before - free_pages() == 5);
}

static void test_faults(void)
{
    expect_killed("a NULL read ends the process", bad_read, 0);
    expect_killed("a write to text ends the process", bad_write, (uintptr_t)&check & ~3u);
    expect_killed("running the heap ends the process", bad_exec, heap_base);
    expect_killed("a touch past the break ends the process", bad_read, heap_base + 256 * 1024);
    expect_killed("a touch below the stack limit ends the process", bad_write, USER_STACK_TOP - 8 * MIB - PAGE_SIZE);
    expect_killed("a touch above the stack ends the process", bad_write, USER_STACK_TOP);
}

static int deep(int n)
{
    volatile char pad[1024];
    pad[0] = (char)n;
    return n == 0 ? 0 : deep(n - 1) + (pad[0] == (char)n);
}

static void test_stack(void)
{
    uint32_t before = free_pages();
    check("the stack grows on demand", deep(512) == 512 && before - free_pages() >= (512 - 64) / 4);
    int pid = fork_();
    if (pid == 0)
        sys_exit(deep(1024) == 1024 ? 5 : 1);   /* a grown stack is copied whole, and grows on */
    check("a child's grown stack is its own and grows", wait_for(pid) == 5 << 8);
}

#define CHUNKS 64

/* Down to the last frame in a few mappings, whatever the board's RAM (128 MiB to 1 GiB): the
 * biggest that fits, from 256 MiB, halving the size each time one does not, to single pages.
 * (Fixed sizes would take more mappings than a process may have on a board with much RAM.) */
static void test_out_of_memory(void)
{
    static vir_bytes chunk[CHUNKS];
    static uint32_t chunk_size[CHUNKS];
    int count = 0, r = OK;
    uint32_t before = free_pages(), mapped = 0;
    for (uint32_t size = 256 * MIB; size >= PAGE_SIZE && count < CHUNKS;) {
        vir_bytes va = mmap_(size, PROT_RW, PRIVATE_ANON, &r);
        if (va) {
            chunk[count] = va;
            chunk_size[count++] = size;
            mapped += size;
        } else {
            size /= 2;
        }
    }
    log_printf("vmtest: %u KiB mapped in %d mappings before memory ran out\n",
               (unsigned)(mapped / 1024), count);
    check("memory runs out with ENOMEM", r == -ENOMEM && free_pages() == 0);
    vir_bytes top = heap_base + 256 * 1024;
    check("brk fails then, and the heap stays", brk_(top + PAGE_SIZE) == -ENOMEM &&
          ((volatile uint32_t *)(uintptr_t)heap_base)[60000] == 4000 + 60000);
    int pid = fork_();
    if (pid == 0)
        sys_exit(0);
    check("fork fails then with ENOMEM", pid == -ENOMEM);
    for (int i = 0; i < count; i++)
        munmap_(chunk[i], chunk_size[i]);
    check("munmap gives all of it back", free_pages() == before);
    pid = fork_();
    if (pid == 0)
        sys_exit(9);
    check("fork works again once memory is back", pid > 0 && wait_for(pid) == 9 << 8);
}

int main(int argc, char **argv, char **envp)
{
    log_printf("vmtest: vmcheck starts\n");
    test_args(argc, argv, envp);
    test_requests();
    test_brk();
    test_cow();
    test_mmap();
    test_mmap_refusals();
    test_dma();
    test_faults();
    test_stack();
    test_out_of_memory();
    log_printf("vmtest: vmcheck done, %d failures\n", failures);
    return failures != 0;
}
