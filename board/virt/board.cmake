# QEMU's ARM `virt` board with a Cortex-A15: its CPU back end, its sources, how QEMU runs it.
set(ARCH arm)
set(BOARD_SOURCES ${CMAKE_CURRENT_LIST_DIR}/board.c ${COMMON_DIR}/gicv2.c
    ${COMMON_DIR}/generic_timer.c ${COMMON_DIR}/pl011.c ${BOOT_ARGS_SOURCES})
set(QEMU_SYSTEM qemu-system-arm)   # started only by boot/qemu.py, which adds -nic none
set(QEMU_MACHINE -M virt -cpu cortex-a15 -m 128M)
set(TEST_DISKS virtio-blk-device)   # what boot/qemu.py attaches the test disks as
set(BOOT_METHODS kernel uboot)
set(UBOOT_BIOS /usr/lib/u-boot/qemu_arm/u-boot.bin)   # Debian's u-boot-qemu
set(KERNEL_LOAD 0x40010000)   # where QEMU -kernel puts a raw image: RAM + 64 KiB
set(ROOT_DISK virtio-blk-device)   # how boot/qemu.py attaches the root disk (virtio_blk serves it)
