/* fakepm: stands in for PM in tests/images/vmtest.toml: checks VM_EXEC, starts the programs in
 * its arguments and serves their fork, exit and waitpid (pids are endpoints) through VM. */
#include <libsys.h>
#include "../../lib/common/string.h"

#define MAX_PROCS 64
#define LONG_ARG 5000

enum { FREE, ALIVE, ZOMBIE };

struct child {
    endpoint_t ep, parent;
    int state, status;
    int waiting;          /* in PM_WAITPID for this pid (-1: any) */
    int waits_for;
};

static struct child procs[MAX_PROCS];
static uint8_t stack_image[8192];
static char long_arg[LONG_ARG + 1];
static int failures, programs_left;

static void check(const char *what, int ok)
{
    log_printf("vmtest: %s %s\n", what, ok ? "ok" : "FAIL");
    failures += !ok;
}

static int vm_call(message *m, int type)
{
    m->m_type = type;
    int r = ipc_sendrec(VM_PROC, m);
    return r != OK ? r : m->m_type;
}

static uint32_t free_pages(void)
{
    message m = { 0 };
    return vm_call(&m, VM_INFO) == OK ? m.m.vm.prot : 0;
}

/* argc, argv[], NULL, envp[], NULL, then the strings, ending at USER_STACK_TOP. */
static int build_stack(const char *const *argv, int argc, const char *const *envp, int envc)
{
    uint32_t words = (uint32_t)(argc + envc + 3), len = 0;
    for (int i = 0; i < argc + envc; i++)
        len += strlen(i < argc ? argv[i] : envp[i - argc]) + 1;
    uint32_t total = (words * 4 + len + 15) & ~15u;
    if (total > sizeof stack_image)
        return -E2BIG;
    memset(stack_image, 0, total);
    uint32_t *w = (uint32_t *)stack_image;
    vir_bytes str_va = USER_STACK_TOP - total + words * 4;
    uint32_t off = words * 4;
    *w++ = (uint32_t)argc;
    for (int i = 0; i < argc + envc; i++) {
        const char *s = i < argc ? argv[i] : envp[i - argc];
        *w++ = str_va + (off - words * 4);
        memcpy(stack_image + off, s, strlen(s) + 1);
        off += strlen(s) + 1;
        if (i == argc - 1)
            *w++ = 0;
    }
    return (int)total;
}

static int vm_exec(endpoint_t target, const char *name, int len, vir_bytes *pc, vir_bytes *sp)
{
    grant_id_t g = grant_make(VM_PROC, stack_image, sizeof stack_image, GRANT_READ);
    message m = { 0 };
    m.m.vm.target = target;
    strncpy(m.m.vm.name, name, sizeof m.m.vm.name - 1);
    m.m.vm.grant = g;
    m.m.vm.len = (uint32_t)len;
    int r = vm_call(&m, VM_EXEC);
    grant_revoke(g);
    *pc = m.m.vm.pc;
    *sp = m.m.vm.sp;
    return r;
}

/* The [[program]] entry's privileges, as RS would give a service its policy. */
static int give_privileges(endpoint_t ep, const char *name)
{
    struct bootimg_entry e;
    for (int i = 0; sys_getinfo(GET_BOOTENTRY, i, &e, sizeof e) >= 0; i++)
        if (strncmp(e.name, name, sizeof e.name) == 0)
            return sys_privctl(ep, &e.priv);
    return -ENOENT;
}

static struct child *track(endpoint_t ep, endpoint_t parent)
{
    for (int i = 0; i < MAX_PROCS; i++) {
        if (procs[i].state == FREE) {
            procs[i] = (struct child){ ep, parent, ALIVE, 0, 0, 0 };
            return &procs[i];
        }
    }
    return NULL;
}

static struct child *find(endpoint_t ep)
{
    for (int i = 0; i < MAX_PROCS; i++)
        if (procs[i].state != FREE && procs[i].ep == ep)
            return &procs[i];
    return NULL;
}

static void spawn(const char *name)
{
    const char *argv[] = { name, "alpha", "beta", long_arg };
    const char *envp[] = { "VM=1" };
    endpoint_t ep;
    vir_bytes pc, sp;
    int len = build_stack(argv, 4, envp, 1), r = len < 0 ? len : sys_fork(SELF, &ep);
    if (r == OK && (r = give_privileges(ep, name)) == OK && (r = vm_exec(ep, name, len, &pc, &sp)) == OK)
        r = sys_exec(ep, pc, sp, name);
    if (r != OK) {
        log_printf("vmtest: cannot start %s: %s FAIL\n", name, err_name(r));
        failures++;
        return;
    }
    track(ep, SELF);
    programs_left++;
}

/* VM's answers to exec requests it must refuse, on a slot that never runs. */
static void exec_checks(void)
{
    endpoint_t ep;
    vir_bytes pc, sp;
    const char *argv[] = { "x" };
    int len = build_stack(argv, 1, NULL, 0);
    if (sys_fork(SELF, &ep) != OK) {
        check("a slot for the exec checks", 0);
        return;
    }
    uint32_t before = free_pages();
    check("exec of a missing program gives ENOENT", vm_exec(ep, "nosuchprogram", len, &pc, &sp) == -ENOENT);
    check("exec of a writable and executable segment gives ENOEXEC",
          vm_exec(ep, "vmbadwx", len, &pc, &sp) == -ENOEXEC);
    check("exec of a segment below USER_BASE gives ENOEXEC", vm_exec(ep, "vmbadva", len, &pc, &sp) == -ENOEXEC);
    check("exec with a stack image of odd length is refused", vm_exec(ep, "vmcheck", 20, &pc, &sp) == -EINVAL);
    check("exec of a boot process's program works", vm_exec(ep, "log", len, &pc, &sp) == OK &&
          pc >= USER_BASE && sp == USER_STACK_TOP - (vir_bytes)len);
    message m = { 0 };
    m.m.vm.target = ep;
    check("exit gives back every frame of the exec", vm_call(&m, VM_EXIT) == OK && free_pages() == before);
    sys_clear(ep);
    check("exec into a dead endpoint fails", vm_exec(ep, "vmcheck", len, &pc, &sp) < 0);
    memset(&m, 0, sizeof m);
    check("an unknown request gives EBADREQUEST", vm_call(&m, VM_CALL_END) == -EBADREQUEST);
}

static int deep(int n)
{
    volatile char pad[1024];
    pad[0] = (char)n;
    return n == 0 ? 0 : deep(n - 1) + (pad[0] == (char)n);
}

/* fakepm is a boot process: its image and stack are the kernel's, the rest VM's. */
static void boot_process_checks(void)
{
    extern char end[];
    message m = { 0 };
    vir_bytes base = PAGE_UP((vir_bytes)(uintptr_t)end);
    m.m.vm.addr = base + 3 * PAGE_SIZE;
    int ok = vm_call(&m, VM_BRK) == OK;
    if (ok)
        memset((void *)(uintptr_t)base, 0x5a, 3 * PAGE_SIZE);
    check("a boot process gets a heap from VM", ok);
    memset(&m, 0, sizeof m);
    m.m.vm.len = PAGE_SIZE;
    ok = vm_call(&m, VM_MMAP) == OK;
    if (ok)
        *(volatile uint32_t *)(uintptr_t)m.m.vm.addr = 7;
    check("a boot process gets a mapping from VM", ok);
    check("a boot process's stack grows", deep(200) == 200);
    endpoint_t child;
    if (sys_fork(SELF, &child) == OK) {
        memset(&m, 0, sizeof m);
        m.m.vm.target = PM_PROC;
        m.m.vm.child = child;
        check("fork of a boot process is refused", vm_call(&m, VM_FORK) == -EPERM);
        sys_clear(child);
    }
}

static void reply(endpoint_t to, int type, message *m)
{
    m->m_type = type;
    ipc_sendnb(to, m);
}

static void do_fork(message *m)
{
    endpoint_t child;
    int r = sys_fork(m->m_source, &child);
    if (r == OK) {
        message v = { 0 };
        v.m.vm.target = m->m_source;
        v.m.vm.child = child;
        if ((r = vm_call(&v, VM_FORK)) != OK || !track(child, m->m_source)) {
            sys_clear(child);
            r = r != OK ? r : -EAGAIN;
        }
    }
    if (r == OK) {
        message c = { 0 };
        reply(child, 0, &c);
    }
    reply(m->m_source, r == OK ? child : r, m);
}

static int waits_for(const struct child *parent, const struct child *c)
{
    return parent->waiting && (parent->waits_for == -1 || parent->waits_for == c->ep);
}

/* A waiting parent takes the zombie at once. */
static void reap(struct child *c)
{
    struct child *parent = find(c->parent);
    if (!parent || !waits_for(parent, c))
        return;
    message m = { 0 };
    m.m.pm.out[0] = c->status << 8;
    parent->waiting = 0;
    c->state = FREE;
    reply(parent->ep, c->ep, &m);
}

static void do_exit(message *m)
{
    message v = { 0 };
    v.m.vm.target = m->m_source;
    vm_call(&v, VM_EXIT);
    sys_clear(m->m_source);
    struct child *c = find(m->m_source);
    if (!c)
        return;
    c->state = ZOMBIE;
    c->status = m->m.pm.pid & 0xff;
    if (c->parent == SELF) {
        c->state = FREE;
        programs_left--;
        return;
    }
    reap(c);
}

static void do_waitpid(message *m)
{
    struct child *self = find(m->m_source);
    int children = 0;
    for (int i = 0; self && i < MAX_PROCS; i++) {
        struct child *c = &procs[i];
        if (c->state == FREE || c->parent != m->m_source || (m->m.pm.pid != -1 && c->ep != m->m.pm.pid))
            continue;
        children++;
        self->waiting = 1;
        self->waits_for = m->m.pm.pid;
        if (c->state == ZOMBIE) {
            reap(c);
            return;
        }
    }
    if (!children)
        reply(m->m_source, -ECHILD, m);
}

/* Processes the kernel ended after VM refused their fault never sent PM_EXIT: as PM
 * would on their SIGSEGV, tell VM they are gone. */
static void forget_killed(void)
{
    for (int i = 0; i < MAX_PROCS; i++) {
        struct proc_info pi;
        if (procs[i].state == ALIVE &&
            (sys_getinfo(GET_PROC, ENDPOINT_SLOT(procs[i].ep), &pi, sizeof pi) < 0 || pi.endpoint != procs[i].ep)) {
            message v = { 0 };
            v.m.vm.target = procs[i].ep;
            vm_call(&v, VM_EXIT);
            procs[i].state = FREE;
        }
    }
}

int main(int argc, char **argv)
{
    memset(long_arg, 'x', LONG_ARG);
    exec_checks();
    boot_process_checks();
    uint32_t before = free_pages();
    for (int i = 1; i < argc; i++)
        spawn(argv[i]);
    while (programs_left > 0) {
        message m;
        if (ipc_receive(ANY, &m) != OK)
            continue;
        if (m.m_type == PM_FORK)
            do_fork(&m);
        else if (m.m_type == PM_EXIT)
            do_exit(&m);
        else if (m.m_type == PM_WAITPID)
            do_waitpid(&m);
        else if (m.m_type != NOTIFY_MESSAGE)
            reply(m.m_source, -ENOSYS, &m);
    }
    forget_killed();
    check("every frame came back once the programs ended", free_pages() == before);
    log_printf("vmtest: all done, %d failures in fakepm\n", failures);
    for (;;) {
        message m;
        ipc_receive(ANY, &m);
    }
}
