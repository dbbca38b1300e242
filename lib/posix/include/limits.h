/* <limits.h>: the compiler's, and newlib's POSIX limits (PATH_MAX, NAME_MAX, OPEN_MAX...), which
 * the ARM cross compiler's own <limits.h> never reaches. */
#include_next <limits.h>
#include <sys/syslimits.h>
