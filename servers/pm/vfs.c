/* What PM tells VFS: new processes (with their parent's descriptors), exits, signals that
 * must end a call waiting in VFS, and execs of files. VFS never calls PM, so these SENDRECs
 * cannot deadlock. Without a VFS in the system image they do nothing. */
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

void vfs_fork(endpoint_t parent, endpoint_t child, int32_t pid)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m.vfs.arg = (uint32_t)parent;
    m.m.vfs.arg2 = (uint32_t)child;
    m.m.vfs.fd = pid;
    vfs_call(VFS_PM_FORK, &m);
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
    vfs_about(VFS_PM_EXIT, ep, 0);
}

void vfs_unpause(endpoint_t ep)
{
    vfs_about(VFS_PM_UNPAUSE, ep, 0);
}

void vfs_exec_done(endpoint_t ep, int status)
{
    vfs_about(VFS_PM_EXEC_DONE, ep, status);
}

/* VFS reads the program at path (as ep sees it) and grants it to VM: *grant, *len. */
int vfs_exec_open(endpoint_t ep, const char *path, grant_id_t *grant, uint32_t *len)
{
    message m;
    memset(&m, 0, sizeof m);
    size_t n = strlen(path);
    m.m.vfs.arg = (uint32_t)ep;
    m.m.vfs.grant = grant_make(VFS_PROC, (void *)path, n, GRANT_READ);
    m.m.vfs.len = (uint32_t)n;
    int r = vfs_call(VFS_PM_EXEC, &m);
    grant_revoke(m.m.vfs.grant);
    *grant = m.m.vfs.grant;
    *len = m.m.vfs.len;
    return r == -ENOSYS ? -ENOENT : r;
}
