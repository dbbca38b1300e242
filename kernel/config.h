/* Kernel-wide constants: table sizes, clock rate, address-space layout. */
#ifndef KERNEL_CONFIG_H
#define KERNEL_CONFIG_H

#include <os/priv.h>
#include <os/layout.h>

#define HZ                 100          /* clock ticks per second */
#define NR_SCHED_QUEUES    16           /* priority 0 is highest */
#define USER_PRIORITY      8            /* default for ordinary processes */
#define DEFAULT_QUANTUM    5            /* ticks */
#define IDLE_PRIORITY      (NR_SCHED_QUEUES - 1)
#define NR_IRQ_HOOKS       32           /* registered interrupt lines, system-wide */

#define DEFAULT_STACK_SIZE (64u * 1024u)


#endif
