/* The system's name and the machine it runs on, for uname. */
#ifndef _SYS_UTSNAME_H_
#define _SYS_UTSNAME_H_

#define _UTSNAME_LENGTH 32

struct utsname {
    char sysname[_UTSNAME_LENGTH];
    char nodename[_UTSNAME_LENGTH];
    char release[_UTSNAME_LENGTH];
    char version[_UTSNAME_LENGTH];
    char machine[_UTSNAME_LENGTH];
};

int uname(struct utsname *name);

#endif
