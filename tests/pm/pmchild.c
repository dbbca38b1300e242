/* pmchild: exec'ed by pmtest; checks its arguments and environment and exits with 3. */
#include <libsys.h>
#include "../../lib/common/string.h"

int main(int argc, char **argv, char **envp)
{
    int ok = argc == 2 && strcmp(argv[1], "hello") == 0 && envp[0] && strcmp(envp[0], "HOME=/") == 0;
    log_printf("pmchild: argc %d, argv[1] %s, envp[0] %s\n", argc, argc > 1 ? argv[1] : "-",
               envp[0] ? envp[0] : "-");
    return ok ? 3 : 4;
}
