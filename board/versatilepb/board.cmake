# QEMU's ARM Versatile/PB with a Cortex-A8 (ARMv7-A, no generic timer, no GIC): its CPU back
# end, its sources, how QEMU runs it.
set(ARCH arm)
set(BOARD_SOURCES ${CMAKE_CURRENT_LIST_DIR}/board.c ${COMMON_DIR}/pl190.c
    ${COMMON_DIR}/sp804.c ${COMMON_DIR}/pl011.c ${BOOT_ARGS_SOURCES})
set(QEMU_SYSTEM qemu-system-arm)   # started only by boot/qemu.py, which adds -nic none
set(QEMU_MACHINE -M versatilepb -cpu cortex-a8 -m 128M -audiodev none,id=snd0)   # no sound: the AACI stays quiet
set(TEST_DISKS if=sd,index=1)  # the card in MMCI1 (the second PL181), for blktest
set(BOOT_METHODS kernel)
set(KERNEL_LOAD 0x00010000)   # where QEMU -kernel puts a raw image: RAM + 64 KiB
set(ROOT_DISK if=sd,index=0)   # the card in MMCI0, the PL181 (drivers/sd serves it)
