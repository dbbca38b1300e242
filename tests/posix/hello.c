/* posix_hello: newlib on top of lib/posix with only the log server there (no PM, no VM):
 * stdio, formatting, conversions, sorting and strings, and the calls that must fail cleanly. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <termios.h>
#include <unistd.h>
#include "check.h"

static char stdout_buf[256];   /* malloc may have nothing to give without VM */

static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void check_formatting(void)
{
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%d|%5s|%-3c|%x|%lu|%lld", -42, "ab", 'z', 0xbeefu, 123456ul,
                     -9000000000ll);
    CHECK(strcmp(buf, "-42|   ab|z  |beef|123456|-9000000000") == 0, "snprintf gives \"%s\"", buf);
    CHECK(n == (int)strlen(buf), "snprintf counts %d characters", n);
    volatile size_t small = 8;   /* not a constant, or gcc warns about the truncation */
    n = snprintf(buf, small, "%s", "truncated text");
    CHECK(n == 14 && strcmp(buf, "truncat") == 0, "snprintf truncates and counts the rest");
}

static void check_conversions(void)
{
    char *end;
    long v = strtol("  -1234xyz", &end, 10);
    CHECK(v == -1234 && strcmp(end, "xyz") == 0, "strtol parses -1234 and stops at xyz");
    CHECK(strtol("0x7f", NULL, 16) == 127 && strtoul("777", NULL, 8) == 511, "strtol/strtoul bases");
    errno = 0;
    strtol("99999999999999999999", NULL, 10);
    CHECK(errno == ERANGE, "strtol overflow sets ERANGE");
    CHECK(atoi("56") == 56, "atoi");
}

static void check_sorting(void)
{
    int v[] = { 9, -3, 7, 0, 7, 12, -8, 1 };
    qsort(v, sizeof v / sizeof v[0], sizeof v[0], compare_ints);
    int sorted = 1;
    for (size_t i = 1; i < sizeof v / sizeof v[0]; i++)
        sorted &= v[i - 1] <= v[i];
    CHECK(sorted && v[0] == -8 && v[7] == 12, "qsort sorts eight ints");
}

static void check_strings(void)
{
    char buf[32] = "phoenix";
    strcat(buf, "-os");
    CHECK(strcmp(buf, "phoenix-os") == 0 && strlen(buf) == 10, "strcat, strcmp, strlen");
    CHECK(strchr(buf, '-') == buf + 7 && strrchr(buf, 'o') == buf + 8, "strchr, strrchr");
    CHECK(strstr(buf, "nix") == buf + 4 && memcmp(buf, "phoe", 4) == 0, "strstr, memcmp");
    memmove(buf + 1, buf, 7);
    CHECK(memcmp(buf, "pphoenix", 8) == 0, "memmove with overlap");
    memset(buf, 'x', 3);
    CHECK(strncmp(buf, "xxxoenix", 8) == 0, "memset, strncmp");
    char *tok = strtok(buf, "o");
    CHECK(tok && strcmp(tok, "xxx") == 0, "strtok");
}

static void check_system_calls(void)
{
    static const char direct[] = "posix_hello: write(1) reaches the console\n";
    CHECK(write(1, direct, sizeof direct - 1) == (ssize_t)(sizeof direct - 1), "write(1) returns its length");
    CHECK(write(5, "x", 1) == -1 && errno == EBADF, "write to fd 5 fails with EBADF");
    static const uintptr_t bad[] = { 0, 0x80100000u, 0x30000000u };
    for (int i = 0; i < 3; i++) {
        errno = 0;
        CHECK(write(1, (const void *)bad[i], 10) == -1 && errno == EFAULT,
              "write from bad address %#lx fails with EFAULT", (unsigned long)bad[i]);
    }
    CHECK(isatty(1) && isatty(2) && !isatty(7), "fds 0-2 are terminals");
    void *p = malloc(100);
    CHECK(p || errno == ENOMEM, "malloc: %s", p ? "memory from VM" : "NULL and ENOMEM, no VM");
    if (p) {
        memset(p, 0x5a, 100);
        free(p);
    }
    pid_t pid = getpid();
    CHECK(pid > 0 || errno == ENOSYS, "getpid: %s %d", pid > 0 ? "from PM," : "ENOSYS, no PM,", (int)pid);
}

/* The images this runs in have no VFS: every file call fails with ENOSYS, and 0, 1 and 2 stay
 * the console (write goes to the log server, as the checks above show). */
static void check_files_without_vfs(void)
{
    struct stat st;
    char buf[64];
    int fds[2];
    struct termios t;
    errno = 0;
    CHECK(open("/etc/motd", O_RDONLY) == -1 && errno == ENOSYS, "open fails with ENOSYS");
    errno = 0;
    CHECK(stat("/", &st) == -1 && errno == ENOSYS, "stat fails with ENOSYS");
    errno = 0;
    CHECK(opendir("/") == NULL && errno == ENOSYS, "opendir fails with ENOSYS");
    errno = 0;
    CHECK(getcwd(buf, sizeof buf) == NULL && errno == ENOSYS, "getcwd fails with ENOSYS");
    errno = 0;
    CHECK(pipe(fds) == -1 && errno == ENOSYS, "pipe fails with ENOSYS");
    errno = 0;
    CHECK(tcgetattr(0, &t) == -1 && errno == ENOSYS, "tcgetattr fails with ENOSYS");
    fd_set rd;
    FD_ZERO(&rd);
    FD_SET(0, &rd);
    struct timeval tv = { 0, 0 };
    errno = 0;
    CHECK(select(1, &rd, NULL, NULL, &tv) == -1 && errno == ENOSYS, "select fails with ENOSYS");
    struct winsize ws;
    errno = 0;
    CHECK(ioctl(0, 0x7fff, &ws) == -1 && errno == ENOTTY, "an unknown ioctl is ENOTTY");
    errno = 0;
    CHECK(open("", O_RDONLY) == -1 && errno == ENOENT, "an empty path is ENOENT before any call");
    CHECK(fstat(1, &st) == 0 && S_ISCHR(st.st_mode), "fstat(1): a character device");
    errno = 0;
    CHECK(lseek(1, 0, SEEK_CUR) == -1 && errno == ESPIPE, "lseek on the console: ESPIPE");
    errno = 0;
    CHECK(close(9) == -1 && errno == EBADF, "close(9): EBADF");
    struct utsname u;
    CHECK(uname(&u) == 0 && strcmp(u.sysname, "phoenix") == 0 && u.machine[0] && u.version[0],
          "uname: %s %s %s %s", u.sysname, u.release, u.version, u.machine);
}

int main(int argc, char **argv)
{
    check_program = "posix_hello";
    setvbuf(stdout, stdout_buf, _IOLBF, sizeof stdout_buf);
    printf("posix_hello: argc %d, argv[0] %s\n", argc, argc > 0 ? argv[0] : "-");
    fprintf(stderr, "posix_hello: stderr is unbuffered\n");
    check_formatting();
    check_conversions();
    check_sorting();
    check_strings();
    check_system_calls();
    check_files_without_vfs();
    return check_done();
}
