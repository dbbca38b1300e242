/* The boot image: the boot processes, services and programs packed by boot/mkbootimg.py,
 * with their privileges; little-endian on every board. */
#ifndef OS_BOOTIMG_H
#define OS_BOOTIMG_H

#include <os/priv.h>

#define BOOTIMG_MAGIC   0x544f4f42u   /* "BOOT" */
#define BOOTIMG_VERSION 7

struct bootimg_header {
    uint32_t magic;
    uint32_t version;
    uint32_t count;
    uint32_t total_size;
};

#define BOOT_START   0x1   /* the kernel starts it at boot, with these privileges */
#define BOOT_SERVICE 0x2   /* RS starts it, with these privileges: the service policy */
#define BOOT_ONCE    0x4   /* with BOOT_SERVICE: run once, never restart (a test, a job) */
#define BOOT_RECOVERY 0x8  /* with BOOT_SERVICE: after a failure RS runs /etc/rs/<name> */
/* Neither: a program that exec can load from the image. */

struct bootimg_entry {
    char name[16];
    uint32_t offset;   /* of the ELF file, from the start of the image */
    uint32_t size;
    uint32_t stack_size;   /* 0: the default */
    uint32_t flags;        /* BOOT_* */
    char args[64];         /* arguments after the name, separated by spaces */
    struct priv_desc priv;
    char after[16];        /* services: RS starts this one once that one has ended */
    char ipc_labels[64];   /* services: the services it may send to, by label */
    uint32_t max_restarts; /* services: give up after this many restarts after failures;
                            * 0: never give up */
    uint32_t memory_kib;   /* services: the most heap, mappings and DMA memory VM gives it;
                            * 0: no limit */
};

_Static_assert(sizeof(struct priv_desc) == 116, "boot/mkbootimg.py packs priv_desc in 116 bytes");
_Static_assert(sizeof(struct bootimg_entry) == 300, "boot/mkbootimg.py packs entries in 300 bytes");

#endif
