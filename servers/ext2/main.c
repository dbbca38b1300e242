/* The ext2 file server: FS_* requests (include/os/fs.h) from VFS on ext2 file systems on
 * block devices. Started by RS as `ext2 <driver label> <minor>`, the device an FS_MOUNT with
 * an empty label means. */
#include "server.h"

static int (*const handlers[FS_CALL_END - FS_MOUNT])(message *m) = {
    [FS_MOUNT - FS_MOUNT] = do_mount,
    [FS_UNMOUNT - FS_MOUNT] = do_unmount,
    [FS_LOOKUP - FS_MOUNT] = do_lookup,
    [FS_STAT - FS_MOUNT] = do_stat,
    [FS_READ - FS_MOUNT] = do_read,
    [FS_WRITE - FS_MOUNT] = do_write,
    [FS_TRUNCATE - FS_MOUNT] = do_truncate,
    [FS_CREATE - FS_MOUNT] = do_create,
    [FS_MKDIR - FS_MOUNT] = do_mkdir,
    [FS_MKNOD - FS_MOUNT] = do_mknod,
    [FS_UNLINK - FS_MOUNT] = do_unlink,
    [FS_RMDIR - FS_MOUNT] = do_rmdir,
    [FS_RENAME - FS_MOUNT] = do_rename,
    [FS_LINK - FS_MOUNT] = do_link,
    [FS_SYMLINK - FS_MOUNT] = do_symlink,
    [FS_READLINK - FS_MOUNT] = do_readlink,
    [FS_CHMOD - FS_MOUNT] = do_chmod,
    [FS_CHOWN - FS_MOUNT] = do_chown,
    [FS_GETDENTS - FS_MOUNT] = do_getdents,
    [FS_SYNC - FS_MOUNT] = do_sync,
};

/* The answer is the request with its result fields filled in and the status in m_type. */
static void handle(message *m)
{
    int r = -EBADREQUEST;
    if (m->m_type >= FS_MOUNT && m->m_type < FS_CALL_END && handlers[m->m_type - FS_MOUNT])
        r = handlers[m->m_type - FS_MOUNT](m);
    m->m_type = r;
    ipc_sendnb(m->m_source, m);
}

/* Like serve(), but requests that arrived while one waited for a driver go first. */
int main(int argc, char **argv)
{
    idle_init();
    mounts_init(argc, argv);
    int r = rs_init_done();
    if (r != OK)
        log_printf("ext2: RS did not take our start-up: %s\n", err_name(r));
    for (;;) {
        message m;
        if (!idle_deferred(&m) && ipc_receive(ANY, &m) != OK)
            continue;
        if (m.m_type == NOTIFY_MESSAGE)
            rs_heartbeat(&m);   /* anything else (a stale alarm) needs nothing */
        else if (!fi_check(&m))
            handle(&m);
    }
}
