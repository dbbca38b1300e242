/* An instruction user mode may not run (port output with IOPL 0), for the fault tests. */
    .text
    .globl arch_privileged_instruction
arch_privileged_instruction:
    movw $0x3F8, %dx
    movb $'!', %al
    outb %al, %dx
    ret

/* An undefined instruction, for the SIGILL tests. */
    .globl arch_illegal_instruction
arch_illegal_instruction:
    ud2
    ret
