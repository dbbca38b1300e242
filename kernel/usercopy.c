/* Copies between address spaces, page by page through the back end's translation: the
 * kernel never touches a user address directly, so a bad pointer is an error, not a fault. */
#include "kernel.h"
#include <string.h>

int user_range_ok(const struct proc *p, vir_bytes va, size_t len, int write)
{
    phys_bytes pa;
    if (len == 0)
        return 1;
    if (va >= USER_TOP || len > USER_TOP - va)
        return 0;
    for (vir_bytes page = PAGE_DOWN(va); page < va + len; page += PAGE_SIZE)
        if (arch_user_translate(p, page, write, &pa) != OK)
            return 0;
    return 1;
}

/* The bytes left in va's page, at most len. */
static size_t in_page(uintptr_t va, size_t len)
{
    size_t left = PAGE_SIZE - (va & (PAGE_SIZE - 1));
    return len < left ? len : left;
}

/* Copies in pieces that stay inside one page on both sides. A NULL process is the kernel. */
static int copy(const struct proc *dst, uintptr_t dva, const struct proc *src, uintptr_t sva, size_t len)
{
    if ((dst && (dva >= USER_TOP || len > USER_TOP - dva)) ||
        (src && (sva >= USER_TOP || len > USER_TOP - sva)))
        return -EFAULT;
    while (len > 0) {
        size_t n = len;
        phys_bytes pa;
        uint8_t *d = (uint8_t *)dva, *s = (uint8_t *)sva;
        if (dst) {
            if (arch_user_translate(dst, dva, 1, &pa) != OK)
                return -EFAULT;
            d = arch_phys_to_kernel(pa);
            n = in_page(dva, n);
        }
        if (src) {
            if (arch_user_translate(src, sva, 0, &pa) != OK)
                return -EFAULT;
            s = arch_phys_to_kernel(pa);
            n = in_page(sva, n);
        }
        memmove(d, s, n);
        dva += n;
        sva += n;
        len -= n;
    }
    return OK;
}

int copy_from_user(const struct proc *p, vir_bytes va, void *buf, size_t len)
{
    return copy(NULL, (uintptr_t)buf, p, va, len);
}

int copy_to_user(const struct proc *p, vir_bytes va, const void *buf, size_t len)
{
    return copy(p, va, NULL, (uintptr_t)buf, len);
}

int copy_user(const struct proc *dst, vir_bytes dva, const struct proc *src, vir_bytes sva, size_t len)
{
    return copy(dst, dva, src, sva, len);
}
