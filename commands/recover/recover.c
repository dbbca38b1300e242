/* recover: RS runs it as `recover LABEL REASON RESTARTS` when a service whose policy says
 * `recovery` fails; it runs the shell script /etc/rs/LABEL with those arguments, its output
 * on the console. It lives in the boot image, as RS can start only boot-image programs. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char *const script_env[] = { "PATH=/bin:/sbin", "HOME=/", NULL };

int main(int argc, char **argv)
{
    int fd = open("/dev/console", O_RDWR);
    if (fd >= 0) {
        for (int i = 0; i < 3; i++)
            if (fd != i)
                dup2(fd, i);
        if (fd > 2)
            close(fd);
    }
    if (argc != 4 || strchr(argv[1], '/') || strlen(argv[1]) > 15) {
        fprintf(stderr, "usage: recover LABEL REASON RESTARTS (run by RS)\n");
        return 2;
    }
    char script[32];
    snprintf(script, sizeof script, "/etc/rs/%s", argv[1]);
    char *args[] = { "sh", script, argv[1], argv[2], argv[3], NULL };
    execve("/bin/sh", args, script_env);
    fprintf(stderr, "recover: cannot run /bin/sh for %s\n", script);
    return 127;
}
