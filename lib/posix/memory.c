/* Memory from VM: the heap's break for newlib's malloc, and anonymous mappings. */
#include <errno.h>
#include <sys/mman.h>
#include "posix.h"

extern char _end[];        /* lib/user.ld: the end of .bss */
static uintptr_t brk_now;  /* 0 until the first call */

/* VM starts a program's heap at the page after its last segment, where _end is, and keeps
 * its own count; a fork copies both. Without VM every request fails: malloc returns NULL and
 * newlib's stdio falls back to unbuffered streams. */
void *_sbrk(ptrdiff_t incr)
{
    if (!brk_now)
        brk_now = PAGE_UP((uintptr_t)_end);
    uintptr_t old = brk_now, new = old + (uintptr_t)incr;
    if (incr == 0)
        return (void *)old;
    if ((incr > 0 && new < old) || (incr < 0 && new > old)) {
        errno = ENOMEM;
        return (void *)-1;
    }
    message m = { 0 };
    m.m.vm.addr = (vir_bytes)new;
    if (posix_call(VM_PROC, VM_BRK, &m) < 0) {
        errno = ENOMEM;
        return (void *)-1;
    }
    brk_now = new;
    return (void *)old;
}

/* VM places the mapping itself; the pages are zeroed, readable and writable. A shared mapping
 * would stay shared across fork, which VM's copy-on-write fork does not do. */
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset)
{
    (void)addr, (void)fd, (void)offset;
    if (!(flags & MAP_ANONYMOUS)) {
        errno = ENODEV;
        return MAP_FAILED;
    }
    if ((flags & (MAP_SHARED | MAP_FIXED)) || !(flags & MAP_PRIVATE) || len == 0) {
        errno = EINVAL;
        return MAP_FAILED;
    }
    message m = { 0 };
    m.m.vm.len = (uint32_t)len;
    m.m.vm.prot = (uint32_t)prot;
    m.m.vm.flags = (uint32_t)flags;
    if (posix_call(VM_PROC, VM_MMAP, &m) < 0)
        return MAP_FAILED;
    return (void *)(uintptr_t)m.m.vm.addr;
}

int munmap(void *addr, size_t len)
{
    message m = { 0 };
    m.m.vm.addr = (vir_bytes)(uintptr_t)addr;
    m.m.vm.len = (uint32_t)len;
    return posix_call(VM_PROC, VM_MUNMAP, &m) < 0 ? -1 : 0;
}
