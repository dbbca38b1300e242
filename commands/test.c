/* test and [: evaluates an expression of files, strings and integers (commands/lib/testexpr.c);
 * the status is 0 for true, 1 for false, 2 for an error. As "[" the last operand must be "]". */
#include <stdio.h>
#include <string.h>
#include "lib/paths.h"
#include "lib/testexpr.h"

int main(int argc, char **argv)
{
    const char *name = argc > 0 ? base_name(argv[0]) : "test";
    if (strcmp(name, "[") == 0) {
        if (argc < 2 || strcmp(argv[argc - 1], "]") != 0) {
            fputs("[: missing ]\n", stderr);
            return 2;
        }
        argc--;
    }
    return test_eval(name, argc - 1, argv + 1);
}
