# OpenOCD steps shared by the boards' openocd.cfg: put the OS in RAM over JTAG and start it
# the way a Linux-style loader would (QEMU -kernel, U-Boot's bootz). boot/jtag.py drives them.
#
# A board's openocd.cfg sets, before sourcing this file (each may be set earlier with -c):
#   PHOENIX_KERNEL_LOAD  where kernel.bin goes and where it is entered (board.cmake's KERNEL_LOAD)
#   PHOENIX_IMAGE_LOAD   where the boot image (system.img) goes
#   PHOENIX_INFO_LOAD    where the boot information (ATAG list or device tree) goes; r2
#   PHOENIX_RAM_BASE, PHOENIX_RAM_SIZE  the RAM the boot information describes
#   PHOENIX_BOOT_INFO    atag or fdt: what the board's kernel reads (atag_boot.c, fdt_boot.c)
#   PHOENIX_MACH         the machine number for r1 (the kernel ignores it; loaders pass it)
#   PHOENIX_RESET        0: attach to what runs (the firmware's prompt); 1: `reset init`
#                        first (only boards whose reset-init event runs phoenix_reset_init)
#   PHOENIX_FIRMWARE_MS  how long the firmware needs after a reset to set up DRAM

if {![info exists PHOENIX_RESET]} { set PHOENIX_RESET 0 }
if {![info exists PHOENIX_FIRMWARE_MS]} { set PHOENIX_FIRMWARE_MS 2000 }

# What the kernel expects on entry (arch/arm/boot.S): SVC mode with IRQ and FIQ masked, the
# MMU and caches off. A firmware prompt (U-Boot) runs with the MMU and the data cache on, so
# its dirty lines are written back first: left in the cache they would later land on top of
# the image. This cleans L1 only; an outer or integrated L2 is cleaned by U-Boot's
# `dcache off`, which docs/boards.md asks for before attaching.
proc phoenix_quiesce {} {
    cache l1 d flush_all
    set sctlr [arm mrc 15 0 1 0 0]
    # SCTLR.M (bit 0), C (bit 2) and I (bit 12) off
    arm mcr 15 0 1 0 0 [expr {$sctlr & ~0x1005}]
    cache l1 i inval_all
    reg cpsr 0x1d3
}

# A board's reset-init event: `reset init` stops the core at the reset vector, before the
# firmware has set up DRAM, so the firmware runs for a while and is then stopped.
proc phoenix_reset_init {} {
    global PHOENIX_FIRMWARE_MS
    resume
    sleep $PHOENIX_FIRMWARE_MS
    halt
    phoenix_quiesce
}

# Stops the CPU where the firmware left DRAM working, or resets the board first.
proc phoenix_attach {} {
    global PHOENIX_RESET
    if {$PHOENIX_RESET} {
        reset init
    } else {
        halt
        phoenix_quiesce
    }
}

# Loads the kernel (raw), the boot image and the boot information, checks the kernel made it
# (a DRAM that is not set up reads back wrong), and leaves the CPU halted at the kernel's
# entry with the registers of the Linux boot protocol: r0 = 0, r1 = machine, r2 = info.
proc phoenix_load {kernel image info} {
    global PHOENIX_KERNEL_LOAD PHOENIX_IMAGE_LOAD PHOENIX_INFO_LOAD PHOENIX_MACH
    phoenix_attach
    load_image $kernel $PHOENIX_KERNEL_LOAD bin
    load_image $image $PHOENIX_IMAGE_LOAD bin
    load_image $info $PHOENIX_INFO_LOAD bin
    verify_image $kernel $PHOENIX_KERNEL_LOAD bin
    reg r0 0
    reg r1 $PHOENIX_MACH
    reg r2 $PHOENIX_INFO_LOAD
    reg pc $PHOENIX_KERNEL_LOAD
    echo "phoenix: loaded, halted at the kernel's entry [format 0x%08x $PHOENIX_KERNEL_LOAD]"
}

# `make flash`: load and run.
proc phoenix_boot {kernel image info} {
    phoenix_load $kernel $image $info
    resume
    echo "phoenix: started"
}

# The numbers boot/jtag.py needs to write the boot information, on one line.
proc phoenix_layout {} {
    global PHOENIX_KERNEL_LOAD PHOENIX_IMAGE_LOAD PHOENIX_INFO_LOAD PHOENIX_RAM_BASE
    global PHOENIX_RAM_SIZE PHOENIX_BOOT_INFO PHOENIX_MACH
    echo [format "phoenix-layout kernel=0x%x image=0x%x info=0x%x ram_base=0x%x ram_size=0x%x mach=0x%x boot_info=%s" \
        $PHOENIX_KERNEL_LOAD $PHOENIX_IMAGE_LOAD $PHOENIX_INFO_LOAD $PHOENIX_RAM_BASE \
        $PHOENIX_RAM_SIZE $PHOENIX_MACH $PHOENIX_BOOT_INFO]
}
