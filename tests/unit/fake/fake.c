/* The fake back end and board: every arch_* and board_* function the generic kernel calls,
 * backed by plain arrays, so kernel/ runs unchanged on the build machine. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "../../../kernel/kernel.h"
#include "../../../kernel/board.h"
#include "fake.h"

_Static_assert(FAKE_PAGE_SIZE == PAGE_SIZE, "the fake pages are the kernel's pages");
_Static_assert(FAKE_PAGES <= 32, "page bits fit in a word");

/* Physical addresses: the kernel's pool, and each slot's user memory at its own place. */
#define USER_PHYS 0x10000000u
#define ALL_PAGES ((uint32_t)((1ull << FAKE_PAGES) - 1))

static uint8_t pool[FAKE_POOL_PAGES][PAGE_SIZE];
struct fake_io fake_io_log[FAKE_IO_LOG];
unsigned fake_io_count;
uint32_t fake_io_read_value;
uint32_t fake_irq_masked;
unsigned fake_eoi_count;
unsigned fake_map_count;
char fake_console[8192];
static size_t console_len;
const char board_name[] = "fake";

void fake_reset(void)
{
    memset(fake_io_log, 0, sizeof fake_io_log);
    fake_io_count = 0;
    fake_io_read_value = 0x5a;
    fake_irq_masked = 0xffffffffu;
    fake_eoi_count = 0;
    fake_map_count = 0;
    console_len = 0;
    fake_console[0] = '\0';
}

/* The page of p's memory holding va, or -1 outside it. */
static int user_page(vir_bytes va)
{
    if (va < FAKE_USER_VA || va >= FAKE_USER_VA + FAKE_USER_SIZE)
        return -1;
    return (int)((va - FAKE_USER_VA) / PAGE_SIZE);
}

void *arch_phys_to_kernel(phys_bytes pa)
{
    if (pa >= FAKE_POOL_BASE && pa < FAKE_POOL_BASE + FAKE_POOL_PAGES * PAGE_SIZE)
        return &pool[(pa - FAKE_POOL_BASE) / PAGE_SIZE][pa % PAGE_SIZE];
    uint32_t slot = (pa - USER_PHYS) / FAKE_USER_SIZE;
    if (pa >= USER_PHYS && slot < NR_SLOTS)
        return &proc_table[slot].mm.mem[(pa - USER_PHYS) % FAKE_USER_SIZE];
    fail_msg("kernel touched physical address 0x%08x outside the fake machine", (unsigned)pa);
    return NULL;
}

int arch_user_translate(const struct proc *p, vir_bytes va, int write, phys_bytes *pa)
{
    int page = user_page(va);
    if (page < 0 || !(p->mm.mapped & (1u << page)))
        return -EFAULT;
    if (write && !(p->mm.writable & (1u << page)))
        return -EFAULT;
    *pa = USER_PHYS + (phys_bytes)p->slot * FAKE_USER_SIZE + (va - FAKE_USER_VA);
    return OK;
}

/* A fresh address space: zeroed, all mapped, the last page read-only. */
int arch_mm_create(struct proc *p)
{
    memset(p->mm.mem, 0, sizeof p->mm.mem);
    p->mm.mapped = ALL_PAGES;
    p->mm.writable = ALL_PAGES & ~(1u << (FAKE_PAGES - 1));
    return OK;
}

void arch_mm_destroy(struct proc *p)
{
    p->mm.mapped = p->mm.writable = 0;
}

/* Only permissions change: a page is always backed by the process's own array. */
int arch_mm_map(struct proc *p, vir_bytes va, phys_bytes pa, uint32_t flags)
{
    (void)pa;
    int page = user_page(va);
    fake_map_count++;
    if (page >= 0) {
        p->mm.mapped |= 1u << page;
        if (flags & MAP_WRITE)
            p->mm.writable |= 1u << page;
        else
            p->mm.writable &= ~(1u << page);
    }
    return OK;
}

void arch_mm_unmap(struct proc *p, vir_bytes va)
{
    int page = user_page(va);
    if (page >= 0) {
        p->mm.mapped &= ~(1u << page);
        p->mm.writable &= ~(1u << page);
    }
}

void arch_init(void) {}

_Noreturn void arch_switch_to_user(struct proc *p)
{
    fail_msg("arch_switch_to_user(%s): the tests never leave the kernel", p->name);
    abort();
}

/* Only panic idles in the tests: make it a test failure instead of a hang. */
void arch_idle(void)
{
    if (strstr(fake_console, "kernel panic"))
        fail_msg("%s", fake_console);
}

uint64_t arch_cycles(void) { return 1234; }
uint32_t arch_cycles_hz(void) { return 0; }

void arch_proc_init(struct proc *p, vir_bytes pc, vir_bytes sp)
{
    memset(&p->regs, 0, sizeof p->regs);
    p->regs.pc = pc;
    p->regs.sp = sp;
}

void arch_syscall_args(const struct proc *p, uint32_t *call, endpoint_t *ep, vir_bytes *msg)
{
    *call = p->regs.call;
    *ep = (endpoint_t)p->regs.ep;
    *msg = p->regs.msg;
}

void arch_set_retval(struct proc *p, int32_t value) { p->regs.retval = value; }
vir_bytes arch_proc_pc(const struct proc *p) { return p->regs.pc; }
vir_bytes arch_proc_sp(const struct proc *p) { return p->regs.sp; }

int arch_signal_enter(struct proc *p, vir_bytes handler, vir_bytes restorer, uint32_t signo,
                      vir_bytes frame)
{
    (void)restorer, (void)signo;
    p->regs.pc = handler;
    p->regs.sp = frame;
    return OK;
}

void arch_regs_restore(struct proc *p, const struct arch_regs *saved)
{
    p->regs.pc = saved->pc;
    p->regs.sp = saved->sp;
    p->regs.retval = saved->retval;
}

int arch_port_io(uint32_t port, uint32_t width, int write, uint32_t *value)
{
    if (!write)
        *value = fake_io_read_value;
    if (fake_io_count < FAKE_IO_LOG)
        fake_io_log[fake_io_count] = (struct fake_io){ port, width, (uint32_t)write, *value };
    fake_io_count++;
    return OK;
}

void board_console_init(void) {}

void board_console_putc(char c)
{
    if (console_len + 1 < sizeof fake_console) {
        fake_console[console_len++] = c;
        fake_console[console_len] = '\0';
    }
}

void board_irq_init(void) { fake_irq_masked = 0xffffffffu; }
void board_irq_mask(unsigned line) { fake_irq_masked |= 1u << line; }
void board_irq_unmask(unsigned line) { fake_irq_masked &= ~(1u << line); }
void board_irq_eoi(unsigned line) { (void)line; fake_eoi_count++; }
unsigned board_irq_count(void) { return FAKE_IRQ_LINES; }
void board_timer_init(unsigned hz) { (void)hz; }
unsigned board_timer_irq(void) { return FAKE_TIMER_IRQ; }
void board_timer_ack(void) {}

void board_memory(phys_bytes *base, phys_bytes *limit)
{
    *base = FAKE_POOL_BASE;
    *limit = FAKE_POOL_BASE + FAKE_POOL_PAGES * PAGE_SIZE;
}

int board_boot_image(phys_bytes *base, phys_bytes *size)
{
    (void)base, (void)size;
    return -ENOENT;
}

int board_reserved(unsigned i, phys_bytes *base, phys_bytes *size)
{
    (void)i, (void)base, (void)size;
    return -ENOENT;
}

_Noreturn void board_poweroff(void)
{
    fail_msg("board_poweroff");
    abort();
}

_Noreturn void board_reboot(void)
{
    fail_msg("board_reboot");
    abort();
}
