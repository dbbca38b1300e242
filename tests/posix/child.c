/* posix_child: what the exec tests run. argv[1] says what to check; the exit code is the answer
 * (40 + what was checked when it all held, 1 otherwise), so the parent's wait status tells. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv, char **envp)
{
    if (argc < 2)
        return 1;
    if (strcmp(argv[1], "args") == 0)   /* posix_child args two "three words" */
        return argc == 4 && strcmp(argv[2], "two") == 0 && strcmp(argv[3], "three words") == 0 ? 41 : 1;
    if (strcmp(argv[1], "env") == 0) {  /* environment: POSIX_TEST=yes and SECOND=2, both ways */
        const char *v = getenv("POSIX_TEST"), *w = getenv("SECOND");
        int from_envp = envp[0] != NULL && environ == envp;
        return v && strcmp(v, "yes") == 0 && w && strcmp(w, "2") == 0 && from_envp ? 42 : 1;
    }
    if (strcmp(argv[1], "noenv") == 0)
        return environ && environ[0] == NULL && getenv("POSIX_TEST") == NULL ? 43 : 1;
    if (strcmp(argv[1], "ids") == 0)    /* exec keeps the pid and the parent */
        return argc == 4 && atoi(argv[2]) == getpid() && atoi(argv[3]) == getppid() ? 44 : 1;
    return 1;
}
