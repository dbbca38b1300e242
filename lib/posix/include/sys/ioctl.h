/* ioctl and the requests devices understand; the numbers and argument layouts are those of
 * include/os/fs.h, which lib/posix/ioctl.c checks them against. */
#ifndef _SYS_IOCTL_H_
#define _SYS_IOCTL_H_

#include <sys/termios.h>

#define TCGETS      0x5401   /* struct termios out */
#define TCSETS      0x5402   /* struct termios in, now */
#define TCSETSW     0x5403   /* after output drains */
#define TCSETSF     0x5404   /* after output drains, pending input discarded */
#define TIOCGPGRP   0x540f   /* int (pid_t) out: the terminal's foreground process group */
#define TIOCSPGRP   0x5410   /* int in */
#define TIOCGWINSZ  0x5413   /* struct winsize out */
#define DIOCGETSIZE 0x6401   /* block devices: unsigned long long bytes out */

struct winsize {
    unsigned short ws_row;
    unsigned short ws_col;
    unsigned short ws_xpixel;
    unsigned short ws_ypixel;
};

int ioctl(int fd, unsigned long request, ...);

#endif
