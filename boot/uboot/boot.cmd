# U-Boot script; distro boot runs it as /boot.scr from the first bootable partition it finds.
# The FIT image holds the kernel and the boot processes; the device tree is U-Boot's own
# (QEMU's, with the memory size), which bootm completes with the boot image's place.
echo "Loading Phoenix from ${devtype} ${devnum}:${distro_bootpart}"
load ${devtype} ${devnum}:${distro_bootpart} ${ramdisk_addr_r} /phoenix.itb
bootm ${ramdisk_addr_r}#conf-1 ${ramdisk_addr_r}:ramdisk-1 ${fdtcontroladdr}
