/* lib/posix's file calls against a scripted VFS: what each request carries (paths and buffers
 * by grant, with the right access, revoked afterwards), how answers become results and errno,
 * stat records, directory streams, select's sets, termios and the checks made before asking. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/termios.h>
#include <sys/utsname.h>
#include <cmocka.h>
#include "posix.h"
#include "fake_sys.h"

/* One answer of the scripted VFS to the request it expects next. */
struct step {
    int32_t call;          /* the request expected */
    int32_t result;        /* the answer's m_type */
    const void *data;      /* copied into the request's grant (into 0) or grant2 (into 1) */
    size_t len;
    int into;
    int fields;            /* set fd, fd2 and pos of the answer */
    int32_t fd, fd2;
    int64_t pos;
    int trap;              /* nonzero: the IPC itself fails with this */
};

static const struct step *steps;
static int nr_steps, step_at;

static int scripted(message *m)
{
    assert_true(step_at < nr_steps);
    const struct step *s = &steps[step_at++];
    assert_int_equal(m->m_type, s->call);
    if (s->trap)
        return s->trap;
    int32_t result = s->result;
    if (s->data) {
        int r = fake_copy_to(s->into ? m->m.vfs.grant2 : m->m.vfs.grant, 0, s->data, s->len);
        if (r < 0)
            result = r;
    }
    if (s->fields) {
        m->m.vfs.fd = s->fd;
        m->m.vfs.fd2 = s->fd2;
        m->m.vfs.pos = s->pos;
    }
    m->m_type = result;
    return OK;
}

#define SCRIPT(...) script((const struct step[]){ __VA_ARGS__ }, \
                           sizeof((const struct step[]){ __VA_ARGS__ }) / sizeof(struct step))

static void script(const struct step *s, int n)
{
    steps = s;
    nr_steps = n;
    step_at = 0;
}

static int setup(void **state)
{
    (void)state;
    fake_reset();
    fake_vfs = scripted;
    script(NULL, 0);
    errno = 0;
    return 0;
}

/* Every scripted answer was asked for, and no grant outlives its call. */
static int teardown(void **state)
{
    (void)state;
    assert_int_equal(step_at, nr_steps);
    assert_int_equal(fake_live_grants(), 0);
    return 0;
}

static const struct vfs_payload *sent(void)
{
    assert_int_equal(fake_last()->to, VFS_PROC);
    return &fake_last()->request.m.vfs;
}

static void open_sends_the_path_by_grant(void **state)
{
    (void)state;
    SCRIPT({ VFS_OPEN, 4 });
    assert_int_equal(_open("/etc/motd", O_WRONLY | O_CREAT, 0644), 4);
    assert_int_equal(fake_last()->request.m_type, VFS_OPEN);
    assert_int_equal(sent()->flags, O_WRONLY | O_CREAT);
    assert_int_equal(sent()->mode, 0644);
    assert_int_equal(sent()->len, 9);   /* without the NUL */
    assert_int_equal(fake_last()->in_len[0], 9);
    assert_string_equal(fake_last()->in[0], "/etc/motd");
    assert_int_equal(fake_last()->access[0], GRANT_READ);
    assert_false(vfs_absent());
    SCRIPT({ VFS_OPEN, 5 });
    assert_int_equal(creat("/new", 0600), 5);
    assert_int_equal(sent()->flags, O_WRONLY | O_CREAT | O_TRUNC);
    assert_int_equal(sent()->mode, 0600);
}

static void bad_paths_fail_before_any_request(void **state)
{
    (void)state;
    static char longest[PATH_MAX + 2];
    memset(longest, 'a', PATH_MAX + 1);
    assert_int_equal(_open(NULL, O_RDONLY, 0), -1);
    assert_int_equal(errno, EFAULT);
    assert_int_equal(_open("", O_RDONLY, 0), -1);
    assert_int_equal(errno, ENOENT);
    assert_int_equal(_open(longest, O_RDONLY, 0), -1);
    assert_int_equal(errno, ENAMETOOLONG);
    assert_int_equal(rename("/a", ""), -1);
    assert_int_equal(errno, ENOENT);
    assert_int_equal(_stat(NULL, &(struct stat){ 0 }), -1);
    assert_int_equal(errno, EFAULT);
    assert_int_equal(_stat("/f", NULL), -1);
    assert_int_equal(errno, EFAULT);
    assert_int_equal(fake_nr_calls, 0);

    longest[PATH_MAX] = '\0';   /* PATH_MAX bytes is allowed */
    SCRIPT({ VFS_OPEN, 3 });
    assert_int_equal(_open(longest, O_RDONLY, 0), 3);
    assert_int_equal(sent()->len, PATH_MAX);
}

static void errors_come_back_as_errno(void **state)
{
    (void)state;
    SCRIPT({ VFS_OPEN, -ENOENT }, { VFS_UNLINK, -EISDIR }, { VFS_CLOSE, 0, .trap = -EDEADSRCDST },
           { VFS_CLOSE, 0 });
    assert_int_equal(_open("/nothing", O_RDONLY, 0), -1);
    assert_int_equal(errno, ENOENT);
    assert_int_equal(_unlink("/dir"), -1);
    assert_int_equal(errno, EISDIR);
    /* VFS answered before, so a failed IPC is a failed call, not a missing VFS. */
    assert_int_equal(_close(3), -1);
    assert_int_equal(errno, ENOSYS);
    assert_false(vfs_absent());
    assert_int_equal(_close(3), 0);
}

static void read_and_write_lend_the_buffer(void **state)
{
    (void)state;
    char buf[16] = { 0 };
    SCRIPT({ VFS_WRITE, 5 }, { VFS_READ, 4, "abcd", 4 });
    assert_int_equal(_write(3, "hello", 5), 5);
    assert_int_equal(sent()->fd, 3);
    assert_int_equal(sent()->len, 5);
    assert_string_equal(fake_last()->in[0], "hello");
    assert_int_equal(fake_last()->access[0], GRANT_READ);
    assert_int_equal(_read(3, buf, sizeof buf), 4);
    assert_memory_equal(buf, "abcd", 4);
    assert_int_equal(sent()->len, sizeof buf);
    assert_int_equal(fake_last()->access[0], GRANT_WRITE);
}

static void lseek_returns_the_new_position(void **state)
{
    (void)state;
    SCRIPT({ VFS_LSEEK, 0, .fields = 1, .fd = 3, .pos = 1234 });
    assert_int_equal(_lseek(3, -10, SEEK_END), 1234);
    assert_int_equal(sent()->fd, 3);
    assert_int_equal(sent()->pos, -10);
    assert_int_equal(sent()->flags, SEEK_END);
}

static const struct vfs_stat a_file = {
    .dev = 0x0102, .ino = 77, .mode = S_IFREG | 0644, .nlink = 2, .uid = 5, .gid = 6,
    .rdev = 0, .size = 12345, .blocks = 32, .blksize = 1024, .atime = 1000, .mtime = 2000,
    .ctime = 3000,
};

static void check_a_file(const struct stat *st)
{
    assert_int_equal(st->st_dev, 0x0102);
    assert_int_equal(st->st_ino, 77);
    assert_int_equal(st->st_mode, S_IFREG | 0644);
    assert_int_equal(st->st_nlink, 2);
    assert_int_equal(st->st_uid, 5);
    assert_int_equal(st->st_gid, 6);
    assert_int_equal(st->st_size, 12345);
    assert_int_equal(st->st_blocks, 32);
    assert_int_equal(st->st_blksize, 1024);
    assert_int_equal(st->st_atime, 1000);
    assert_int_equal(st->st_mtime, 2000);
    assert_int_equal(st->st_ctime, 3000);
}

static void stat_converts_the_record(void **state)
{
    (void)state;
    struct stat st;
    SCRIPT({ VFS_STAT, 0, &a_file, sizeof a_file, 1 }, { VFS_LSTAT, 0, &a_file, sizeof a_file, 1 },
           { VFS_FSTAT, 0, &a_file, sizeof a_file, 1 });
    memset(&st, 0xff, sizeof st);
    assert_int_equal(_stat("/f", &st), 0);
    check_a_file(&st);
    assert_string_equal(fake_last()->in[0], "/f");
    assert_int_equal(sent()->len2, sizeof(struct vfs_stat));
    assert_int_equal(fake_last()->access[1], GRANT_WRITE);
    memset(&st, 0, sizeof st);
    assert_int_equal(lstat("/link", &st), 0);
    check_a_file(&st);
    memset(&st, 0, sizeof st);
    assert_int_equal(_fstat(7, &st), 0);
    assert_int_equal(sent()->fd, 7);
    check_a_file(&st);
}

static void sizes_off_t_cannot_hold_overflow(void **state)
{
    (void)state;
    struct vfs_stat big = a_file;
    struct stat st;
    big.size = 1ull << 63;
    assert_int_equal(posix_stat_from_vfs(&st, &big), -EOVERFLOW);
    big.size = 0x7fffffffull;
    assert_int_equal(posix_stat_from_vfs(&st, &big), OK);
    assert_int_equal(st.st_size, 0x7fffffff);
}

static void descriptors(void **state)
{
    (void)state;
    SCRIPT({ VFS_DUP, 4 }, { VFS_DUP2, 9 }, { VFS_FCNTL, O_RDWR }, { VFS_FCNTL, 0 },
           { VFS_PIPE, 0, .fields = 1, .fd = 3, .fd2 = 4 });
    assert_int_equal(dup(3), 4);
    assert_int_equal(sent()->fd, 3);
    assert_int_equal(dup2(3, 9), 9);
    assert_int_equal(sent()->fd2, 9);
    assert_int_equal(fcntl(3, F_GETFL), O_RDWR);
    assert_int_equal(sent()->flags, F_GETFL);
    assert_int_equal(fcntl(3, F_SETFD, FD_CLOEXEC), 0);
    assert_int_equal(sent()->flags, F_SETFD);
    assert_int_equal(sent()->arg, FD_CLOEXEC);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    assert_int_equal(fds[0], 3);
    assert_int_equal(fds[1], 4);
    assert_int_equal(pipe(NULL), -1);
    assert_int_equal(errno, EFAULT);
    assert_int_equal(fcntl(3, F_GETLK, NULL), -1);   /* no locks */
    assert_int_equal(errno, EINVAL);
}

static void dupfd_cloexec_is_two_requests(void **state)
{
    (void)state;
    SCRIPT({ VFS_FCNTL, 5 }, { VFS_FCNTL, 0 }, { VFS_FCNTL, 6 }, { VFS_FCNTL, -EIO },
           { VFS_CLOSE, 0 });
    assert_int_equal(fcntl(3, F_DUPFD_CLOEXEC, 5), 5);
    assert_int_equal(fake_calls[0].request.m.vfs.flags, F_DUPFD);
    assert_int_equal(fake_calls[0].request.m.vfs.arg, 5);
    assert_int_equal(fake_calls[1].request.m.vfs.fd, 5);
    assert_int_equal(fake_calls[1].request.m.vfs.flags, F_SETFD);
    assert_int_equal(fake_calls[1].request.m.vfs.arg, FD_CLOEXEC);
    /* If the flag cannot be set, the new descriptor is closed again. */
    assert_int_equal(fcntl(3, F_DUPFD_CLOEXEC, 0), -1);
    assert_int_equal(errno, EIO);
    assert_int_equal(sent()->fd, 6);
}

static void calls_with_two_paths(void **state)
{
    (void)state;
    SCRIPT({ VFS_RENAME, 0 }, { VFS_LINK, 0 }, { VFS_SYMLINK, 0 }, { VFS_MOUNT, 0 },
           { VFS_UMOUNT, 0 });
    assert_int_equal(rename("/old", "/new/name"), 0);
    assert_string_equal(fake_last()->in[0], "/old");
    assert_string_equal(fake_last()->in[1], "/new/name");
    assert_int_equal(sent()->len, 4);
    assert_int_equal(sent()->len2, 9);
    assert_int_equal(fake_last()->access[1], GRANT_READ);
    assert_int_equal(_link("/a", "/b"), 0);
    assert_string_equal(fake_last()->in[1], "/b");
    assert_int_equal(symlink("../target", "/l"), 0);
    assert_string_equal(fake_last()->in[0], "../target");
    assert_string_equal(fake_last()->in[1], "/l");
    assert_int_equal(mount("/dev/c0d0p1", "/mnt", MNT_RDONLY), 0);
    assert_string_equal(fake_last()->in[0], "/dev/c0d0p1");
    assert_string_equal(fake_last()->in[1], "/mnt");
    assert_int_equal(sent()->flags, MNT_RDONLY);
    assert_int_equal(umount("/mnt"), 0);
    assert_string_equal(fake_last()->in[0], "/mnt");
    assert_int_equal(mount("/dev/x", "/mnt", 0x80), -1);
    assert_int_equal(errno, EINVAL);
}

static void calls_with_a_path_and_numbers(void **state)
{
    (void)state;
    SCRIPT({ VFS_MKDIR, 0 }, { VFS_CHMOD, 0 }, { VFS_CHOWN, 0 }, { VFS_ACCESS, -EACCES },
           { VFS_TRUNCATE, 0 }, { VFS_MKNOD, 0 }, { VFS_MKNOD, 0 }, { VFS_UMASK, 077 },
           { VFS_RMDIR, 0 }, { VFS_CHDIR, 0 });
    assert_int_equal(mkdir("/d", 0750), 0);
    assert_int_equal(sent()->mode, 0750);
    assert_int_equal(chmod("/f", 04755), 0);
    assert_int_equal(sent()->mode, 04755);
    assert_int_equal(chown("/f", (uid_t)-1, 7), 0);
    assert_int_equal(sent()->arg, UINT32_MAX);
    assert_int_equal(sent()->arg2, 7);
    assert_int_equal(access("/f", R_OK | W_OK), -1);
    assert_int_equal(errno, EACCES);
    assert_int_equal(sent()->mode, R_OK | W_OK);
    assert_int_equal(truncate("/f", 100), 0);
    assert_int_equal(sent()->pos, 100);
    assert_int_equal(mknod("/dev/tty", S_IFCHR | 0600, DEV_MAKE(4, 1)), 0);
    assert_int_equal(sent()->mode, S_IFCHR | 0600);
    assert_int_equal(sent()->arg, 0x0401);
    assert_int_equal(mknod("/dev/x", S_IFBLK | 0600, (dev_t)-1), 0);   /* 16 bits, never more */
    assert_int_equal(sent()->arg, 0xffff);
    assert_int_equal(umask(022 | 0170000), 077);
    assert_int_equal(sent()->mode, 022);
    assert_int_equal(rmdir("/d"), 0);
    assert_string_equal(fake_last()->in[0], "/d");
    assert_int_equal(chdir("/home"), 0);
    assert_string_equal(fake_last()->in[0], "/home");

    int calls = fake_nr_calls;
    assert_int_equal(access("/f", 0x40), -1);
    assert_int_equal(errno, EINVAL);
    assert_int_equal(truncate("/f", -1), -1);
    assert_int_equal(errno, EINVAL);
    assert_int_equal(fake_nr_calls, calls);
}

static void calls_on_a_descriptor(void **state)
{
    (void)state;
    SCRIPT({ VFS_FTRUNCATE, 0 }, { VFS_FCHMOD, 0 }, { VFS_FCHDIR, 0 }, { VFS_SYNC, 0 },
           { VFS_FSTAT, 0, &a_file, sizeof a_file, 1 }, { VFS_SYNC, 0 }, { VFS_FSTAT, -EBADF });
    assert_int_equal(ftruncate(3, 4096), 0);
    assert_int_equal(sent()->fd, 3);
    assert_int_equal(sent()->pos, 4096);
    assert_int_equal(fchmod(3, 0600), 0);
    assert_int_equal(sent()->mode, 0600);
    assert_int_equal(fchdir(4), 0);
    assert_int_equal(sent()->fd, 4);
    sync();
    assert_int_equal(fsync(3), 0);
    assert_int_equal(fake_last()->request.m_type, VFS_SYNC);
    assert_int_equal(fsync(99), -1);   /* a descriptor that is not open is EBADF */
    assert_int_equal(errno, EBADF);
    assert_int_equal(ftruncate(3, -5), -1);
    assert_int_equal(errno, EINVAL);
}

static void getcwd_and_readlink_fill_the_buffer(void **state)
{
    (void)state;
    char buf[32];
    SCRIPT({ VFS_GETCWD, 6, "/home", 6 }, { VFS_GETCWD, 2, "/", 2 }, { VFS_GETCWD, -ERANGE },
           { VFS_GETCWD, 3, "abc", 3 }, { VFS_READLINK, 6, "target", 6, 1 });
    assert_ptr_equal(getcwd(buf, sizeof buf), buf);
    assert_string_equal(buf, "/home");
    assert_int_equal(sent()->len, sizeof buf);
    assert_int_equal(fake_last()->access[0], GRANT_WRITE);
    char *mine = getcwd(NULL, 0);
    assert_non_null(mine);
    assert_string_equal(mine, "/");
    free(mine);
    assert_null(getcwd(buf, 2));
    assert_int_equal(errno, ERANGE);
    assert_null(getcwd(buf, sizeof buf));   /* an answer without its NUL */
    assert_int_equal(errno, EIO);
    memset(buf, 'x', sizeof buf);
    assert_int_equal(readlink("/l", buf, sizeof buf), 6);
    assert_memory_equal(buf, "targetx", 7);   /* no NUL added */
    assert_string_equal(fake_last()->in[0], "/l");
    assert_int_equal(sent()->len2, sizeof buf);
    assert_int_equal(fake_last()->access[1], GRANT_WRITE);

    int calls = fake_nr_calls;
    assert_null(getcwd(buf, 0));
    assert_int_equal(errno, EINVAL);
    assert_int_equal(readlink("/l", buf, 0), -1);
    assert_int_equal(errno, EINVAL);
    assert_int_equal(fake_nr_calls, calls);
}

static void terminal_settings_travel_as_os_termios(void **state)
{
    (void)state;
    struct os_termios os = { .c_lflag = ICANON | ECHO, .c_iflag = ICRNL, .c_ispeed = 115200,
                             .c_ospeed = 115200 };
    os.c_cc[VMIN] = 1;
    os.c_cc[VINTR] = 3;
    int32_t pgrp = 42;
    SCRIPT({ VFS_IOCTL, 0, &os, sizeof os }, { VFS_IOCTL, 0 }, { VFS_IOCTL, 0, &pgrp, 4 },
           { VFS_IOCTL, 0 }, { VFS_IOCTL, 0 }, { VFS_IOCTL, -ENOTTY },
           { VFS_IOCTL, 0, &os, sizeof os }, { VFS_IOCTL, 0 });
    struct termios t;
    assert_int_equal(tcgetattr(0, &t), 0);
    assert_int_equal(sent()->arg, TCGETS);
    assert_int_equal(sent()->len, sizeof(struct os_termios));
    assert_int_equal(fake_last()->access[0], GRANT_WRITE);
    assert_int_equal(t.c_lflag, ICANON | ECHO);
    assert_int_equal(t.c_iflag, ICRNL);
    assert_int_equal(t.c_cc[VMIN], 1);
    assert_int_equal(t.c_cc[VINTR], 3);
    assert_int_equal(cfgetispeed(&t), B115200);
    t.c_lflag &= ~(tcflag_t)ECHO;
    assert_int_equal(tcsetattr(0, TCSAFLUSH, &t), 0);
    assert_int_equal(sent()->arg, TCSETSF);
    assert_int_equal(fake_last()->access[0], GRANT_READ);
    assert_memory_equal(fake_last()->in[0], &t, sizeof t);
    assert_int_equal(tcgetpgrp(0), 42);
    assert_int_equal(sent()->arg, TIOCGPGRP);
    assert_int_equal(tcsetpgrp(0, 17), 0);
    assert_int_equal(sent()->arg, TIOCSPGRP);
    assert_memory_equal(fake_last()->in[0], &(int32_t){ 17 }, 4);
    assert_int_equal(_isatty(0), 1);
    assert_int_equal(sent()->arg, TCGETS);
    assert_int_equal(_isatty(3), 0);
    assert_int_equal(errno, ENOTTY);
    assert_int_equal(tcdrain(1), 0);   /* the same settings again, after the output */
    assert_int_equal(sent()->arg, TCSETSW);
    assert_int_equal(sent()->fd, 1);

    int calls = fake_nr_calls;
    assert_int_equal(tcsetattr(0, 7, &t), -1);
    assert_int_equal(errno, EINVAL);
    assert_int_equal(ioctl(0, 0x1234, &t), -1);
    assert_int_equal(errno, ENOTTY);
    assert_int_equal(ioctl(0, TIOCGWINSZ, NULL), -1);
    assert_int_equal(errno, EFAULT);
    assert_int_equal(fake_nr_calls, calls);
}

static void window_size_and_disk_size(void **state)
{
    (void)state;
    struct os_winsize os = { 24, 80, 0, 0 };
    uint64_t size = 64ull << 20;
    SCRIPT({ VFS_IOCTL, 0, &os, sizeof os }, { VFS_IOCTL, 0, &size, sizeof size });
    struct winsize ws;
    assert_int_equal(ioctl(1, TIOCGWINSZ, &ws), 0);
    assert_int_equal(ws.ws_row, 24);
    assert_int_equal(ws.ws_col, 80);
    unsigned long long bytes;
    assert_int_equal(ioctl(3, DIOCGETSIZE, &bytes), 0);
    assert_int_equal(bytes, 64ull << 20);
    assert_int_equal(sent()->len, 8);
}

static void raw_mode_and_speeds(void **state)
{
    (void)state;
    struct termios t = { .c_iflag = ICRNL | IXON | BRKINT | IUTF8, .c_oflag = OPOST | ONLCR,
                         .c_cflag = CS7 | PARENB | CREAD, .c_lflag = ICANON | ECHO | ISIG | IEXTEN };
    t.c_cc[VTIME] = 5;
    cfmakeraw(&t);
    assert_int_equal(t.c_iflag, IUTF8);
    assert_int_equal(t.c_oflag, ONLCR);
    assert_int_equal(t.c_cflag, CS8 | CREAD);
    assert_int_equal(t.c_lflag, 0);
    assert_int_equal(t.c_cc[VMIN], 1);
    assert_int_equal(t.c_cc[VTIME], 0);
    assert_int_equal(cfsetospeed(&t, B9600), 0);
    assert_int_equal(cfgetospeed(&t), 9600);
    assert_int_equal(cfsetispeed(&t, 12345), -1);
    assert_int_equal(errno, EINVAL);
    assert_int_equal(cfsetspeed(&t, B38400), 0);
    assert_int_equal(cfgetispeed(&t), 38400);
    assert_int_equal(cfgetospeed(&t), 38400);
}

static void select_sends_bit_masks(void **state)
{
    (void)state;
    struct vfs_select ready = { .nfds = 34, .timeout_ms = 1001, .readfds = { 0, 1u << 1 },
                                .writefds = { 1u << 1, 0 } };
    SCRIPT({ VFS_SELECT, 2, &ready, sizeof ready }, { VFS_SELECT, 0, &ready, sizeof ready },
           { VFS_SELECT, -EINTR });
    fd_set rd, wr;
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(0, &rd);
    FD_SET(33, &rd);
    FD_SET(40, &rd);   /* beyond nfds: neither asked about nor changed */
    FD_SET(1, &wr);
    struct timeval tv = { 1, 500 };
    assert_int_equal(select(34, &rd, &wr, NULL, &tv), 2);
    struct vfs_select asked;
    memcpy(&asked, fake_last()->in[0], sizeof asked);
    assert_int_equal(fake_last()->access[0], GRANT_READ | GRANT_WRITE);
    assert_int_equal(asked.nfds, 34);
    assert_int_equal(asked.timeout_ms, 1001);   /* rounded up */
    assert_int_equal(asked.readfds[0], 1);
    assert_int_equal(asked.readfds[1], 2);
    assert_int_equal(asked.writefds[0], 2);
    assert_int_equal(asked.exceptfds[0] | asked.exceptfds[1], 0);
    assert_false(FD_ISSET(0, &rd));
    assert_true(FD_ISSET(33, &rd));
    assert_true(FD_ISSET(40, &rd));
    assert_true(FD_ISSET(1, &wr));

    assert_int_equal(select(2, &rd, NULL, NULL, NULL), 0);
    memcpy(&asked, fake_last()->in[0], sizeof asked);
    assert_int_equal(asked.timeout_ms, -1);   /* no timeout: wait for ever */

    FD_ZERO(&rd);
    FD_SET(1, &rd);
    tv = (struct timeval){ 0, 1 };
    assert_int_equal(select(2, &rd, NULL, NULL, &tv), -1);
    assert_int_equal(errno, EINTR);
    assert_true(FD_ISSET(1, &rd));   /* unchanged on failure */
    memcpy(&asked, fake_last()->in[0], sizeof asked);
    assert_int_equal(asked.timeout_ms, 1);

    int calls = fake_nr_calls;
    assert_int_equal(select(65, &rd, NULL, NULL, NULL), -1);
    assert_int_equal(errno, EINVAL);
    tv = (struct timeval){ 0, 1000000 };
    assert_int_equal(select(1, &rd, NULL, NULL, &tv), -1);
    assert_int_equal(errno, EINVAL);
    assert_int_equal(fake_nr_calls, calls);
}

/* Directory records as VFS_GETDENTS returns them, back to back. */
static size_t add_record(uint8_t *buf, size_t at, uint32_t ino, uint8_t type, const char *name)
{
    struct fs_dirent h = { .ino = ino, .type = type, .namelen = (uint8_t)strlen(name) };
    h.reclen = (uint16_t)((sizeof h + h.namelen + 1 + 3) & ~3u);
    memset(buf + at, 0, h.reclen);
    memcpy(buf + at, &h, sizeof h);
    memcpy(buf + at + sizeof h, name, h.namelen);
    return at + h.reclen;
}

static const struct vfs_stat a_dir = { .ino = 2, .mode = S_IFDIR | 0755, .nlink = 3 };

static void directories_are_read_in_batches(void **state)
{
    (void)state;
    static uint8_t first[512], second[512];
    static char longest[256];
    memset(longest, 'n', 255);
    size_t n1 = add_record(first, 0, 2, FS_DT_DIR, ".");
    n1 = add_record(first, n1, 1, FS_DT_DIR, "..");
    n1 = add_record(first, n1, 12, FS_DT_REG, "file");
    size_t n2 = add_record(second, 0, 13, FS_DT_LNK, "link");
    n2 = add_record(second, n2, 14, 99, longest);
    SCRIPT({ VFS_OPEN, 5 }, { VFS_FSTAT, 0, &a_dir, sizeof a_dir, 1 }, { VFS_FCNTL, 0 },
           { VFS_GETDENTS, (int32_t)n1, first, n1 }, { VFS_GETDENTS, (int32_t)n2, second, n2 },
           { VFS_GETDENTS, 0 }, { VFS_LSEEK, 0 }, { VFS_GETDENTS, (int32_t)n1, first, n1 },
           { VFS_LSEEK, 0 }, { VFS_GETDENTS, (int32_t)n1, first, n1 }, { VFS_CLOSE, 0 });
    DIR *d = opendir("/d");
    assert_non_null(d);
    assert_int_equal(dirfd(d), 5);
    assert_true(fake_calls[0].request.m.vfs.flags & O_DIRECTORY);
    assert_int_equal(fake_calls[2].request.m.vfs.flags, F_SETFD);
    assert_int_equal(fake_calls[2].request.m.vfs.arg, FD_CLOEXEC);

    const char *names[] = { ".", "..", "file", "link", longest };
    const unsigned char types[] = { DT_DIR, DT_DIR, DT_REG, DT_LNK, DT_UNKNOWN };
    const ino_t inos[] = { 2, 1, 12, 13, 14 };
    for (int i = 0; i < 5; i++) {
        struct dirent *e = readdir(d);
        assert_non_null(e);
        assert_string_equal(e->d_name, names[i]);
        assert_int_equal(e->d_type, types[i]);
        assert_int_equal(e->d_ino, inos[i]);
    }
    assert_int_equal(sent()->fd, 5);
    assert_int_equal(fake_last()->access[0], GRANT_WRITE);
    errno = 0;
    assert_null(readdir(d));
    assert_int_equal(errno, 0);   /* the end, not an error */

    rewinddir(d);
    assert_int_equal(sent()->pos, 0);
    assert_int_equal(sent()->flags, SEEK_SET);
    assert_string_equal(readdir(d)->d_name, ".");
    assert_string_equal(readdir(d)->d_name, "..");
    rewinddir(d);   /* what was buffered is forgotten too */
    assert_string_equal(readdir(d)->d_name, ".");
    assert_int_equal(closedir(d), 0);
    assert_int_equal(sent()->fd, 5);
}

static void a_file_is_not_a_directory(void **state)
{
    (void)state;
    SCRIPT({ VFS_OPEN, 5 }, { VFS_FSTAT, 0, &a_file, sizeof a_file, 1 }, { VFS_CLOSE, 0 });
    assert_null(opendir("/f"));
    assert_int_equal(errno, ENOTDIR);
    assert_int_equal(sent()->fd, 5);
}

static void broken_records_end_the_stream(void **state)
{
    (void)state;
    static uint8_t bad[64];
    size_t n = add_record(bad, 0, 3, FS_DT_REG, "ok");
    size_t broken = add_record(bad, n, 4, FS_DT_REG, "name");
    bad[n + 4] = 14;  /* long enough for its name, but not a multiple of 4 */
    static uint8_t past[64];
    size_t m = add_record(past, 0, 5, FS_DT_REG, "abc");
    past[7] = 40;     /* namelen beyond the record */
    SCRIPT({ VFS_OPEN, 5 }, { VFS_FSTAT, 0, &a_dir, sizeof a_dir, 1 }, { VFS_FCNTL, 0 },
           { VFS_GETDENTS, (int32_t)broken, bad, broken }, { VFS_GETDENTS, (int32_t)m, past, m },
           { VFS_GETDENTS, 4096 }, { VFS_CLOSE, 0 });
    DIR *d = opendir("/d");
    assert_non_null(d);
    assert_string_equal(readdir(d)->d_name, "ok");
    assert_null(readdir(d));
    assert_int_equal(errno, EIO);
    errno = 0;
    assert_null(readdir(d));
    assert_int_equal(errno, EIO);
    errno = 0;
    assert_null(readdir(d));   /* more bytes than the buffer holds */
    assert_int_equal(errno, EIO);
    assert_int_equal(closedir(d), 0);
}

static int no_dots(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

static void scandir_filters_and_sorts(void **state)
{
    (void)state;
    static uint8_t recs[256];
    size_t n = add_record(recs, 0, 10, FS_DT_REG, "c");
    n = add_record(recs, n, 2, FS_DT_DIR, ".");
    n = add_record(recs, n, 11, FS_DT_REG, "a");
    n = add_record(recs, n, 12, FS_DT_DIR, "b");
    n = add_record(recs, n, 1, FS_DT_DIR, "..");
    SCRIPT({ VFS_OPEN, 5 }, { VFS_FSTAT, 0, &a_dir, sizeof a_dir, 1 }, { VFS_FCNTL, 0 },
           { VFS_GETDENTS, (int32_t)n, recs, n }, { VFS_GETDENTS, 0 }, { VFS_CLOSE, 0 });
    struct dirent **list;
    assert_int_equal(scandir("/d", &list, no_dots, alphasort), 3);
    assert_string_equal(list[0]->d_name, "a");
    assert_string_equal(list[1]->d_name, "b");
    assert_int_equal(list[1]->d_type, DT_DIR);
    assert_string_equal(list[2]->d_name, "c");
    for (int i = 0; i < 3; i++)
        free(list[i]);
    free(list);
}

static void no_grant_no_request(void **state)
{
    (void)state;
    fake_grant_room = 0;
    assert_int_equal(_write(3, "x", 1), -1);
    assert_int_equal(errno, ENOSPC);
    fake_grant_room = 1;   /* the first path's grant is made, the second's is not */
    assert_int_equal(rename("/a", "/b"), -1);
    assert_int_equal(errno, ENOSPC);
    assert_int_equal(fake_nr_calls, 0);
}

static int pm(message *m)
{
    m->m_type = OK;
    return OK;
}

static void reboot_and_uname(void **state)
{
    (void)state;
    fake_pm = pm;
    assert_int_equal(reboot(RB_POWEROFF), 0);
    assert_int_equal(fake_last()->to, PM_PROC);
    assert_int_equal(fake_last()->request.m_type, PM_REBOOT);
    assert_int_equal(fake_last()->request.m.pm.pid, ABORT_POWEROFF);
    assert_int_equal(reboot(RB_AUTOBOOT), 0);
    assert_int_equal(fake_last()->request.m.pm.pid, ABORT_REBOOT);
    int calls = fake_nr_calls;
    assert_int_equal(reboot(0x1234), -1);
    assert_int_equal(errno, EINVAL);
    assert_int_equal(fake_nr_calls, calls);
    struct utsname u;
    assert_int_equal(uname(&u), 0);
    assert_string_equal(u.sysname, "phoenix");
    assert_string_equal(u.version, "host");
    assert_string_equal(u.machine, "test");
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(open_sends_the_path_by_grant),
        T(bad_paths_fail_before_any_request),
        T(errors_come_back_as_errno),
        T(read_and_write_lend_the_buffer),
        T(lseek_returns_the_new_position),
        T(stat_converts_the_record),
        T(sizes_off_t_cannot_hold_overflow),
        T(descriptors),
        T(dupfd_cloexec_is_two_requests),
        T(calls_with_two_paths),
        T(calls_with_a_path_and_numbers),
        T(calls_on_a_descriptor),
        T(getcwd_and_readlink_fill_the_buffer),
        T(terminal_settings_travel_as_os_termios),
        T(window_size_and_disk_size),
        T(raw_mode_and_speeds),
        T(select_sends_bit_masks),
        T(directories_are_read_in_batches),
        T(a_file_is_not_a_directory),
        T(broken_records_end_the_stream),
        T(scandir_filters_and_sorts),
        T(no_grant_no_request),
        T(reboot_and_uname),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
