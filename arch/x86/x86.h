/* x86-only helpers shared inside arch/x86 and board/pc: port I/O, control registers,
 * segment selectors, the kernel's place in the address space, the multiboot hand-off. */
#ifndef ARCH_X86_X86_H
#define ARCH_X86_X86_H

#include <stdint.h>

#define KERNEL_BASE    0x80000000u   /* physical memory is mapped here in every address space */
#define DIRECT_MAP_MAX 0x40000000u   /* up to 1 GiB of it */

#define SEL_KCODE 0x08
#define SEL_KDATA 0x10
#define SEL_UCODE (0x18 | 3)
#define SEL_UDATA (0x20 | 3)
#define SEL_TSS   0x28

#define IRQ_VECTOR_BASE 32
#define SYSCALL_VECTOR  0x80

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}
static inline uint16_t inw(uint16_t port)
{
    uint16_t v;
    __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}
static inline uint32_t inl(uint16_t port)
{
    uint32_t v;
    __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}
static inline void outb(uint16_t port, uint8_t v) { __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outw(uint16_t port, uint16_t v) { __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outl(uint16_t port, uint32_t v) { __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port)); }

static inline uint32_t read_cr2(void)
{
    uint32_t v;
    __asm__ volatile("mov %%cr2, %0" : "=r"(v));
    return v;
}
static inline uint32_t read_cr3(void)
{
    uint32_t v;
    __asm__ volatile("mov %%cr3, %0" : "=r"(v));
    return v;
}
static inline void write_cr3(uint32_t v) { __asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory"); }

/* Multiboot (version 1) information, saved by the entry code. */
struct multiboot_info {
    uint32_t flags, mem_lower, mem_upper, boot_device, cmdline, mods_count, mods_addr;
    uint32_t syms[4], mmap_length, mmap_addr;
};
struct multiboot_module {
    uint32_t mod_start, mod_end, string, reserved;
};
#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002u
#define MB_INFO_MEMORY 0x1
#define MB_INFO_MODS   0x8

extern uint32_t x86_multiboot_magic;
extern uint32_t x86_multiboot_info;    /* physical address */
extern char _kernel_start[], _kernel_end[];

#endif
