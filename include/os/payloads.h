/* The payloads a message can carry: notifications, log text, and one layout per kernel call.
 * Only fixed-width fields, so every architecture agrees on the layout. */
#ifndef OS_PAYLOADS_H
#define OS_PAYLOADS_H

#include <os/types.h>

#define MSG_PAYLOAD_BYTES 56

struct notify_payload {
    uint64_t timestamp;     /* kernel uptime in ticks at delivery */
    uint32_t irq_pending;   /* from HARDWARE: bit per registered IRQ hook */
    uint32_t sig_pending;   /* from SYSTEM: reserved for signals */
};

struct log_payload {        /* LOG_WRITE to the log server */
    uint32_t len;
    char text[MSG_PAYLOAD_BYTES - 4];
};

struct log_grant_payload {  /* LOG_WRITE_GRANT: a bad buffer is the server's EFAULT, not a crash */
    grant_id_t grant;
    uint32_t len;
};

struct kc_privctl  { endpoint_t target; vir_bytes desc; };          /* desc: struct priv_desc in caller */
struct kc_fork     { endpoint_t parent; endpoint_t child; };        /* child: out */
struct kc_exec     { endpoint_t target; vir_bytes pc; vir_bytes sp; char name[16]; };
struct kc_clear    { endpoint_t target; };
struct kc_setgrant { vir_bytes table; uint32_t count; };
struct kc_safecopy { endpoint_t granter; grant_id_t grant; vir_bytes offset; vir_bytes addr; vir_bytes len; };
struct kc_devio    { uint32_t port; uint32_t value; uint32_t width; uint32_t write; }; /* value: in/out */
struct kc_sdevio   { uint32_t port; uint32_t width; uint32_t write; vir_bytes buf; uint32_t len; };
struct kc_irqctl   { uint32_t op; uint32_t irq; uint32_t hook; };   /* hook: bit in irq_pending */
struct kc_setalarm { uint32_t ticks; uint32_t remaining; };         /* ticks 0 cancels; remaining: out */
struct kc_times    { endpoint_t target; uint32_t user_ticks; uint32_t sys_ticks;
                     uint32_t hz; uint64_t uptime; uint64_t cycles; };
struct kc_getinfo  { uint32_t what; vir_bytes buf; uint32_t len; endpoint_t result; char name[16]; };
struct kc_diagctl  { vir_bytes buf; uint32_t len; };
struct kc_physmap  { phys_bytes phys; vir_bytes vaddr; uint32_t len; };
struct kc_abort    { uint32_t how; };
struct kc_stop     { endpoint_t target; uint32_t stop; };
struct kc_vmctl    { uint32_t op; endpoint_t target; vir_bytes va; phys_bytes pa; uint32_t len;
                     uint32_t flags; };                              /* see enum vmctl_op */
struct kc_ksig     { endpoint_t target; uint32_t sigs; };           /* GETKSIG out, ENDKSIG in */
struct kc_sigsend  { endpoint_t target; vir_bytes handler; vir_bytes restorer; uint32_t signo;
                     uint32_t mask; vir_bytes frame; };             /* frame: out */
struct kc_sigreturn { endpoint_t target; vir_bytes frame; uint32_t mask; }; /* mask: out */

/* Server requests (include/os/com.h). */
struct pm_payload {
    int32_t pid;           /* also: status for PM_EXIT, how for PM_SIGPROCMASK and PM_REBOOT */
    int32_t arg;           /* options, sig, pgid, seconds, argc, uid, gid, index */
    uint32_t set;          /* signal set, envc */
    vir_bytes handler;     /* also: frame for PM_SIGRETURN */
    vir_bytes restorer;
    uint32_t flags;
    grant_id_t grant;
    uint32_t len;
    int32_t out[6];        /* results: status, ppid, ticks, ids, endpoint */
};
struct vm_payload {
    endpoint_t target;     /* also: parent for VM_FORK */
    endpoint_t child;
    vir_bytes addr;
    uint32_t len;
    uint32_t prot;
    uint32_t flags;
    grant_id_t grant;
    vir_bytes pc, sp;      /* VM_EXEC results */
    char name[16];         /* VM_EXEC: the program in the boot image, or the new name */
    phys_bytes phys;       /* VM_DMA_ALLOC result: the physical address of addr */
};
struct ds_payload {
    char key[32];
    uint32_t type;
    uint32_t flags;
    uint32_t value;        /* DS_U32 value, DS_LOOKUP endpoint */
    grant_id_t grant;
    uint32_t len;
    uint32_t pad;
};
struct dev_payload {
    uint32_t minor;
    uint32_t access;       /* DEV_ACCESS_*, for open */
    uint64_t pos;
    grant_id_t grant;      /* made by the caller for the driver */
    uint32_t count;
    uint32_t request;      /* ioctl request; DEV_SELECT: SEL_* bits */
    uint32_t id;           /* the caller's name for the request, echoed in every answer */
    uint32_t flags;        /* DEV_ASYNC */
};
struct pci_payload {
    uint32_t bdf;
    uint32_t vendor, device;
    uint32_t class_code;
    uint32_t class_mask;
    uint32_t index;        /* PCI_FIND: matches to skip; PCI_BAR: which BAR */
    uint32_t offset, width;
    uint32_t value;        /* config value, BAR base */
    uint32_t size;         /* BAR size in bytes */
    uint32_t flags;        /* PCI_BAR_IO */
    uint32_t irq;
};
struct rs_payload {
    char label[16];
    grant_id_t grant;
    uint32_t len;
};

#endif
