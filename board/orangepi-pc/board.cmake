# The Orange Pi PC (Allwinner H3, four Cortex-A7, GIC-400; QEMU emulates one core): its CPU
# back end, its sources, how QEMU runs it.
set(ARCH arm)
set(KERNEL_LOAD 0x40010000)   # where QEMU -kernel puts a raw image: RAM + 64 KiB
set(BOARD_SOURCES ${CMAKE_CURRENT_LIST_DIR}/board.c ${COMMON_DIR}/gicv2.c
    ${COMMON_DIR}/generic_timer.c ${COMMON_DIR}/ns16550.c ${BOOT_ARGS_SOURCES})
set(QEMU_SYSTEM qemu-system-arm)   # started only by boot/qemu.py, which adds -nic none
set(QEMU_MACHINE -M orangepi-pc -m 1G)   # the board's 1 GiB, the most QEMU's H3 takes
set(ROOT_DISK if=sd,index=0)   # the card in mmc0 (drivers/sd serves it)
set(TEST_DISKS)                # none: mmc0 holds one card, the root disk
# kernel first: every boot image goes by it (the tests, make bench), and QEMU answers its PSCI
# power-off. sdcard: the boot ROM loads the SPL from the card, as on the board; after it
# poweroff cannot end QEMU 7.2 (docs/boards.md), so only the tests of every method use it.
set(BOOT_METHODS kernel sdcard)
set(RUN_METHOD sdcard)   # make run and make debug boot the card
set(SD_LOADER /usr/lib/u-boot/orangepi_plus/u-boot-sunxi-with-spl.bin)   # Debian's u-boot-sunxi (H3)
