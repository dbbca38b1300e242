/* echo: prints its arguments separated by spaces (commands/lib/echo.c, which the shell's
 * builtin uses too). Usage: echo [-neE] [arg...] */
#include <stdio.h>
#include "lib/echo.h"

int main(int argc, char **argv)
{
    echo_args(argc, argv);
    return fflush(stdout) ? 1 : 0;
}
