# The PC board (QEMU `pc`): its CPU back end, its sources, and how QEMU runs it.
set(ARCH x86)
set(BOARD_SOURCES ${CMAKE_CURRENT_LIST_DIR}/board.c)
set(QEMU_SYSTEM qemu-system-i386)   # started only by boot/qemu.py, which adds -nic none
set(QEMU_MACHINE -M pc -cpu qemu32,+nx -m 128M)
# What boot/qemu.py attaches the test disks as: a legacy virtio disk in PCI slot 3 and the
# primary IDE master.
set(TEST_DISKS virtio-blk-pci,disable-modern=on,addr=3 ide-hd,bus=ide.0)
set(BOOT_METHODS multiboot iso)
set(KERNEL_LOAD 0x100000)   # 1 MiB, above the PC's low memory holes
set(ROOT_DISK ide-hd,bus=ide.0,unit=1)   # how boot/qemu.py attaches the root disk (ata serves it)
