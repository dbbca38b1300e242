/* A full memory barrier for drivers that share memory with a device: every access before it
 * (to normal and device memory, in the whole system) completes before any after it. */
    .text
    .arm
    .globl arch_dma_barrier
arch_dma_barrier:
    dsb sy
    bx lr
