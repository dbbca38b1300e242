/* uptime: how long the system has run, in seconds with hundredths (the kernel's clock ticks). */
#include <stdio.h>
#include <sys/times.h>
#include <unistd.h>

int main(void)
{
    struct tms t;
    long ticks = (long)times(&t), hz = sysconf(_SC_CLK_TCK);
    if (ticks < 0 || hz <= 0) {
        perror("uptime");
        return 1;
    }
    printf("up %ld.%02ld s\n", ticks / hz, (ticks % hz) * 100 / hz);
    return 0;
}
