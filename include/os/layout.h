/* The user address space, the same on every architecture: what the kernel, VM, PM and the
 * C library agree on. */
#ifndef OS_LAYOUT_H
#define OS_LAYOUT_H

#define PAGE_SIZE          4096u
#define USER_BASE          0x00001000u  /* page 0 stays unmapped: NULL faults */
#define USER_TOP           0x80000000u  /* user space is [USER_BASE, USER_TOP) */
#define USER_STACK_TOP     (USER_TOP - PAGE_SIZE)   /* one guard page below the kernel */

#define PAGE_DOWN(a)       ((a) & ~(PAGE_SIZE - 1))
#define PAGE_UP(a)         (((a) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))

#endif
