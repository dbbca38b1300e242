/* Directory entries for newlib's <dirent.h>, which takes DIR and struct dirent from this header
 * (newlib's own is a stub for targets without directories); lib/posix/dir.c reads them from VFS. */
#ifndef _SYS_DIRENT_H_
#define _SYS_DIRENT_H_

#include <sys/types.h>

#define MAXNAMLEN 255

/* d_type: the usual values, so IFTODT and DTTOIF are shifts of the mode's type bits. */
#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_CHR     2
#define DT_DIR     4
#define DT_BLK     6
#define DT_REG     8
#define DT_LNK     10
#define DT_SOCK    12
#define IFTODT(mode) (((mode) & 0170000) >> 12)
#define DTTOIF(type) ((type) << 12)

struct dirent {
    ino_t d_ino;
    unsigned char d_type;
    char d_name[MAXNAMLEN + 1];
};

/* Opaque: an open directory and the entries VFS gave that were not read yet. */
typedef struct _posix_dir DIR;

#endif
