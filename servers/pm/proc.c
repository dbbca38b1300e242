/* Process life: the boot processes, fork, exec, spawn (for RS), exit and waitpid. */
#include "pm.h"
#include "../../lib/common/string.h"

#define EXEC_MAX 8192        /* path, arguments and environment of one exec */
#define MAX_PID 30000

static int32_t next_pid = 2;
/* An exec's path, arguments and environment as the caller gave them, and the stack image
 * made of them. An exec of a file keeps its own while VFS reads the program, so a spawn
 * meanwhile (RS restarting a driver) has another. */
struct exec_args {
    char buf[EXEC_MAX];
    uint8_t stack[EXEC_MAX + 1024];
};
static struct exec_args exec_args, spawn_args;

static int pid_in_use(int32_t pid)
{
    return mp_by_pid(pid) != NULL;
}

static int32_t new_pid(void)
{
    do {
        if (++next_pid >= MAX_PID)
            next_pid = 2;
    } while (pid_in_use(next_pid));
    return next_pid;
}

static void mp_reset(struct mproc *mp, endpoint_t ep, int32_t pid)
{
    memset(mp, 0, sizeof *mp);
    mp->state = MP_ALIVE;
    mp->ep = ep;
    mp->pid = pid;
}

/* Every process the kernel started before PM ran is a system process of PM's own table. */
void pm_init_boot_processes(void)
{
    for (int slot = NR_TASKS; slot < NR_SLOTS; slot++) {
        struct proc_info pi;
        if (sys_getinfo(GET_PROC, slot, &pi, sizeof pi) < 0 || (pi.flags & 0x1))
            continue;
        struct mproc *mp = &mproc[slot];
        mp_reset(mp, pi.endpoint, next_pid++);
        mp->system = 1;
        memcpy(mp->name, pi.name, sizeof mp->name);
        mp->pgid = mp->sid = mp->pid;
    }
}

static struct mproc *new_child(struct mproc *parent, endpoint_t ep, int32_t pid)
{
    struct mproc *mp = &mproc[ENDPOINT_SLOT(ep)];
    mp_reset(mp, ep, pid);
    mp->ppid = parent->pid;
    mp->pgid = parent->pgid;
    mp->sid = parent->sid;
    mp->uid = parent->uid;
    mp->euid = parent->euid;
    mp->gid = parent->gid;
    mp->egid = parent->egid;
    memcpy(mp->name, parent->name, sizeof mp->name);
    return mp;
}

static int vm_request(message *m, int type)
{
    m->m_type = type;
    int r = ipc_sendrec(VM_PROC, m);
    return r != OK ? r : m->m_type;
}

int do_fork(message *m)
{
    (void)m;
    endpoint_t child_ep;
    int r = sys_fork(who->ep, &child_ep);
    if (r != OK)
        return r;   /* -EAGAIN: the process table is full */
    message vm;
    memset(&vm, 0, sizeof vm);
    vm.m.vm.target = who->ep;
    vm.m.vm.child = child_ep;
    if ((r = vm_request(&vm, VM_FORK)) != OK) {
        sys_clear(child_ep);
        return r;
    }
    struct mproc *child = new_child(who, child_ep, new_pid());
    if (!who->system)
        vfs_fork(who->ep, child_ep, child->pid);
    child->system = who->system;
    child->sig_mask = who->sig_mask;
    memcpy(child->act, who->act, sizeof child->act);
    child->restorer = who->restorer;
    reply_status(child, 0);
    return child->pid;
}

/* Ends a process: its memory, its slot, its alarm; its children go to init; its parent hears. */
void pm_exit(struct mproc *mp, int32_t wait_status)
{
    struct kc_times t;
    if (sys_times(mp->ep, &t) == OK) {
        mp->user = t.user_ticks;
        mp->sys = t.sys_ticks;
    }
    message vm;
    memset(&vm, 0, sizeof vm);
    vm.m.vm.target = mp->ep;
    vm_request(&vm, VM_EXIT);
    if (!mp->system)
        vfs_exit(mp->ep);
    sys_clear(mp->ep);
    mp->state = MP_ZOMBIE;
    mp->exec_deferred = 0;
    mp->exit_status = wait_status;
    mp->alarm_at = 0;
    mp->waiting = mp->suspended = 0;
    for (int i = 0; i < NR_SLOTS; i++) {
        struct mproc *c = &mproc[i];
        if (c->state != MP_FREE && c->ppid == mp->pid && c != mp)
            c->ppid = mp_by_pid(INIT_PID) ? INIT_PID : NO_PID;
        if (c->state == MP_ZOMBIE && c->ppid == NO_PID)
            c->state = MP_FREE;   /* nobody will wait for it */
    }
    struct mproc *parent = mp->ppid != NO_PID ? mp_by_pid(mp->ppid) : NULL;
    if (!parent || parent->state != MP_ALIVE) {
        mp->state = MP_FREE;
        return;
    }
    /* A waiting parent is answered first (its waitpid returns the child), then SIGCHLD. */
    if (parent->waiting) {
        struct mproc *saved = who;
        message w;
        memset(&w, 0, sizeof w);
        who = parent;
        w.m.pm.pid = parent->wait_pid;
        w.m.pm.arg = parent->wait_options;
        int r = do_waitpid(&w);
        if (r != SUSPEND) {
            w.m_type = r;
            reply(parent, &w);
        }
        who = saved;
    }
    sig_raise(parent, OS_SIGCHLD);
}

int do_exit(message *m)
{
    pm_exit(who, (m->m.pm.pid & 0xff) << 8);
    return SUSPEND;   /* no reply: the caller is gone */
}

static int child_matches(const struct mproc *c, int32_t pid)
{
    if (c->ppid != who->pid || c->state == MP_FREE || c == who)
        return 0;
    if (pid > 0)
        return c->pid == pid;
    if (pid == 0)
        return c->pgid == who->pgid;
    if (pid < -1)
        return c->pgid == -pid;
    return 1;
}

#define WNOHANG_FLAG 1

int do_waitpid(message *m)
{
    int32_t pid = m->m.pm.pid;
    int children = 0;
    for (int i = 0; i < NR_SLOTS; i++) {
        struct mproc *c = &mproc[i];
        if (!child_matches(c, pid))
            continue;
        children++;
        if (c->state == MP_ZOMBIE) {
            m->m.pm.out[0] = c->exit_status;
            who->child_user += c->user + c->child_user;
            who->child_sys += c->sys + c->child_sys;
            who->waiting = 0;
            c->state = MP_FREE;
            return c->pid;
        }
    }
    if (!children)
        return -ECHILD;
    if (m->m.pm.arg & WNOHANG_FLAG)
        return 0;
    who->waiting = 1;
    who->wait_pid = pid;
    who->wait_options = m->m.pm.arg;
    return SUSPEND;
}

/* Lays out argc, argv[], NULL, envp[], NULL and the strings for a stack ending at
 * USER_STACK_TOP, as crt0 expects them; returns the image's length (a multiple of 16). */
static int build_stack(uint8_t *stack_image, const char *strings, size_t len, int argc, int envc)
{
    uint32_t words = 1 + (uint32_t)argc + 1 + (uint32_t)envc + 1;
    uint32_t total = (words * 4 + (uint32_t)len + 15) & ~15u;
    if (total > sizeof exec_args.stack)
        return -E2BIG;
    vir_bytes sp = USER_STACK_TOP - total;
    vir_bytes str_va = sp + words * 4;
    uint32_t *w = (uint32_t *)stack_image;
    memset(stack_image, 0, total);
    memcpy(stack_image + words * 4, strings, len);
    *w++ = (uint32_t)argc;
    if (argc == 0)
        *w++ = 0;
    size_t off = 0;
    for (int i = 0; i < argc + envc; i++) {
        *w++ = str_va + off;
        off += strlen(strings + off) + 1;
        if (i == argc - 1)
            *w++ = 0;   /* the end of argv */
    }
    *w = 0;             /* the end of envp */
    return (int)total;
}

/* Checks that the buffer holds count NUL-terminated strings; returns the bytes they take. */
static int strings_len(const char *buf, size_t len, int count)
{
    size_t off = 0;
    for (int i = 0; i < count; i++) {
        const char *end = memchr(buf + off, '\0', len - off);
        if (!end)
            return -EINVAL;
        off = (size_t)(end - buf) + 1;
    }
    return (int)off;
}

static const char *base_name(const char *path)
{
    const char *slash = path, *p;
    while ((p = strchr(slash, '/')) != NULL)
        slash = p + 1;
    return slash;
}

/* Has VM load a program into target with the stack image; fills pc and sp. The program is
 * the file VFS holds in grant `file` (size bytes), or with file < 0 the boot image's `name`. */
static int vm_exec(endpoint_t target, const char *name, const uint8_t *stack_image, int stack_len,
                   grant_id_t file, uint32_t size, vir_bytes *pc, vir_bytes *sp)
{
    message vm;
    memset(&vm, 0, sizeof vm);
    if (file >= 0) {
        vm.m.vm.flags = VM_EXEC_FILE;
        vm.m.vm.child = VFS_PROC;
        vm.m.vm.addr = (vir_bytes)file;
        vm.m.vm.prot = size;
    }
    grant_id_t g = grant_make(VM_PROC, (void *)stack_image, (size_t)stack_len, GRANT_READ);
    if (g < 0)
        return g;
    vm.m.vm.target = target;
    strncpy(vm.m.vm.name, name, sizeof vm.m.vm.name - 1);
    vm.m.vm.grant = g;
    vm.m.vm.len = (uint32_t)stack_len;
    int r = vm_request(&vm, VM_EXEC);
    grant_revoke(g);
    *pc = vm.m.vm.pc;
    *sp = vm.m.vm.sp;
    return r;
}

/* Copies [path][argv...][envp...] from the caller's grant and builds the stack image. */
static int fetch_exec_args(struct exec_args *x, message *m, endpoint_t from, int argc, int envc,
                           char **name)
{
    char *exec_buf = x->buf;
    uint32_t len = m->m.pm.len;
    if (len == 0 || len > EXEC_MAX || argc < 0 || envc < 0 || argc > 1024 || envc > 1024)
        return -E2BIG;
    int r = sys_safecopyfrom(from, m->m.pm.grant, 0, exec_buf, len);
    if (r != OK)
        return r;
    int path_len = strings_len(exec_buf, len, 1);
    if (path_len < 0)
        return path_len;
    int rest = strings_len(exec_buf + path_len, len - (size_t)path_len, argc + envc);
    if (rest < 0)
        return rest;
    *name = (char *)base_name(exec_buf);
    if (strlen(*name) == 0 || (strlen(*name) > 15 && !strchr(exec_buf, '/')))
        return -ENOENT;
    return build_stack(x->stack, exec_buf + path_len, (size_t)rest, argc, envc);
}

/* The new image replaces mp's: SUSPEND once it runs (there is no caller to answer), else
 * the error for the caller. */
static int exec_load(struct mproc *mp, const char *name, int len, grant_id_t file, uint32_t size)
{
    vir_bytes pc, sp;
    int r = vm_exec(mp->ep, name, exec_args.stack, len, file, size, &pc, &sp);
    if (r != OK)
        return r;
    if ((r = sys_exec(mp->ep, pc, sp, name)) != OK) {
        pm_exit(mp, OS_SIGKILL);   /* the old image is gone: nothing to return to */
        return SUSPEND;
    }
    strncpy(mp->name, name, sizeof mp->name - 1);
    for (int s = 0; s < OS_NSIG; s++)
        if (mp->act[s].handler != SIG_IGN_ADDR)
            mp->act[s] = (struct sigact){ SIG_DFL_ADDR, 0, 0 };
    return SUSPEND;
}

/* One exec of a file at a time: VFS reads it when it can (PM never waits for VFS) and says
 * so with PM_EXEC_READY; exec_args holds the waiting one's arguments, and other
 * execs of files wait their turn in exec_deferred. */
static struct mproc *exec_waiting;
static int exec_stack_len;
static char *exec_name;

int do_exec(message *m)
{
    if (exec_waiting) {
        who->exec_deferred = 1;
        who->exec_msg = *m;
        return SUSPEND;
    }
    char *name;
    int len = fetch_exec_args(&exec_args, m, who->ep, m->m.pm.arg, (int)m->m.pm.set, &name);
    if (len < 0)
        return len;
    if (!strchr(exec_args.buf, '/') || vfs_exec_request(who->ep, exec_args.buf) != OK)
        return exec_load(who, name, len, -1, 0);
    exec_waiting = who;
    exec_stack_len = len;
    exec_name = name;
    return SUSPEND;
}

/* VFS has read the program (m.vfs: arg the process, fd the status, grant and len the file).
 * A path no file system has is the boot image's program of that base name. Answers VFS with
 * the exec's outcome, then starts the next waiting exec. */
int do_exec_ready(message *m)
{
    struct mproc *mp = exec_waiting;
    if (!vfs_is(m->m_source) || !mp)
        return -EPERM;
    exec_waiting = NULL;
    vfs_exec_request_done();
    int r, st = m->m.vfs.fd;
    if (mp->state != MP_ALIVE || mp->ep != (endpoint_t)m->m.vfs.arg) {
        r = -ESRCH;                 /* it died meanwhile */
    } else {
        if (st == -ENOENT || st == -ENXIO)
            r = exec_load(mp, exec_name, exec_stack_len, -1, 0);
        else
            r = st < 0 ? st : exec_load(mp, exec_name, exec_stack_len, m->m.vfs.grant, m->m.vfs.len);
        if (r != SUSPEND)
            reply_status(mp, r);
    }
    int outcome = r == SUSPEND && mp->state == MP_ALIVE ? OK : r == SUSPEND ? -ESRCH : r;
    for (int i = 0; i < NR_SLOTS && !exec_waiting; i++) {
        struct mproc *next = &mproc[i];
        if (next->state != MP_ALIVE || !next->exec_deferred)
            continue;
        next->exec_deferred = 0;
        struct mproc *saved = who;
        who = next;
        message again = next->exec_msg;
        int nr = do_exec(&again);
        if (nr != SUSPEND)
            reply_status(next, nr);
        who = saved;
    }
    return outcome;
}

#define SPAWN_USER 0x1   /* flags: an ordinary process (init), not a service */

/* RS asks for a new process running a boot-image program; it stays stopped until RS has
 * given it its privileges and resumes it. */
int do_spawn(message *m)
{
    if (who->ep != RS_PROC)
        return -EPERM;
    char *name;
    int len = fetch_exec_args(&spawn_args, m, who->ep, m->m.pm.arg, 0, &name);
    if (len < 0)
        return len;
    endpoint_t ep;
    int r = sys_fork(SELF, &ep);
    if (r != OK)
        return r;
    vir_bytes pc, sp;
    if ((r = vm_exec(ep, name, spawn_args.stack, len, -1, 0, &pc, &sp)) != OK ||
        (r = sys_stop(ep, 1)) != OK ||
        (r = sys_exec(ep, pc, sp, name)) != OK) {
        log_printf("pm: cannot spawn %s: %s\n", name, err_name(r));
        sys_clear(ep);
        return r;
    }
    int user = (m->m.pm.flags & SPAWN_USER) != 0;
    int32_t pid = user && strcmp(name, "init") == 0 && !mp_by_pid(INIT_PID) ? INIT_PID : new_pid();
    struct mproc *mp = new_child(who, ep, pid);
    if (user)
        vfs_fork(NONE, ep, pid);
    mp->system = !user;
    strncpy(mp->name, name, sizeof mp->name - 1);
    if (user)
        mp->pgid = mp->sid = pid;
    m->m.pm.out[0] = ep;
    m->m.pm.out[1] = pid;
    return OK;
}
