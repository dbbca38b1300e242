/* How the service command speaks: on standard output from the file system's /bin/service
 * (say_stdio.c), through the log server in the test images that have no VFS (say_log.c). */
#ifndef SERVICE_SAY_H
#define SERVICE_SAY_H

void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void complain(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
