/* The fake back end: every arch_* and board_* function the generic kernel calls, backed by
 * plain arrays, so kernel/ runs unchanged on the build machine. */
#include "../../kernel/kernel.h"
#include "../../kernel/board.h"
#include "fake.h"
#include <stdlib.h>
#include <string.h>

uint8_t fake_user_mem[NR_SLOTS][FAKE_USER_SIZE];
static uint8_t pool[FAKE_POOL_PAGES][PAGE_SIZE];
uint32_t fake_irq_masked;
unsigned fake_eoi_count;
uint32_t fake_last_port, fake_last_value, fake_port_calls;
char fake_console[8192];
static size_t console_len;
const char board_name[] = "fake";

#define USER_PHYS 0x10000000u   /* process slot s's memory is "physical" USER_PHYS + s * SIZE */

void fake_reset(void)
{
    memset(fake_user_mem, 0, sizeof fake_user_mem);
    fake_irq_masked = 0xffffffffu;
    fake_eoi_count = 0;
    fake_last_port = fake_last_value = fake_port_calls = 0;
    console_len = 0;
    fake_console[0] = '\0';
}

void *arch_phys_to_kernel(phys_bytes pa)
{
    if (pa >= FAKE_POOL_BASE && pa < FAKE_POOL_BASE + FAKE_POOL_PAGES * PAGE_SIZE)
        return &pool[(pa - FAKE_POOL_BASE) / PAGE_SIZE][pa % PAGE_SIZE];
    uint32_t slot = (pa - USER_PHYS) / FAKE_USER_SIZE;
    if (pa >= USER_PHYS && slot < NR_SLOTS)
        return &fake_user_mem[slot][(pa - USER_PHYS) % FAKE_USER_SIZE];
    abort();
}

int arch_user_translate(const struct proc *p, vir_bytes va, int write, phys_bytes *pa)
{
    if (!p->mm.created || va < FAKE_USER_VA || va >= FAKE_USER_VA + FAKE_USER_SIZE)
        return -EFAULT;
    if (write && va >= FAKE_RO_VA)
        return -EFAULT;
    *pa = USER_PHYS + (phys_bytes)p->slot * FAKE_USER_SIZE + (va - FAKE_USER_VA);
    return OK;
}

int arch_mm_create(struct proc *p) { p->mm.created = 1; return OK; }
void arch_mm_destroy(struct proc *p) { p->mm.created = 0; }
int arch_mm_map(struct proc *p, vir_bytes va, phys_bytes pa, uint32_t flags)
{
    (void)p, (void)va, (void)pa, (void)flags;
    return OK;
}
void arch_mm_unmap(struct proc *p, vir_bytes va) { (void)p, (void)va; }

_Noreturn void arch_switch_to_user(struct proc *p) { (void)p; abort(); }
/* Only panic idles in the tests: make it a test failure instead of a hang. */
void arch_idle(void)
{
    if (strstr(fake_console, "kernel panic"))
        abort();
}
uint64_t arch_cycles(void) { return 0; }
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
    (void)width;
    fake_port_calls++;
    fake_last_port = port;
    if (write)
        fake_last_value = *value;
    else
        *value = 0x5a;
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
unsigned board_irq_count(void) { return 16; }
void board_timer_init(unsigned hz) { (void)hz; }
unsigned board_timer_irq(void) { return 0; }
void board_timer_ack(void) {}
void board_memory(phys_bytes *base, phys_bytes *limit)
{
    *base = FAKE_POOL_BASE;
    *limit = FAKE_POOL_BASE + FAKE_POOL_PAGES * PAGE_SIZE;
}
int board_boot_image(phys_bytes *base, phys_bytes *size) { (void)base, (void)size; return -ENOENT; }
int board_reserved(unsigned i, phys_bytes *base, phys_bytes *size)
{
    (void)i, (void)base, (void)size;
    return -ENOENT;
}
_Noreturn void board_poweroff(void) { abort(); }
_Noreturn void board_reboot(void) { abort(); }
