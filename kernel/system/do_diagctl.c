/* SYS_DIAGCTL: print a string from the caller on the kernel console (services' diagnostics).
 * In: buf, len (at most 240 bytes are printed). */
#include "../system.h"

int do_diagctl(struct proc *caller, message *m)
{
    const struct kc_diagctl *a = &m->m.diagctl;
    char text[241];
    uint32_t len = a->len < sizeof text - 1 ? a->len : sizeof text - 1;
    int r = copy_from_user(caller, a->buf, text, len);
    if (r != OK)
        return r;
    text[len] = '\0';
    printk("%s", text);
    return OK;
}
