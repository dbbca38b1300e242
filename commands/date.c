/* date: prints the date and time, in strftime's format if given one ("Thu Jan  1 00:00:00 UTC
 * 1970" by default). Usage: date [-u] [+format]   -u: UTC instead of local time. */
#include <stdio.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
    int utc = 0, i = 1;
    const char *format = "%a %b %e %H:%M:%S %Z %Y";
    if (i < argc && strcmp(argv[i], "-u") == 0) {
        utc = 1;
        i++;
    }
    if (i < argc && argv[i][0] == '+')
        format = argv[i++] + 1;
    if (i < argc) {
        fputs("usage: date [-u] [+format]\n", stderr);
        return 2;
    }
    time_t now = time(NULL);
    if (now == (time_t)-1) {
        perror("date");
        return 1;
    }
    struct tm *tm = utc ? gmtime(&now) : localtime(&now);
    if (!tm) {
        fputs("date: the time cannot be converted\n", stderr);
        return 1;
    }
    char out[512];
    if (strftime(out, sizeof out, format, tm) == 0)
        out[0] = '\0';   /* an empty result, or one too long to be useful */
    puts(out);
    return fflush(stdout) ? 1 : 0;
}
