/* The IPC trap for ARM: r0 = primitive, r1 = endpoint, r2 = message; result in r0. */
    .text
    .arm
    .globl ipc_trap
ipc_trap:
    svc #0
    bx lr
