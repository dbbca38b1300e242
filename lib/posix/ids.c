/* Users, groups, process groups and sessions: PM keeps them all. */
#include <errno.h>
#include <unistd.h>
#include "posix.h"

/* out[0..3]: uid, euid, gid, egid; -1 cast to the type if PM cannot be asked. */
static int32_t id(int which)
{
    message m = { 0 };
    return posix_call(PM_PROC, PM_GETUID, &m) < 0 ? -1 : m.m.pm.out[which];
}

uid_t getuid(void) { return (uid_t)id(0); }
uid_t geteuid(void) { return (uid_t)id(1); }
gid_t getgid(void) { return (gid_t)id(2); }
gid_t getegid(void) { return (gid_t)id(3); }

static int set_id(int type, int32_t value)
{
    message m = { 0 };
    m.m.pm.arg = value;
    return posix_call(PM_PROC, type, &m) < 0 ? -1 : 0;
}

int setuid(uid_t uid) { return set_id(PM_SETUID, (int32_t)uid); }
int setgid(gid_t gid) { return set_id(PM_SETGID, (int32_t)gid); }

pid_t setsid(void)
{
    message m = { 0 };
    return posix_call(PM_PROC, PM_SETSID, &m);
}

pid_t getsid(pid_t pid)
{
    message m = { 0 };
    m.m.pm.pid = pid;
    return posix_call(PM_PROC, PM_GETSID, &m);
}

int setpgid(pid_t pid, pid_t pgid)
{
    message m = { 0 };
    m.m.pm.pid = pid;
    m.m.pm.arg = pgid;
    return posix_call(PM_PROC, PM_SETPGID, &m) < 0 ? -1 : 0;
}

pid_t getpgid(pid_t pid)
{
    message m = { 0 };
    m.m.pm.pid = pid;
    return posix_call(PM_PROC, PM_GETPGID, &m);
}

pid_t getpgrp(void)
{
    return getpgid(0);
}
