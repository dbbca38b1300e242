/* uname: what system this is; "phoenix" where the C library has no uname().
 * Usage: uname [-amnrsv] (system name, node, release, version, machine; -a all) */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#if defined(__has_include)
#if __has_include(<sys/utsname.h>)
#include <sys/utsname.h>
#define HAVE_UNAME 1
#endif
#endif

enum { SYS, NODE, REL, VER, MACH, FIELDS };

static int get(const char *field[FIELDS])
{
#ifdef HAVE_UNAME
    static struct utsname u;
    if (uname(&u) == 0) {
        field[SYS] = u.sysname;
        field[NODE] = u.nodename;
        field[REL] = u.release;
        field[VER] = u.version;
        field[MACH] = u.machine;
        return 0;
    }
    perror("uname");
    return -1;
#else
    field[SYS] = "phoenix";
    field[NODE] = field[REL] = field[VER] = field[MACH] = "unknown";
    return 0;
#endif
}

int main(int argc, char **argv)
{
    int want[FIELDS] = { 0 }, any = 0, c;
    while ((c = getopt(argc, argv, "amnrsv")) != -1) {
        const char *k = strchr("snrvm", c);
        if (c == 'a') {
            for (int i = 0; i < FIELDS; i++)
                want[i] = 1;
        } else if (k) {
            want[k - "snrvm"] = 1;
        } else {
            fputs("usage: uname [-amnrsv]\n", stderr);
            return 2;
        }
        any = 1;
    }
    if (optind < argc) {
        fputs("usage: uname [-amnrsv]\n", stderr);
        return 2;
    }
    if (!any)
        want[SYS] = 1;
    const char *field[FIELDS];
    if (get(field) < 0)
        return 1;
    int first = 1;
    for (int i = 0; i < FIELDS; i++) {
        if (!want[i])
            continue;
        printf("%s%s", first ? "" : " ", field[i]);
        first = 0;
    }
    putchar('\n');
    return fflush(stdout) ? 1 : 0;
}
