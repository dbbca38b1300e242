/* termtest: the terminal and select as a program sees them, driven by tests/system:
 *   termtest raw      raw mode: three keys arrive one by one, unechoed, without Enter
 *   termtest select   select on a pipe and on the terminal, with and without timeouts
 * Prints "ok: ..." or "FAIL: ..." per check and ends with "termtest: done, N failures". */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/times.h>
#include <termios.h>
#include <unistd.h>

static int failures;

static void check(int ok, const char *what)
{
    printf("%s: %s\n", ok ? "ok" : "FAIL", what);
    failures += !ok;
}

static int ready(int fd, int write, long ms)
{
    fd_set set;
    FD_ZERO(&set);
    FD_SET(fd, &set);
    struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };
    return select(fd + 1, write ? NULL : &set, write ? &set : NULL, NULL, ms < 0 ? NULL : &tv);
}

static void raw(void)
{
    struct termios saved, t;
    check(tcgetattr(0, &saved) == 0 && (saved.c_lflag & ICANON) && (saved.c_lflag & ECHO),
          "the console starts cooked and echoing");
    t = saved;
    t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    check(tcsetattr(0, TCSANOW, &t) == 0, "raw mode set");
    printf("termtest: type three keys\n");
    char keys[4] = { 0 };
    int got = 0;
    for (int i = 0; i < 3; i++)
        got += read(0, &keys[i], 1) == 1;
    check(tcsetattr(0, TCSANOW, &saved) == 0, "cooked mode back");
    printf("termtest: keys %02x %02x %02x\n", keys[0] & 0xff, keys[1] & 0xff, keys[2] & 0xff);
    check(got == 3, "each read returned one key");
}

static void selects(void)
{
    int p[2];
    check(pipe(p) == 0, "a pipe");
    struct tms t;
    clock_t before = times(&t);
    check(ready(p[0], 0, 200) == 0, "an empty pipe is not readable: select times out");
    long ms = (long)(times(&t) - before) * 1000 / sysconf(_SC_CLK_TCK);
    check(ms >= 150 && ms < 2000, "after about the timeout");
    check(ready(p[1], 1, 0) == 1, "its write end is writable");
    check(write(p[1], "x", 1) == 1 && ready(p[0], 0, 0) == 1, "after a write it is readable");
    char c;
    check(read(p[0], &c, 1) == 1 && c == 'x', "and the byte reads back");
    close(p[1]);
    check(ready(p[0], 0, -1) == 1 && read(p[0], &c, 1) == 0, "with the writer gone: readable, end of file");
    close(p[0]);
    check(ready(0, 0, 100) == 0, "the terminal without input times out");
    printf("termtest: type a line\n");
    check(ready(0, 0, -1) == 1, "select on the terminal wakes up for a line");
    char line[64];
    ssize_t n = read(0, line, sizeof line - 1);
    line[n > 0 ? n : 0] = '\0';
    check(n > 0, "and the line reads");
    printf("termtest: line %s", line);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc == 2 && strcmp(argv[1], "raw") == 0)
        raw();
    else if (argc == 2 && strcmp(argv[1], "select") == 0)
        selects();
    else {
        fprintf(stderr, "usage: termtest raw|select\n");
        return 2;
    }
    printf("termtest: done, %d failures\n", failures);
    return failures != 0;
}
