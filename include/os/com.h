/* The boot services: their fixed endpoints and the request codes of each. The kernel starts
 * them first, in this order (boot/system.toml must agree; mkbootimg.py checks it).
 * Every request is a SENDREC; the reply's m_type is a result >= 0 or a negative error. */
#ifndef OS_COM_H
#define OS_COM_H

#include <os/ipc.h>

#define LOG_PROC   ENDPOINT(0, NR_TASKS + 0)   /* prints for everyone until the tty exists */
#define PM_PROC    ENDPOINT(0, NR_TASKS + 1)   /* processes and signals */
#define VM_PROC    ENDPOINT(0, NR_TASKS + 2)   /* memory */
#define RS_PROC    ENDPOINT(0, NR_TASKS + 3)   /* starts, watches and restarts services */
#define DS_PROC    ENDPOINT(0, NR_TASKS + 4)   /* data store and naming */
#define VFS_PROC   ENDPOINT(0, NR_TASKS + 5)   /* files: include/os/fs.h */
#define NR_BOOT_SERVERS 6

/* Log server. */
#define LOG_WRITE  0x200   /* m.log: text to print */
#define LOG_WRITE_GRANT 0x201 /* m.log_grant: text in the caller's grant; reply: bytes taken */

/* Process manager (m.pm). pid fields are process ids, not endpoints. */
enum pm_call {
    PM_FORK = 0x300,   /* reply: child's pid to the parent, 0 to the child */
    PM_EXIT,           /* status; no reply */
    PM_WAITPID,        /* pid, options (WNOHANG); reply: pid, status */
    PM_EXEC,           /* grant to [path\0 argv strings\0... envp strings\0...], len, argc, envc */
    PM_GETPID,         /* reply: pid, ppid */
    PM_KILL,           /* pid (0: own group, -n: group n), sig */
    PM_SIGACTION,      /* sig, handler, mask, flags, restorer; reply: the old handler, mask, flags */
    PM_SIGPROCMASK,    /* how, set; reply: the old set */
    PM_SIGSUSPEND,     /* set; returns -EINTR once a handler ran */
    PM_SIGPENDING,     /* reply: set */
    PM_SIGRETURN,      /* frame: the signal frame address; no reply, the context is restored */
    PM_ALARM,          /* seconds; reply: seconds left of the previous alarm */
    PM_TIMES,          /* reply: user, sys, child user, child sys ticks, uptime ticks */
    PM_SETSID,         /* reply: the new session id */
    PM_GETSID,         /* pid */
    PM_SETPGID,        /* pid, pgid */
    PM_GETPGID,        /* pid */
    PM_GETUID,         /* reply: uid, euid, gid, egid */
    PM_SETUID,         /* uid */
    PM_SETGID,         /* gid */
    PM_SPAWN,          /* RS only: name, args grant; reply: endpoint, pid; the child waits stopped */
    PM_GETSIGS,        /* system processes: reply: pending signals (they get a notification) */
    PM_PROCINFO,       /* index (slot), grant to a struct pm_procinfo; for ps */
    PM_REBOOT,         /* how: ABORT_POWEROFF or ABORT_REBOOT */
    PM_VFS_EVENT,      /* VFS only: the next fork, exit or exec (m.vfs as in VFS_PM_FORK, _EXIT,
                        * _EXEC); reply: its VFS_PM_* type, or -ENOENT when there is none */
    PM_EXEC_READY,     /* VFS only: the VFS_PM_EXEC's file is read (m.vfs: arg, fd: status,
                        * grant, len as VFS_PM_EXEC's reply); reply: the exec's outcome */
    PM_EUID_OF,        /* arg: an endpoint; reply: its effective uid, so a server can keep a
                        * call for root (RS_UP, RS_DOWN, RS_RESTART, RS_FI) */
    PM_CALL_END
};

/* Memory manager (m.vm). */
enum vm_call {
    VM_BRK = 0x400,    /* addr; reply: OK; -ENOMEM leaves the break where it was */
    VM_MMAP,           /* len, prot, flags (anonymous, private); reply: addr in m.vm.addr */
    VM_MUNMAP,         /* addr, len */
    VM_INFO,           /* reply: total and free pages */
    VM_EXEC,           /* PM only: target, name, grant to the initial stack, len; reply: pc, sp.
                        * flags VM_EXEC_FILE: the program is not the boot image's `name` but
                        * a file in grant `addr` (of `prot` bytes) made by endpoint `child` */
    VM_FORK,           /* PM only: parent, child: copy-on-write copy of the address space */
    VM_EXIT,           /* PM only: target: free its memory */
    VM_FLIPBIT,        /* addr, len: flips bit len % 8 of the caller's own byte at addr, even in
                        * its read-only text (fault injection); refused on shared frames */
    VM_DMA_ALLOC,      /* len; reply: addr, phys: physically contiguous zeroed pages, mapped
                        * read-write; kept until the process ends, never shared by fork */
    VM_SETLIMIT,       /* RS only: target, len: the most bytes of heap, mappings and DMA memory
                        * the target may have (0: no limit); reply: OK, -ENOMEM if it has more */
    VM_CALL_END
};

#define VM_EXEC_FILE 0x1

/* Data store (m.ds). Keys up to DS_KEY_MAX - 1 bytes; strings and blobs travel by grant. */
enum ds_call {
    DS_PUBLISH = 0x500,   /* key, type, flags (DSF_*), value (u32) or grant + len */
    DS_RETRIEVE,          /* key, type; value (u32) or grant + len; reply: the length */
    DS_DELETE,            /* key */
    DS_SUBSCRIBE,         /* key: a glob pattern (* and ?); DS notifies on every change */
    DS_CHECK,             /* reply: a changed key matching a subscription, or -ENOENT */
    DS_LOOKUP,            /* key: a label; reply: its endpoint in m.ds.value */
    DS_CALL_END
};
#define DS_KEY_MAX    32
#define DS_VALUE_MAX  1024
enum ds_type { DS_U32 = 1, DS_STRING, DS_BLOB, DS_LABEL };
#define DSF_PRIVATE   0x1   /* only the publisher's label may retrieve it, also after a restart */
#define DSF_OVERWRITE 0x2

/* Reincarnation server (m.rs). */
enum rs_call {
    RS_INIT_DONE = 0x600, /* a service has initialised; reply OK */
    RS_UP,                /* label: start a service of the policy */
    RS_DOWN,              /* label: stop it, do not restart */
    RS_RESTART,           /* label: stop and start it again */
    RS_LIST,              /* grant to struct rs_status[], len; reply: how many */
    RS_STATUS,            /* label, grant to one struct rs_status */
    RS_FI,                /* label, len: a FI_* kind: inject that fault into the service (now,
                           * or once it next waits for a message); EBUSY: one still waits */
    RS_ALIVE,             /* a service answers RS's heartbeat notification; reply: OK, or
                           * FI_INJECT with a fault that waited for it (servers/rs/fault.c) */
    RS_CALL_END
};

/* Fault injection: RS sends a running service FI_INJECT (m.rs.len: the kind, m.rs.grant: a
 * random seed); lib/sys's message loops make the fault happen inside it (lib/sys/fi.c). */
#define FI_INJECT 0x6f0
enum fi_kind { FI_PANIC = 1, FI_NULL, FI_WILD, FI_KERNEL, FI_LOOP, FI_BITFLIP, FI_BADIPC,
               FI_LEAK, FI_LIE, FI_MISDIRECT, FI_KINDS };

/* Device drivers (m.dev), through lib/driver: block devices take byte positions that are
 * multiples of their block size; character devices ignore the position. */
enum dev_call {
    DEV_OPEN = 0x800,     /* minor, access */
    DEV_CLOSE,            /* minor */
    DEV_READ,             /* minor, pos, grant (write access for the driver), count; reply: bytes */
    DEV_WRITE,            /* minor, pos, grant (read access), count; reply: bytes */
    DEV_IOCTL,            /* minor, request, grant */
    DEV_SELECT,           /* minor, request: SEL_* wanted; reply: SEL_* ready now */
    DEV_CANCEL,           /* id: drop a waiting request; reply OK, or -ENOENT if it ended */
    DEV_STATUS,           /* reply: one ended request (id, its status in m_type), or -ENOENT */
    DEV_CALL_END
};
/* A caller that must not block (VFS) sets DEV_ASYNC: a read, write, ioctl or select that
 * cannot finish at once is answered -ESUSPEND; when it ends the driver notifies the caller,
 * which collects the result with DEV_STATUS. Without the flag the answer just comes later. */
#define DEV_ASYNC 0x1
#define SEL_RD  0x1
#define SEL_WR  0x2
#define SEL_ERR 0x4
#define DEV_ACCESS_READ  0x1
#define DEV_ACCESS_WRITE 0x2

/* The PCI bus service `pci` (m.pci): the devices it found at start-up through configuration
 * mechanism #1. Any process whose policy may send to it may ask, also for config writes: a
 * driver's policy names pci only if it drives PCI devices. bdf is bus << 8 | device << 3 |
 * function; class is class << 16 | subclass << 8 | programming interface. */
enum pci_call {
    PCI_FIND = 0xb00,     /* vendor, device (PCI_ANY matches all), class under class_mask,
                           * index: how many matches to skip; reply: bdf, vendor, device,
                           * class, irq (the interrupt line, PCI_NO_IRQ if none) */
    PCI_BAR,              /* bdf, index: BAR 0-5; reply: value (base), size, flags (PCI_BAR_IO);
                           * -ENOENT if the BAR is not used */
    PCI_READ,             /* bdf, offset, width (1, 2, 4; offset a multiple); reply: value */
    PCI_WRITE,            /* bdf, offset, width, value */
    PCI_CALL_END
};
#define PCI_ANY    0xffffu
#define PCI_NO_IRQ 0xffu
#define PCI_BAR_IO 0x1    /* an I/O port range; else memory */

struct rs_status {
    char label[16];
    endpoint_t endpoint;   /* NONE while down */
    int32_t pid;
    uint32_t restarts;
    uint32_t state;        /* RS_STATE_* */
    uint32_t backoff_ticks;
};
enum rs_state { RS_STATE_DOWN, RS_STATE_STARTING, RS_STATE_RUNNING, RS_STATE_BACKOFF, RS_STATE_FAILED,
                RS_STATE_RECOVERING /* its recovery script runs */ };

struct pm_procinfo {
    int32_t pid, ppid, pgid, sid;
    endpoint_t endpoint;
    uint32_t state;         /* 0 free, 1 alive, 2 zombie */
    uint32_t user_ticks, sys_ticks;
    char name[16];
};

#endif
