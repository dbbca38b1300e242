/* The message and the IPC primitives: the one interface between every process and the kernel.
 * A message is 64 bytes with the same layout on every architecture. */
#ifndef OS_IPC_H
#define OS_IPC_H

#include <os/types.h>
#include <os/payloads.h>
#include <os/fs.h>

/* Slot and generation make an endpoint; a restarted process gets a new generation. */
#define ENDPOINT_SLOTS   1024
#define ENDPOINT(gen, slot) ((endpoint_t)((gen) * ENDPOINT_SLOTS + (slot)))
#define ENDPOINT_SLOT(e)  ((int)((e) % ENDPOINT_SLOTS))
#define ENDPOINT_GEN(e)   ((int)((e) / ENDPOINT_SLOTS))
#define ENDPOINT_MAX_GEN  (0x7fffffff / ENDPOINT_SLOTS - 1)

#define ANY   ((endpoint_t)-1)   /* RECEIVE from anyone */
#define NONE  ((endpoint_t)-2)   /* nobody */
#define SELF  ((endpoint_t)-3)   /* the caller, in kernel calls */

/* The kernel tasks have fixed slots, generation 0. */
#define CLOCK     ENDPOINT(0, 0)   /* timers and alarms */
#define SYSTEM    ENDPOINT(0, 1)   /* kernel calls: SENDREC to SYSTEM */
#define HARDWARE  ENDPOINT(0, 2)   /* source of interrupt notifications */
#define NR_TASKS  3

/* IPC primitives, the trap number in the first argument register. */
#define IPC_SEND     1
#define IPC_RECEIVE  2
#define IPC_SENDREC  3
#define IPC_NOTIFY   4
#define IPC_SENDNB   5
#define IPC_NR_CALLS 6

/* Bit for each primitive in a privilege's trap mask. */
#define TRAP_BIT(call) (1u << (call))
#define TRAPS_ALL  (TRAP_BIT(IPC_SEND) | TRAP_BIT(IPC_RECEIVE) | TRAP_BIT(IPC_SENDREC) | \
                    TRAP_BIT(IPC_NOTIFY) | TRAP_BIT(IPC_SENDNB))
#define TRAPS_USER TRAP_BIT(IPC_SENDREC)

/* m_type of a notification; the payload says what it carries. */
#define NOTIFY_MESSAGE 0x1000

typedef struct {
    endpoint_t m_source;    /* filled in by the kernel */
    int32_t m_type;         /* request code, or reply status */
    union {
        uint32_t u32[MSG_PAYLOAD_BYTES / 4];
        int32_t i32[MSG_PAYLOAD_BYTES / 4];
        uint8_t bytes[MSG_PAYLOAD_BYTES];
        struct notify_payload notify;
        struct log_payload log;
        struct log_grant_payload log_grant;
        struct kc_privctl privctl;
        struct kc_fork fork;
        struct kc_exec exec;
        struct kc_clear clear;
        struct kc_setgrant setgrant;
        struct kc_safecopy safecopy;
        struct kc_devio devio;
        struct kc_sdevio sdevio;
        struct kc_irqctl irqctl;
        struct kc_setalarm setalarm;
        struct kc_times times;
        struct kc_getinfo getinfo;
        struct kc_diagctl diagctl;
        struct kc_physmap physmap;
        struct kc_abort abort;
        struct kc_stop stop;
        struct kc_vmctl vmctl;
        struct kc_ksig ksig;
        struct kc_sigsend sigsend;
        struct kc_sigreturn sigreturn;
        struct pm_payload pm;
        struct vm_payload vm;
        struct ds_payload ds;
        struct rs_payload rs;
        struct pci_payload pci;
        struct dev_payload dev;
        struct vfs_payload vfs;
        struct fs_payload fs;
    } m;
} message;

_Static_assert(sizeof(message) == 64, "messages are 64 bytes on every architecture");

#endif
