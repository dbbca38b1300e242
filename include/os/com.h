/* Well-known boot services and their request codes. The boot services take the first slots
 * after the kernel tasks, in the order of the system description (boot/system.toml). */
#ifndef OS_COM_H
#define OS_COM_H

#include <os/ipc.h>

#define LOG_PROC   ENDPOINT(0, NR_TASKS + 0)   /* the log server is always the first boot process */

#define LOG_WRITE  0x200   /* m.log: text to print; reply OK */

#endif
