/* vmtest: memory through VM: a heap of several MiB with its contents checked, copy-on-write
 * after fork, anonymous mmap and munmap, stack growth, bad pointers to the servers and the
 * kernel giving EFAULT, and running out of memory giving ENOMEM with the system staying up. */
#include <testjob.h>
#include "../../lib/common/string.h"

extern char end[];   /* the linker's end of the program's data */


static int brk_(vir_bytes addr)
{
    message m = { 0 };
    m.m.vm.addr = addr;
    return call(VM_PROC, &m, VM_BRK);
}

static vir_bytes mmap_(uint32_t len, int *r)
{
    message m = { 0 };
    m.m.vm.len = len;
    *r = call(VM_PROC, &m, VM_MMAP);
    return m.m.vm.addr;
}

static int munmap_(vir_bytes addr, uint32_t len)
{
    message m = { 0 };
    m.m.vm.addr = addr;
    m.m.vm.len = len;
    return call(VM_PROC, &m, VM_MUNMAP);
}

#define HEAP_MB 6

static void test_heap(void)
{
    vir_bytes base = ((vir_bytes)(uintptr_t)end + 4095) & ~4095u;
    uint32_t size = HEAP_MB << 20;
    int r = brk_(base + size);
    uint32_t *words = (uint32_t *)(uintptr_t)base;
    int good = r == OK;
    for (uint32_t i = 0; good && i < size / 4; i++)
        words[i] = i * 2654435761u;
    for (uint32_t i = 0; good && i < size / 4; i++)
        good = words[i] == i * 2654435761u;
    check("a heap of 6 MiB holds what was written", good);
    check("brk below the program is refused", brk_(0x1000) == -ENOMEM);
    check("the heap shrinks", brk_(base + 4096) == OK);
}

static void test_cow(void)
{
    static volatile uint32_t shared[2048] = { 1 };   /* data: copy-on-write after fork */
    shared[0] = 100;
    shared[1500] = 200;
    int pid = t_fork();
    if (pid == 0) {
        int saw_parent = shared[0] == 100 && shared[1500] == 200;
        shared[0] = 111;   /* the child's own copy */
        sys_exit(saw_parent && shared[0] == 111 ? 0 : 1);
    }
    int child_ok = t_wait_for(pid) == 0;
    shared[1500] = 222;
    check("after fork parent and child see only their own writes",
          child_ok && shared[0] == 100 && shared[1500] == 222);
}

static void test_mmap(void)
{
    int r;
    vir_bytes a = mmap_(3 * 4096 + 10, &r);
    uint8_t *p = (uint8_t *)(uintptr_t)a;
    int good = r == OK && a && p[0] == 0 && p[4 * 4096 - 1] == 0;
    if (good)
        p[5000] = 7;
    check("anonymous mmap gives zeroed memory", good && p[5000] == 7);
    check("munmap gives it back", munmap_(a, 4 * 4096) == OK);
    mmap_(0x7ff00000u, &r);
    check("a mmap larger than the address space is refused", r == -EINVAL || r == -ENOMEM);
}

static int deep(int n)
{
    volatile char pad[1024];
    pad[0] = 1;
    return n == 0 ? 0 : deep(n - 1) + pad[0];
}

static void test_stack(void)
{
    int pid = t_fork();
    if (pid == 0)
        sys_exit(deep(512) == 512 ? 0 : 1);   /* 512 KiB of stack: it grows */
    check("the stack grows on demand", t_wait_for(pid) == 0);
}

/* A request whose message is at a bad address never reaches the server: the kernel answers
 * EFAULT; a grant over a bad address reaches it, and its copy fails with EFAULT. */
static void test_bad_pointers(void)
{
    static const vir_bytes bad[] = { 0, 0x80100000u, 0x30000000u };
    static const endpoint_t servers[] = { PM_PROC, VM_PROC, DS_PROC, RS_PROC, SYSTEM };
    int tries = 0, efault = 0;
    for (int i = 0; i < 3; i++) {
        for (int s = 0; s < 5; s++, tries++)
            efault += ipc_sendrec(servers[s], (message *)(uintptr_t)bad[i]) == -EFAULT;
        message m = { 0 };
        grant_id_t g = grant_make(PM_PROC, (void *)(uintptr_t)bad[i], 64, GRANT_READ | GRANT_WRITE);
        m.m.pm.grant = g;
        m.m.pm.len = 64;
        m.m.pm.arg = 1;
        efault += call(PM_PROC, &m, PM_EXEC) == -EFAULT;
        memset(&m, 0, sizeof m);
        m.m.pm.grant = g;
        m.m.pm.len = sizeof(struct pm_procinfo);
        efault += call(PM_PROC, &m, PM_PROCINFO) == -EFAULT;
        grant_revoke(g);
        g = grant_make(DS_PROC, (void *)(uintptr_t)bad[i], 64, GRANT_READ | GRANT_WRITE);
        memset(&m, 0, sizeof m);
        memcpy(m.m.ds.key, "vmtest.blob", 12);
        m.m.ds.type = DS_BLOB;
        m.m.ds.grant = g;
        m.m.ds.len = 64;
        efault += call(DS_PROC, &m, DS_PUBLISH) == -EFAULT;
        grant_revoke(g);
        g = grant_make(RS_PROC, (void *)(uintptr_t)bad[i], 64, GRANT_WRITE);
        memset(&m, 0, sizeof m);
        m.m.rs.grant = g;
        m.m.rs.len = 64;
        efault += call(RS_PROC, &m, RS_LIST) == -EFAULT;
        grant_revoke(g);
        tries += 4;
    }
    log_printf("vmtest: %d of %d bad pointers refused with EFAULT\n", efault, tries);
    check("bad pointers to PM, VM, DS, RS, the kernel and in grants give EFAULT", efault == tries);
}

static void test_out_of_memory(void)
{
    vir_bytes chunks[512];
    int n = 0, r = OK;
    while (n < 512) {
        chunks[n] = mmap_(4 << 20, &r);
        if (r != OK)
            break;
        n++;
    }
    log_printf("vmtest: %d MiB mapped before memory ran out\n", n * 4);
    int pid_when_full = t_fork();
    if (pid_when_full == 0)
        sys_exit(0);
    if (pid_when_full > 0)
        t_wait_for(pid_when_full);
    for (int i = 0; i < n; i++)
        munmap_(chunks[i], 4 << 20);
    int pid = t_fork();
    if (pid == 0)
        sys_exit(9);
    check("running out of memory gives ENOMEM", r == -ENOMEM && n > 0);
    check("fork works again once memory is back", pid > 0 && t_wait_for(pid) == (9 << 8));
}

int main(void)
{
    job_start("vmtest");
    test_heap();
    test_cow();
    test_mmap();
    test_stack();
    test_bad_pointers();
    test_out_of_memory();
    return job_done();
}
