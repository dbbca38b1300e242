/* What PM tells VFS: new processes (with their parent's descriptors), exits, execs of files,
 * and signals that must end a call waiting in VFS. Forks, exits and execs wait in a queue:
 * PM notifies VFS, which fetches them with PM_VFS_EVENT (and answers an exec with
 * PM_EXEC_READY), so PM never waits for a VFS that waits for a file server that waits for a
 * driver RS is restarting through PM. Only a signal for a process blocked in VFS is a SENDREC.
 * All of it is for ordinary processes only. Without VFS in the system image it does nothing. */
#include "pm.h"
#include "../../lib/common/string.h"

static endpoint_t vfs = NONE;

void vfs_init(void)
{
    endpoint_t ep;
    if (sys_lookup("vfs", &ep) == OK && ep == VFS_PROC)
        vfs = ep;
}

static int vfs_call(int type, message *m)
{
    if (vfs == NONE)
        return -ENOSYS;
    m->m_type = type;
    int r = ipc_sendrec(vfs, m);
    return r != OK ? r : m->m_type;
}

#define EVENTS (2 * NR_SLOTS + 1)

static struct event {
    int type;                  /* VFS_PM_FORK, VFS_PM_EXIT or VFS_PM_EXEC */
    struct vfs_payload args;
} events[EVENTS];
static unsigned first, queued;

/* Two events a process slot (its fork and its exit) and one exec fit; more cannot be
 * queued before VFS fetches them, as a slot is reused only after its exit. */
static void queue(int type, const struct vfs_payload *args)
{
    if (vfs == NONE)
        return;
    if (queued == EVENTS) {
        log_printf("pm: VFS has not fetched %u events; one is lost\n", (unsigned)queued);
        return;
    }
    events[(first + queued++) % EVENTS] = (struct event){ type, *args };
    ipc_notify(vfs);
}

int do_vfs_event(message *m)
{
    if (vfs == NONE || m->m_source != vfs)
        return -EPERM;
    if (queued == 0)
        return -ENOENT;
    m->m.vfs = events[first].args;
    int type = events[first].type;
    first = (first + 1) % EVENTS;
    queued--;
    return type;
}

void vfs_fork(endpoint_t parent, endpoint_t child, int32_t pid)
{
    struct vfs_payload a;
    memset(&a, 0, sizeof a);
    a.arg = (uint32_t)parent;
    a.arg2 = (uint32_t)child;
    a.fd = pid;
    queue(VFS_PM_FORK, &a);
}

static void vfs_about(int type, endpoint_t ep, int status)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m.vfs.arg = (uint32_t)ep;
    m.m.vfs.fd = status;
    vfs_call(type, &m);
}

void vfs_exit(endpoint_t ep)
{
    struct vfs_payload a;
    memset(&a, 0, sizeof a);
    a.arg = (uint32_t)ep;
    queue(VFS_PM_EXIT, &a);
}

/* Only a process that waits in a call to VFS has one to end, and only then may PM wait for
 * VFS's answer: the kernel says whom a blocked process waits for. */
void vfs_unpause(endpoint_t ep)
{
    struct proc_info pi;
    if (vfs == NONE || sys_getinfo(GET_PROC, ENDPOINT_SLOT(ep), &pi, sizeof pi) < 0 ||
        pi.endpoint != ep || pi.waits_for != vfs)
        return;
    vfs_about(VFS_PM_UNPAUSE, ep, 0);
}

/* VFS is to read the program at path (as ep sees it) and answer with PM_EXEC_READY. The path
 * stays in PM's exec_buf, under a grant, until then. */
static grant_id_t path_grant = -1;

int vfs_exec_request(endpoint_t ep, const char *path)
{
    if (vfs == NONE)
        return -ENOSYS;
    size_t n = strlen(path);
    path_grant = grant_make(vfs, (void *)path, n, GRANT_READ);
    if (path_grant < 0)
        return path_grant;
    struct vfs_payload a;
    memset(&a, 0, sizeof a);
    a.arg = (uint32_t)ep;
    a.grant = path_grant;
    a.len = (uint32_t)n;
    queue(VFS_PM_EXEC, &a);
    return OK;
}

void vfs_exec_request_done(void)
{
    if (path_grant >= 0)
        grant_revoke(path_grant);
    path_grant = -1;
}

int vfs_is(endpoint_t ep)
{
    return vfs != NONE && ep == vfs;
}
