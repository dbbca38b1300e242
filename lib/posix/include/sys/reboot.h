/* Restarting or powering off the machine (PM_REBOOT; only the superuser may). */
#ifndef _SYS_REBOOT_H_
#define _SYS_REBOOT_H_

#define RB_AUTOBOOT 0x0000   /* restart the machine */
#define RB_POWEROFF 0x4000   /* turn it off */

int reboot(int how);

#endif
