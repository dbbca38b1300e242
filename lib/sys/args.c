/* Reading boot arguments: the boot image passes other processes' endpoints as decimal numbers. */
#include <libsys.h>

endpoint_t arg_endpoint(int argc, char **argv, int i)
{
    if (i >= argc || !argv[i][0])
        return NONE;
    int v = 0;
    for (const char *s = argv[i]; *s; s++) {
        if (*s < '0' || *s > '9')
            return NONE;
        v = v * 10 + (*s - '0');
    }
    return v;
}
