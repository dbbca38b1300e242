/* A file's data copied to another file, for cp and for mv between file systems. */
#ifndef COMMANDS_COPYFILE_H
#define COMMANDS_COPYFILE_H

#include <sys/types.h>

/* What copy_file_data returns when it fails, after saying "prog: path: why". */
enum {
    COPY_NOTHING = 1,           /* dst was not opened: it is as it was */
    COPY_PART = 2,              /* dst was made or truncated and may hold part of the data */
};
/* Copies src's data into dst, created with mode if it is new and truncated if not; 0 when
 * all of it is there. */
int copy_file_data(const char *prog, const char *src, const char *dst, mode_t mode);

#endif
