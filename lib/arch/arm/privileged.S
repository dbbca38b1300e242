/* An instruction user mode may not run (reading the system control register), for the
 * fault tests. */
    .text
    .arm
    .globl arch_privileged_instruction
arch_privileged_instruction:
    mrc p15, 0, r0, c1, c0, 0
    bx lr

/* An undefined instruction, for the SIGILL tests. */
    .globl arch_illegal_instruction
arch_illegal_instruction:
    udf #0
    bx lr
