/* A full memory barrier for drivers that share memory with a device: every load and store
 * before it is done before any after it. A locked instruction, since i386 has no mfence. */
    .text
    .globl arch_dma_barrier
arch_dma_barrier:
    lock orl $0, (%esp)
    ret
