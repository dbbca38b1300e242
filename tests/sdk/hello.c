/* An ordinary POSIX program built with the SDK's phoenix-cc (tests/system/test_sdk.py): it says
 * hello with the system's name and its arguments, and tries a file, which needs VFS. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    struct utsname u;
    if (uname(&u) < 0) {
        perror("uname");
        return 1;
    }
    printf("sdk_hello: hello from %s on %s, %d argument%s:", u.sysname, u.machine, argc - 1,
           argc == 2 ? "" : "s");
    for (int i = 1; i < argc; i++)
        printf(" %s", argv[i]);
    printf("\n");
    int fd = open("/etc/motd", O_RDONLY);
    printf("sdk_hello: open: %s\n", fd < 0 ? strerror(errno) : "ok");
    return 0;
}
