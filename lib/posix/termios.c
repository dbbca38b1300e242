/* Terminal settings and the foreground process group: ioctls on the terminal, whose driver
 * keeps them; the speeds and raw mode are only changes to the caller's struct. */
#include <sys/ioctl.h>
#include <sys/termios.h>
#include <unistd.h>
#include "posix.h"

int tcgetattr(int fd, struct termios *t)
{
    return ioctl(fd, TCGETS, t) < 0 ? -1 : 0;
}

int tcsetattr(int fd, int action, const struct termios *t)
{
    static const unsigned long request[] = {
        [TCSANOW] = TCSETS, [TCSADRAIN] = TCSETSW, [TCSAFLUSH] = TCSETSF,
    };
    if (action < TCSANOW || action > TCSAFLUSH)
        return posix_fail(-EINVAL);
    return ioctl(fd, request[action], t) < 0 ? -1 : 0;
}

/* Setting what is set, once the output has drained. */
int tcdrain(int fd)
{
    struct termios t;
    return tcgetattr(fd, &t) < 0 ? -1 : tcsetattr(fd, TCSADRAIN, &t);
}

pid_t tcgetpgrp(int fd)
{
    int32_t pgrp;
    return ioctl(fd, TIOCGPGRP, &pgrp) < 0 ? -1 : (pid_t)pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
    int32_t p = (int32_t)pgrp;
    return ioctl(fd, TIOCSPGRP, &p) < 0 ? -1 : 0;
}

/* Every byte as it comes, nothing done to input or output, eight bits. */
void cfmakeraw(struct termios *t)
{
    t->c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    t->c_oflag &= ~(tcflag_t)OPOST;
    t->c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    t->c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
    t->c_cflag |= CS8;
    t->c_cc[VMIN] = 1;
    t->c_cc[VTIME] = 0;
}

static int known_speed(speed_t s)
{
    static const speed_t speeds[] = { B0, B50, B75, B110, B134, B150, B200, B300, B600, B1200,
                                      B1800, B2400, B4800, B9600, B19200, B38400, B57600,
                                      B115200, B230400 };
    for (size_t i = 0; i < sizeof speeds / sizeof speeds[0]; i++)
        if (speeds[i] == s)
            return 1;
    return 0;
}

speed_t cfgetispeed(const struct termios *t)
{
    return t->c_ispeed;
}

speed_t cfgetospeed(const struct termios *t)
{
    return t->c_ospeed;
}

int cfsetispeed(struct termios *t, speed_t speed)
{
    if (!known_speed(speed))
        return posix_fail(-EINVAL);
    t->c_ispeed = speed;
    return 0;
}

int cfsetospeed(struct termios *t, speed_t speed)
{
    if (!known_speed(speed))
        return posix_fail(-EINVAL);
    t->c_ospeed = speed;
    return 0;
}

int cfsetspeed(struct termios *t, speed_t speed)
{
    return cfsetispeed(t, speed) < 0 ? -1 : cfsetospeed(t, speed);
}
