/* Kernel-wide constants: table sizes, clock rate, address-space layout. */
#ifndef KERNEL_CONFIG_H
#define KERNEL_CONFIG_H

#include <os/priv.h>

#define HZ                 100          /* clock ticks per second */
#define NR_SCHED_QUEUES    16           /* priority 0 is highest */
#define USER_PRIORITY      8            /* default for ordinary processes */
#define DEFAULT_QUANTUM    5            /* ticks */
#define IDLE_PRIORITY      (NR_SCHED_QUEUES - 1)
#define NR_IRQ_HOOKS       32           /* registered interrupt lines, system-wide */

#define PAGE_SIZE          4096u
#define USER_BASE          0x00001000u  /* page 0 stays unmapped: NULL faults */
#define USER_TOP           0x80000000u  /* user space is [USER_BASE, USER_TOP) on every arch */
#define USER_STACK_TOP     (USER_TOP - PAGE_SIZE)   /* one guard page below the kernel */
#define DEFAULT_STACK_SIZE (64u * 1024u)

#define PAGE_DOWN(a)       ((a) & ~(PAGE_SIZE - 1))
#define PAGE_UP(a)         (((a) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))

#endif
