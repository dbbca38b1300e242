/* The file protocols: programs to VFS (VFS_*), VFS to file servers (FS_*), PM to VFS
 * (VFS_PM_*), and the fixed-layout records they exchange by grant. Replies: m_type >= 0 is a
 * result, < 0 a negated errno; the payload is echoed back with the result fields filled in. */
#ifndef OS_FS_H
#define OS_FS_H

#include <os/types.h>

/* Programs to VFS (m.vfs). Paths travel by grant (len includes no NUL; at most PATH_MAX). */
enum vfs_call {
    VFS_OPEN = 0x900,  /* grant, len: path; flags (O_*), mode; reply: fd */
    VFS_CLOSE,         /* fd */
    VFS_READ,          /* fd, grant (write access), len; reply: bytes */
    VFS_WRITE,         /* fd, grant (read access), len; reply: bytes */
    VFS_LSEEK,         /* fd, pos, flags: whence; reply: OK, pos = the new position */
    VFS_STAT,          /* grant, len: path; grant2: struct vfs_stat */
    VFS_LSTAT,         /* as VFS_STAT, a final symlink itself */
    VFS_FSTAT,         /* fd; grant2: struct vfs_stat */
    VFS_DUP,           /* fd; reply: the lowest free fd */
    VFS_DUP2,          /* fd, fd2; reply: fd2 */
    VFS_FCNTL,         /* fd, flags: F_* command, arg; reply: the command's result */
    VFS_PIPE,          /* reply: fd = read end, fd2 = write end */
    VFS_UNLINK,        /* grant, len: path */
    VFS_LINK,          /* grant, len: existing path; grant2, len2: new path */
    VFS_RENAME,        /* grant, len: old path; grant2, len2: new path */
    VFS_MKDIR,         /* grant, len: path; mode */
    VFS_RMDIR,         /* grant, len: path */
    VFS_CHDIR,         /* grant, len: path */
    VFS_FCHDIR,        /* fd */
    VFS_GETCWD,        /* grant, len: buffer; reply: length including the NUL */
    VFS_GETDENTS,      /* fd, grant, len: buffer of struct fs_dirent; reply: bytes, 0 at end */
    VFS_CHMOD,         /* grant, len: path; mode */
    VFS_FCHMOD,        /* fd, mode */
    VFS_CHOWN,         /* grant, len: path; arg: uid, arg2: gid (-1: unchanged) */
    VFS_UMASK,         /* mode; reply: the old mask */
    VFS_TRUNCATE,      /* grant, len: path; pos: length */
    VFS_FTRUNCATE,     /* fd, pos: length */
    VFS_SYMLINK,       /* grant, len: target; grant2, len2: the new link's path */
    VFS_READLINK,      /* grant, len: path; grant2, len2: buffer; reply: bytes */
    VFS_MOUNT,         /* grant, len: device path; grant2, len2: mount point; flags: MNT_* */
    VFS_UMOUNT,        /* grant, len: mount point */
    VFS_SELECT,        /* grant: struct vfs_select (in and out); reply: ready descriptors */
    VFS_IOCTL,         /* fd, arg: request, grant: its argument (either direction) */
    VFS_SYNC,          /* every file server writes back its cache */
    VFS_MKNOD,         /* grant, len: path; mode (S_IFCHR/S_IFBLK | perms), arg: device */
    VFS_ACCESS,        /* grant, len: path; mode: R_OK W_OK X_OK bits, 0 for existence */
    VFS_CALL_END,

    /* From PM only. arg: the process's endpoint. */
    VFS_PM_FORK = 0x980,  /* arg: parent (NONE for a fresh process), arg2: child; fd: child's pid */
    VFS_PM_EXIT,          /* arg: the process: closes its files, ends a call it waits in */
    VFS_PM_EXEC,          /* arg, grant, len: path (PM's copy); reply: grant (for VM) and len
                           * of the whole executable, read into VFS's memory */
    VFS_PM_EXEC_DONE,     /* arg, fd: status; frees the copy, closes FD_CLOEXEC files on OK */
    VFS_PM_UNPAUSE,       /* arg: a signal arrived; a call it waits in fails with EINTR */
    VFS_PM_SETSID,        /* arg: the process lost its controlling terminal */
};

struct vfs_payload {
    int32_t fd;
    int32_t fd2;
    uint32_t flags;        /* open flags, whence, fcntl command, mount flags */
    uint32_t mode;
    grant_id_t grant;
    uint32_t len;
    grant_id_t grant2;
    uint32_t len2;
    int64_t pos;
    uint32_t arg;
    uint32_t arg2;
    uint32_t pad[2];
};

#define MNT_RDONLY 0x1

/* Open flags, fcntl commands and file types on the wire: newlib's values, so lib/posix
 * passes them through unchanged. */
#define OS_O_ACCMODE   0x3        /* O_RDONLY 0, O_WRONLY 1, O_RDWR 2 */
#define OS_O_APPEND    0x0008
#define OS_O_CREAT     0x0200
#define OS_O_TRUNC     0x0400
#define OS_O_EXCL      0x0800
#define OS_O_NONBLOCK  0x4000
#define OS_O_NOCTTY    0x8000
#define OS_O_CLOEXEC   0x40000
#define OS_O_NOFOLLOW  0x100000
#define OS_O_DIRECTORY 0x200000
#define OS_F_DUPFD 0
#define OS_F_GETFD 1
#define OS_F_SETFD 2
#define OS_F_GETFL 3
#define OS_F_SETFL 4
#define OS_F_DUPFD_CLOEXEC 14
#define OS_FD_CLOEXEC 1
#define OS_S_IFMT  0170000
#define OS_S_IFIFO 0010000
#define OS_S_IFCHR 0020000
#define OS_S_IFDIR 0040000
#define OS_S_IFBLK 0060000
#define OS_S_IFREG 0100000
#define OS_S_IFLNK 0120000
#define OS_PATH_MAX 1024

/* The stat record of the protocols; lib/posix turns it into newlib's struct stat. */
struct vfs_stat {
    uint32_t dev, ino, mode, nlink, uid, gid, rdev;
    uint32_t pad;
    uint64_t size;
    uint64_t blocks;       /* 512-byte units */
    uint32_t blksize;
    uint32_t atime, mtime, ctime;
};

/* One directory entry, as FS_GETDENTS and VFS_GETDENTS return them back to back; reclen
 * is a multiple of 4 and covers the terminated name. */
struct fs_dirent {
    uint32_t ino;
    uint16_t reclen;
    uint8_t type;          /* FS_DT_* */
    uint8_t namelen;
    char name[];
};
enum fs_dt { FS_DT_UNKNOWN, FS_DT_REG, FS_DT_DIR, FS_DT_CHR, FS_DT_BLK, FS_DT_FIFO,
             FS_DT_SOCK, FS_DT_LNK };

/* VFS_SELECT: bit i of a set is fd i (fds below 64). Out: the ready ones. */
struct vfs_select {
    uint32_t nfds;
    int32_t timeout_ms;    /* -1 waits forever */
    uint32_t readfds[2], writefds[2], exceptfds[2];
};

/* VFS to a file server (m.fs). One file server may hold several mounts; mnt names one. Names
 * travel by grant (len without NUL, at most 255 bytes). Inode numbers are the server's. */
enum fs_call {
    FS_MOUNT = 0xa00,  /* grant, len: the block driver's label ("" for the server's own
                        * device from its arguments); ino: minor; flags: MNT_RDONLY;
                        * reply: mnt, ino = root inode */
    FS_UNMOUNT,        /* mnt: writes everything back and forgets the mount */
    FS_LOOKUP,         /* mnt, ino: directory, grant, len: one name; reply: ino, mode, pos: size */
    FS_STAT,           /* mnt, ino, grant: struct vfs_stat */
    FS_READ,           /* mnt, ino, pos, grant (write access), len; reply: bytes */
    FS_WRITE,          /* mnt, ino, pos, grant (read access), len; reply: bytes */
    FS_TRUNCATE,       /* mnt, ino, pos: the new size */
    FS_CREATE,         /* mnt, ino: directory, grant, len: name, mode, uid, gid; reply: ino */
    FS_MKDIR,          /* as FS_CREATE */
    FS_MKNOD,          /* as FS_CREATE, pos: the device number */
    FS_UNLINK,         /* mnt, ino: directory, grant, len: name (not a directory) */
    FS_RMDIR,          /* mnt, ino: directory, grant, len: name (an empty directory) */
    FS_RENAME,         /* mnt, ino, grant, len: old dir and name; ino2, grant2, len2: new */
    FS_LINK,           /* mnt, ino: directory, grant, len: new name; ino2: the existing inode */
    FS_SYMLINK,        /* mnt, ino: directory, grant, len: name; grant2, len2: the target */
    FS_READLINK,       /* mnt, ino, grant, len: buffer; reply: bytes */
    FS_CHMOD,          /* mnt, ino, mode: permission bits */
    FS_CHOWN,          /* mnt, ino, uid, gid */
    FS_GETDENTS,       /* mnt, ino, pos: cookie, grant, len; reply: bytes, pos: next cookie */
    FS_SYNC,           /* writes back every mount's cache */
    FS_CALL_END
};

struct fs_payload {
    uint32_t mnt;
    uint32_t ino;
    uint64_t pos;
    grant_id_t grant;
    uint32_t len;
    grant_id_t grant2;
    uint32_t len2;
    uint32_t ino2;
    uint32_t mode;
    uint32_t uid, gid;
    uint32_t flags;
    uint32_t pad;
};

/* Terminal settings, as the tty driver's TCGETS/TCSETS ioctls carry them. lib/posix's
 * <termios.h> uses these values, which are the traditional ones. */
#define OS_NCCS 20
struct os_termios {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_cc[OS_NCCS];
    uint32_t c_ispeed, c_ospeed;
};
#define OS_ICRNL   0000400   /* c_iflag: CR becomes NL */
#define OS_INLCR   0000100
#define OS_IGNCR   0000200
#define OS_IXON    0002000
#define OS_OPOST   0000001   /* c_oflag: output processing, */
#define OS_ONLCR   0000004   /* NL goes out as CR NL */
#define OS_ISIG    0000001   /* c_lflag: ^C sends SIGINT */
#define OS_ICANON  0000002   /* lines with erase and kill */
#define OS_ECHO    0000010
#define OS_ECHOE   0000020
#define OS_ECHOK   0000040
#define OS_ECHONL  0000100
#define OS_IEXTEN  0100000
#define OS_CS8     0000060   /* c_cflag */
#define OS_CREAD   0000200
#define OS_VINTR   0         /* c_cc indices */
#define OS_VQUIT   1
#define OS_VERASE  2
#define OS_VKILL   3
#define OS_VEOF    4
#define OS_VTIME   5
#define OS_VMIN    6
struct os_winsize { uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel; };

/* Device ioctls (DEV_IOCTL request); the argument travels by grant. */
#define TCGETS      0x5401   /* struct os_termios out */
#define TCSETS      0x5402   /* struct os_termios in, now */
#define TCSETSW     0x5403   /* after output drains */
#define TCSETSF     0x5404   /* after output drains, pending input discarded */
#define TIOCGPGRP   0x540f   /* int32 out */
#define TIOCSPGRP   0x5410   /* int32 in */
#define TIOCGWINSZ  0x5413   /* struct os_winsize out */
#define DIOCGETSIZE 0x6401   /* block devices: uint64 bytes out */

/* Device numbers: major selects the driver (VFS's table, from its arguments), minor the unit. */
#define DEV_MAJOR(d) (((d) >> 8) & 0xff)
#define DEV_MINOR(d) ((d) & 0xff)
#define DEV_MAKE(ma, mi) ((((ma) & 0xff) << 8) | ((mi) & 0xff))

#endif
