# The Orange Pi PC (Allwinner H3, four Cortex-A7, GIC-400; QEMU emulates one core): its CPU
# back end, its sources, how QEMU runs it.
set(ARCH arm)
set(BOARD_SOURCES ${CMAKE_CURRENT_LIST_DIR}/board.c
    ${CMAKE_SOURCE_DIR}/board/common/gicv2.c ${CMAKE_SOURCE_DIR}/board/common/generic_timer.c
    ${CMAKE_SOURCE_DIR}/board/common/ns16550.c ${CMAKE_SOURCE_DIR}/board/common/boot_args.c
    ${CMAKE_SOURCE_DIR}/board/common/fdt_boot.c ${CMAKE_SOURCE_DIR}/board/common/atag_boot.c
    ${CMAKE_SOURCE_DIR}/lib/common/fdt.c)
set(QEMU_SYSTEM qemu-system-arm)
set(QEMU_MACHINE -M orangepi-pc -m 1G)   # the board's 1 GiB, the most QEMU's H3 takes
set(TEST_DISKS)                # none: the H3's first MMC slot holds one card, the root disk
set(BOOT_METHODS kernel)
set(KERNEL_LOAD 0x40010000)   # where QEMU -kernel puts a raw image: RAM + 64 KiB
set(ROOT_DISK if=sd,index=0)   # the card in mmc0 (drivers/sd serves it)
