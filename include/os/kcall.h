/* Kernel calls: requests sent with SENDREC to SYSTEM, one message layout per call.
 * The reply's m_type is OK or a negative error; results come back in the same union. */
#ifndef OS_KCALL_H
#define OS_KCALL_H

#include <os/ipc.h>

enum kernel_call {
    SYS_PRIVCTL = 0x100,  /* set a process's privileges */
    SYS_FORK,             /* copy a process into a free slot (not runnable until SYS_EXEC) */
    SYS_EXEC,             /* set a process's entry point and stack, make it runnable */
    SYS_CLEAR,            /* end a process: cancel its IPC, free its slot */
    SYS_SETGRANT,         /* register the caller's grant table */
    SYS_SAFECOPYFROM,     /* copy from a grant into the caller */
    SYS_SAFECOPYTO,       /* copy from the caller into a grant */
    SYS_DEVIO,            /* one port read or write (x86) */
    SYS_IRQCTL,           /* register, enable, disable an interrupt line */
    SYS_SETALARM,         /* CLOCK notifies the caller after some ticks */
    SYS_TIMES,            /* uptime, a process's ticks, the cycle counter */
    SYS_GETINFO,          /* kernel information */
    SYS_DIAGCTL,          /* print a string on the kernel console */
    SYS_PHYSMAP,          /* map a physical (MMIO) range into the caller */
    SYS_ABORT,            /* power off or reboot the machine */
    SYS_STOP,             /* stop or resume a process */
    SYS_VMCTL,            /* VM: map and unmap pages of any process, take page faults */
    SYS_GETKSIG,          /* PM: the next process with signals from the kernel (exceptions) */
    SYS_ENDKSIG,          /* PM: done with them; the process may run again */
    SYS_SIGSEND,          /* PM: push a signal frame and run a handler */
    SYS_SIGRETURN,        /* PM: restore the context saved in a signal frame */
    SYS_SDEVIO,           /* a run of port reads or writes to or from the caller's memory (x86) */
    SYS_CALL_END
};
#define SYS_CALL_BASE SYS_PRIVCTL
#define NR_SYS_CALLS (SYS_CALL_END - SYS_CALL_BASE)

enum vmctl_op {
    VMCTL_MAP = 1,        /* map [va, va+len) to [pa, pa+len) in target with flags (VMF_*) */
    VMCTL_UNMAP,          /* remove the mappings of [va, va+len) in target */
    VMCTL_CLEAR,          /* remove every user mapping of target (before exec) */
    VMCTL_GETPF,          /* out: target, va (fault address), flags (PF_*) of a pending fault */
    VMCTL_RESUME,         /* target's fault is resolved: retry the access */
    VMCTL_FAULT_SIGNAL,   /* target's fault is not resolvable: it becomes SIGSEGV */
};
#define VMF_WRITE 0x2
#define VMF_EXEC  0x4
#define PF_WRITE  0x1     /* the access was a write */
#define PF_EXEC   0x2     /* an instruction fetch */
#define PF_PROT   0x4     /* the page was mapped but the access not allowed */

enum irq_op { IRQ_SETPOLICY = 1, IRQ_RMPOLICY, IRQ_ENABLE, IRQ_DISABLE };
enum getinfo_what { GET_WHOAMI = 1, GET_LOOKUP, GET_MACHINE, GET_PROC, GET_MEMMAP, GET_BOOTIMG,
                    GET_BOOTENTRY };
/* GET_MEMMAP: up to MEMMAP_MAX struct mem_range, the physical memory left to VM.
 * GET_BOOTIMG: struct mem_range of the boot image. GET_BOOTENTRY: entry `len`'s
 * struct bootimg_entry (buf must hold one). */
#define MEMMAP_MAX 8
#define SDEVIO_MAX 8192   /* bytes per SYS_SDEVIO */
enum abort_how { ABORT_POWEROFF = 1, ABORT_REBOOT };

struct machine_info {
    char arch[8];
    char board[16];
    uint32_t hz;            /* clock ticks per second */
    uint32_t cycles_hz;     /* cycle-counter frequency, 0 if unknown */
    phys_bytes mem_end;       /* first physical byte past the memory the kernel manages */
    phys_bytes mem_free_base; /* first physical byte not used by the kernel or boot processes */
    uint32_t nr_procs;
    uint32_t elf_machine;   /* what programs for this machine say in e_machine */
};

struct proc_info {         /* GET_PROC: one slot, by endpoint or slot number */
    endpoint_t endpoint;
    uint32_t flags;         /* RTS_* of kernel/proc.h: 0x2 sending, 0x4 receiving */
    endpoint_t waits_for;   /* whom it sends to or receives from while blocked, else NONE */
    uint32_t priority;
    uint32_t user_ticks;
    uint32_t sys_ticks;
    char name[16];
};

#define KC_FIELDS(msg, call) (&(msg)->m.call)
_Static_assert(sizeof(struct kc_times) <= MSG_PAYLOAD_BYTES, "kc_times fits in a message");
_Static_assert(sizeof(struct kc_getinfo) <= MSG_PAYLOAD_BYTES, "kc_getinfo fits in a message");

#endif
