/* Fault injection inside a service: RS sends FI_INJECT and the service's own message loop
 * makes the fault happen here, in the service, as the bug it stands for would: a panic, wild
 * writes, a hang, a flipped bit in its code, bad IPC, memory it never gives back, copies
 * that say they moved data and did not, or (block drivers) data sent to the wrong sectors. */
#include <libsys.h>

extern char text_end[];          /* lib/user.ld */

static uint32_t seed = 0x2545f491u;   /* RS sends a new one with every fault */
int fi_lying;
int fi_misdirecting;

static uint32_t random32(void)
{
    seed ^= seed << 13, seed ^= seed >> 17, seed ^= seed << 5;
    return seed;
}

static int vm_call(int type, message *m)
{
    m->m_type = type;
    int r = ipc_sendrec(VM_PROC, m);
    return r != OK ? r : m->m_type;
}

/* A bit of its code flips; it runs on with that, and may crash, hang or misbehave later. */
static void flip_text_bit(void)
{
    vir_bytes lo = 0x00400000, hi = (vir_bytes)(uintptr_t)text_end;
    message m = { 0 };
    m.m.vm.addr = lo + random32() % (hi - lo);
    m.m.vm.len = random32() % 8;
    int r = vm_call(VM_FLIPBIT, &m);
    log_printf("fi: bit %u at 0x%x of the code flipped: %s\n", (unsigned)m.m.vm.len,
               (unsigned)m.m.vm.addr, r == OK ? "done" : err_name(r));
}

/* Messages no server expects, to places that may not exist. */
static void bad_ipc(void)
{
    message m;
    for (uint32_t i = 0; i < sizeof m / 4; i++)
        ((uint32_t *)&m)[i] = random32();
    int a = ipc_sendrec(ENDPOINT(77, 700), &m);
    int b = ipc_sendnb((endpoint_t)random32(), &m);
    m.m_type = (int32_t)(random32() & 0xfff);
    int c = ipc_sendrec(DS_PROC, &m);
    log_printf("fi: bad IPC answered %s, %s, %s\n", err_name(a), err_name(b), err_name(c));
}

/* Takes memory a MiB at a time without giving it back until VM refuses (the service's limit
 * from its policy, or no memory left), then fails. */
static void leak(void)
{
    uint32_t mib = 0;
    for (;;) {
        message m = { 0 };
        m.m.vm.len = 1u << 20;
        m.m.vm.prot = 3;
        if (vm_call(VM_MMAP, &m) != OK)
            break;
        for (uint32_t off = 0; off < (1u << 20); off += 4096)
            ((volatile uint8_t *)(uintptr_t)m.m.vm.addr)[off] = 1;
        mib++;
    }
    log_printf("fi: leaked %u MiB, then its memory ran out\n", (unsigned)mib);
    arch_illegal_instruction();
}

static void inject(uint32_t kind)
{
    log_printf("fi: injecting fault %u\n", (unsigned)kind);
    switch (kind) {
    case FI_PANIC:
        log_printf("fi: panic\n");   /* gives up at once, as a failed assertion would */
        arch_illegal_instruction();
        break;
    case FI_NULL:
        *(volatile uint32_t *)0 = random32();
        break;
    case FI_WILD:
        *(volatile uint32_t *)(uintptr_t)(random32() & ~3u) = random32();
        break;
    case FI_KERNEL:
        *(volatile uint32_t *)(uintptr_t)0x80100000u = random32();
        break;
    case FI_LOOP:
        for (;;)
            __asm__ volatile("" ::: "memory");
    case FI_BITFLIP:
        flip_text_bit();
        break;
    case FI_BADIPC:
        bad_ipc();
        break;
    case FI_LEAK:
        leak();
        break;
    case FI_LIE:        /* as a flipped bit in a copy's length would: replies say all is done */
        log_printf("fi: from now on its copies move nothing\n");
        fi_lying = 1;
        break;
    case FI_MISDIRECT:  /* as a flipped bit in a block driver's sector arithmetic would */
        log_printf("fi: from now on its chunks go 8 sectors further on\n");
        fi_misdirecting = 8;
        break;
    default:
        break;
    }
}

int fi_check(const message *m)
{
    if (m->m_source != RS_PROC || m->m_type != FI_INJECT)
        return 0;
    if (m->m.rs.grant)
        seed = (uint32_t)m->m.rs.grant;
    inject(m->m.rs.len);
    return 1;
}
