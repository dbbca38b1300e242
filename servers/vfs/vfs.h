/* The virtual file system server: per-process descriptor tables, open files, vnodes of the
 * mounted file servers, pipes and device files; what the parts of servers/vfs share. */
#ifndef VFS_H
#define VFS_H

#include <libsys.h>
#include "../../lib/common/string.h"

#define NR_FPROCS  ENDPOINT_SLOTS
#define OPEN_MAX   64
#define NR_FILPS   512
#define NR_VNODES  512
#define NR_MOUNTS  8
#define NR_MAJORS  32
#define NAME_MAX   255
#define SUSPEND    (-100001)   /* a handler's result: no reply now, the caller waits */

struct pipe;

struct vnode {
    int refs;
    int mnt;                   /* index in mounts; -1 for a pipe */
    uint32_t ino;
    uint32_t mode;
    uint64_t size;
    uint32_t rdev;
    int covered_by;            /* a mount whose root hides this directory, or -1 */
    struct pipe *pipe;
};

struct mount {
    int used;
    char label[16];            /* the file server's */
    endpoint_t fs;
    uint32_t fs_mnt;           /* the file server's name for the mount */
    char driver_label[16];     /* its device, as FS_MOUNT named it ("": the server's own) */
    uint32_t minor;
    uint32_t dev;              /* the device number of the mounted device */
    struct vnode *root;
    struct vnode *covered;     /* the directory it is mounted on; NULL for / */
    int rdonly;
};

struct filp {
    int refs;
    struct vnode *vn;
    uint32_t flags;            /* OS_O_ACCMODE, OS_O_APPEND, OS_O_NONBLOCK */
    uint64_t pos;              /* also the directory cookie */
};

/* Why a process waits in VFS. */
enum block_reason { NOT_BLOCKED, BLOCK_PIPE, BLOCK_DEV, BLOCK_SELECT };

struct fproc {
    int used;
    endpoint_t ep;
    int32_t pid;
    struct filp *fd[OPEN_MAX];
    uint8_t cloexec[OPEN_MAX];
    struct vnode *cwd;
    char cwd_path[OS_PATH_MAX];
    uint32_t umask;
    enum block_reason blocked;
    message req;               /* the call it waits in, to retry or to answer */
    uint32_t dev_id;           /* BLOCK_DEV: the driver request, and the driver */
    int dev_major;
    grant_id_t dev_grant;      /* the indirect grant the driver holds */
    struct vfs_select sel;     /* BLOCK_SELECT: what it asked for */
    uint32_t sel_deadline;     /* uptime tick when it gives up, 0 for never */
    int exec_fd;               /* VFS_PM_EXEC: unused */
};

extern struct fproc fprocs[NR_FPROCS];
extern struct mount mounts[NR_MOUNTS];
extern struct fproc *fp;
extern char root_fs_label[16];       /* the caller of the request being handled */

/* main.c */
void reply(endpoint_t to, message *m, int status);
void revive(struct fproc *p, int status);
uint64_t uptime_ticks(void);
endpoint_t wait_for_restart(const char *label, endpoint_t dead);

/* proc.c */
struct fproc *fproc_get(endpoint_t ep, int create);
int do_pm_fork(message *m);
int do_pm_exit(message *m);
int do_pm_unpause(message *m);
int do_umask(message *m);

/* filp.c */
int fd_alloc(struct fproc *p, int from);
struct filp *filp_get(struct fproc *p, int fd);
struct filp *filp_new(struct vnode *vn, uint32_t flags);
void filp_put(struct filp *f);
int fd_install(struct fproc *p, struct filp *f, int cloexec);
void fd_close(struct fproc *p, int fd);
int do_close(message *m);
int do_dup(message *m);
int do_dup2(message *m);
int do_fcntl(message *m);

/* vnode.c */
struct vnode *vnode_get(int mnt, uint32_t ino, uint32_t mode, uint64_t size);
void vnode_hold(struct vnode *vn);
void vnode_put(struct vnode *vn);
int vnode_in_use(int mnt, const struct vnode *root);
int fs_request(int mnt, int type, message *m);
int fs_stat(struct vnode *vn, struct vfs_stat *st);

/* path.c */
int copy_path(endpoint_t from, grant_id_t g, uint32_t len, char *path);
int path_lookup(struct fproc *p, const char *path, int follow, struct vnode **out);
int path_parent(struct fproc *p, const char *path, struct vnode **dir, char *last);
int lookup_name(struct vnode *dir, const char *name, struct vnode **out);
int path_normalize(const char *cwd, const char *path, char *out);
int mount_of_dev(uint32_t dev);
int do_mount(message *m);
int do_umount(message *m);
int mount_root(void);
int fs_restarted(endpoint_t dead);
int do_sync(message *m);

/* open.c */
int do_open(message *m);
int do_mknod(message *m);
int do_mkdir(message *m);
int do_stat(message *m);
int do_fstat(message *m);
int do_access(message *m);
int do_chdir(message *m);
int do_fchdir(message *m);
int do_getcwd(message *m);

/* link.c */
int do_unlink(message *m);
int do_rmdir(message *m);
int do_link(message *m);
int do_rename(message *m);
int do_symlink(message *m);
int do_readlink(message *m);
int do_chmod(message *m);
int do_fchmod(message *m);
int do_chown(message *m);
int do_truncate(message *m);
int do_ftruncate(message *m);

/* rw.c */
int do_read(message *m);
int do_write(message *m);
int do_lseek(message *m);
int do_getdents(message *m);

/* pipe.c */
int do_pipe(message *m);
int pipe_rw(struct filp *f, int write, message *m);
void pipe_release(struct vnode *vn, uint32_t flags);
int pipe_select(struct vnode *vn, uint32_t ops);
void pipe_wake(struct vnode *vn);

/* dev.c */
int dev_args(int argc, char **argv);
const char *dev_label(uint32_t rdev);
int dev_open(uint32_t rdev, uint32_t flags);
void dev_close(uint32_t rdev);
int dev_rw(struct filp *f, int write, message *m);
int do_ioctl(message *m);
int dev_select_start(struct fproc *p, struct vnode *vn, uint32_t ops, uint32_t tag);
void dev_cancel(struct fproc *p);
void dev_notified(endpoint_t driver);
void dev_labels_changed(void);
int dev_block_io(uint32_t rdev, int write, uint64_t pos, void *buf, uint32_t len);
int is_dev(const struct vnode *vn);

/* select.c */
int do_select(message *m);
void select_recheck(void);
void select_dev_ready(struct fproc *p, uint32_t tag, int status);
void select_timeouts(void);
void select_rearm(void);

/* exec.c */
int do_pm_exec(message *m);
int do_pm_exec_done(message *m);

#endif
