/* lib/posix in a system without VFS (the test images): one failed request per process, then
 * fds 0-2 behave as the console, writes to 1 and 2 reach the log server, the rest is ENOSYS.
 * The argument names the error the missing VFS gives: EDSTDENIED, EDEADSRCDST or EBADEPT. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>
#include "posix.h"
#include "fake_sys.h"

static int missing = -EDSTDENIED;

static int vfs_requests(void)
{
    int n = 0;
    for (int i = 0; i < fake_nr_calls; i++)
        n += fake_calls[i].to == VFS_PROC;
    return n;
}

/* One process's life: the first request finds VFS missing, and nothing asks it again. */
static void console_without_vfs(void **state)
{
    (void)state;
    fake_reset();
    fake_missing_error = missing;
    struct stat st;
    assert_int_equal(_fstat(1, &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    assert_int_equal(vfs_requests(), 1);
    assert_int_equal(fake_last()->request.m_type, VFS_FSTAT);
    assert_true(vfs_absent());

    assert_int_equal(_write(1, "hello\n", 6), 6);
    assert_int_equal(_write(2, "err", 3), 3);
    assert_string_equal(fake_console, "hello\nerr");
    errno = 0;
    assert_int_equal(_write(5, "x", 1), -1);
    assert_int_equal(errno, EBADF);
    char buf[8];
    assert_int_equal(_read(0, buf, sizeof buf), -1);
    assert_int_equal(errno, ENOSYS);
    assert_int_equal(_read(4, buf, sizeof buf), -1);
    assert_int_equal(errno, EBADF);
    assert_int_equal(_isatty(2), 1);
    errno = 0;
    assert_int_equal(_isatty(7), 0);
    assert_int_equal(errno, EBADF);
    assert_int_equal(_close(1), 0);
    assert_int_equal(_close(3), -1);
    assert_int_equal(errno, EBADF);
    assert_int_equal(_lseek(1, 0, SEEK_CUR), -1);
    assert_int_equal(errno, ESPIPE);
    assert_int_equal(_lseek(6, 0, SEEK_CUR), -1);
    assert_int_equal(errno, EBADF);
    assert_int_equal(_fstat(6, &st), -1);
    assert_int_equal(errno, EBADF);
    assert_int_equal(_open("/etc/motd", O_RDONLY, 0), -1);
    assert_int_equal(errno, ENOSYS);
    assert_int_equal(_stat("/", &st), -1);
    assert_int_equal(errno, ENOSYS);
    assert_int_equal(_unlink("/x"), -1);
    assert_int_equal(errno, ENOSYS);
    assert_int_equal(_link("/x", "/y"), -1);
    assert_int_equal(errno, ENOSYS);
    assert_int_equal(pipe((int[2]){ 0 }), -1);
    assert_int_equal(errno, ENOSYS);
    assert_null(opendir("/"));
    assert_int_equal(errno, ENOSYS);
    assert_int_equal(mkdir("/d", 0755), -1);
    assert_int_equal(errno, ENOSYS);
    assert_int_equal(umask(022), 0);

    assert_int_equal(vfs_requests(), 1);   /* everything after the first answered at once */
    assert_int_equal(fake_live_grants(), 0);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "EDEADSRCDST") == 0)
        missing = -EDEADSRCDST;
    else if (argc > 1 && strcmp(argv[1], "EBADEPT") == 0)
        missing = -EBADEPT;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(console_without_vfs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
