/* fault: does one forbidden memory access named by argv[1]; the kernel must stop it.
 * Kinds: null, kernel, nx-data, nx-stack, text-write, privileged. */
#include <libsys.h>
#include "../../lib/common/string.h"

static unsigned char data_code[16] = { 0xc3 };   /* "ret" on x86; never executable */

typedef void (*code_fn)(void);

void text_target(void);
void text_target(void)
{
}

static void do_fault(const char *kind)
{
    if (strcmp(kind, "null") == 0) {
        volatile int *p = (volatile int *)0;
        log_printf("fault: %s read %d\n", kind, *p);
    } else if (strcmp(kind, "kernel") == 0) {
        volatile int *p = (volatile int *)0x80100000u;
        *p = 1;
    } else if (strcmp(kind, "nx-data") == 0) {
        ((code_fn)(uintptr_t)data_code)();
    } else if (strcmp(kind, "nx-stack") == 0) {
        unsigned char stack_code[16];
        memcpy(stack_code, data_code, sizeof stack_code);
        ((code_fn)(uintptr_t)stack_code)();
    } else if (strcmp(kind, "text-write") == 0) {
        volatile unsigned char *text = (volatile unsigned char *)(uintptr_t)&text_target;
        *text = 0x90;
    } else if (strcmp(kind, "privileged") == 0) {
        arch_privileged_instruction();
    }
}

int main(int argc, char **argv)
{
    const char *kind = argc > 1 ? argv[1] : "null";
    log_printf("fault: %s: about to fault\n", kind);
    do_fault(kind);
    log_printf("fault: FAIL %s was not stopped\n", kind);
    return 1;
}
