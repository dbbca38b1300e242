#!/usr/bin/env python3
"""Boots a built board in QEMU: the one place that knows how each board is started.

Used by `make run`, `make debug`, `make bench` and the system tests. The board's QEMU
machine comes from build/<board>/run.json, which CMake writes from board/<board>/board.cmake.
QEMU never gets a network path: every command line carries -nic none.
"""
import argparse
import json
import os
import sys

import mksdimage
import mktestdisk

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_board(board, build_dir=None):
    build_dir = build_dir or os.path.join(ROOT, "build", board)
    with open(os.path.join(build_dir, "run.json")) as f:
        info = json.load(f)
    info["build_dir"] = build_dir
    return info


def disk_args(node, path, device, bad_sector=None, locking=True):
    """A raw disk image attached as `device` (a QEMU device and its options, e.g.
    "virtio-blk-device" or "ide-hd,bus=ide.0", or a -drive interface, "if=sd,index=0");
    with bad_sector, every read that touches
    that sector fails with EIO, as a damaged disk's would. Without locking, other QEMUs may
    use the image at the same time."""
    if device.startswith("if="):
        # A slot the machine wires itself (e.g. "if=sd,index=0", the card in a board's SD
        # controller): a -drive of that interface, since no -device can plug into it.
        escaped = path.replace(",", ",,")
        lock = f"locking={'on' if locking else 'off'}"
        if bad_sector is None:
            return ["-drive", f"{device},id={node},format=raw,file={escaped},file.{lock}"]
        return ["-drive", f"{device},id={node},format=raw,file.driver=blkdebug,"
                f"file.image.filename={escaped},file.image.{lock},"
                f"file.inject-error.0.event=read_aio,file.inject-error.0.sector={bad_sector}"]
    image = {"driver": "file", "filename": path, "locking": "on" if locking else "off"}
    if bad_sector is not None:
        image = {"driver": "blkdebug", "image": image,
                 "inject-error": [{"event": "read_aio", "sector": bad_sector}]}
    blockdev = {"driver": "raw", "node-name": node, "file": image}
    return ["-blockdev", json.dumps(blockdev, separators=(",", ":")),
            "-device", f"{device},drive={node}"]


def test_disk_args(info, replace=None):
    """The board's test disks for blktest: build/<board>/blktestN.img (boot/mktestdisk.py)
    as the N-th device the board's TEST_DISKS names. Every boot writes the same data to
    them, so a second QEMU (`make run` during the tests) may share them. replace: {N: image}
    puts another image (without a bad sector) in place of test disk N."""
    args = []
    for n, device in enumerate(info.get("test_disks", [])):
        if replace and n in replace:
            args += disk_args(f"blktest{n}", replace[n], device)
            continue
        path = os.path.join(info["build_dir"], f"blktest{n}.img")
        args += disk_args(f"blktest{n}", path, device, mktestdisk.BAD_SECTOR, locking=False)
    return args


def extra_disk_args(info, replace=None):
    """Every disk but a boot method's own. They come before the boot disk on the command
    line: QEMU puts virtio-mmio devices in slots from the top down and U-Boot boots from
    virtio disk 0, the lowest slot, so the boot disk must be the last virtio disk."""
    return test_disk_args(info, replace)


def sdcard(info, image, disk, make=True):
    """The card the sdcard method boots: the one the build made for `image` (sdcard.img for
    the system image), or, for another root disk (a test's copy), a card made from it with
    that disk as its root partition, next to it (unless not `make`: only its name)."""
    build = info["build_dir"]
    card = os.path.join(build, "sdcard.img" if image == "system" else f"{image}-sdcard.img")
    if disk is None or os.path.abspath(disk) == os.path.join(build, "root.img"):
        return card
    own = os.path.splitext(disk)[0] + "-sdcard.img"
    if make:
        mksdimage.write_card(own, card, disk)
    return own


def root_fs(board, image="system", method=None, disk=None, build_dir=None):
    """Where the root file system a boot used lies, for e2fsck after it: the disk, or its
    partition in the card the sdcard method made from it (e2fsck's ?offset= form)."""
    info = load_board(board, build_dir)
    if (method or info["boot_methods"][0]) != "sdcard":
        return disk
    return f"{sdcard(info, image, disk, make=False)}?offset={mksdimage.ROOT_START}" if disk else None


def command(board, image="system", method=None, icount=False, gdb=False, build_dir=None,
            disk="default", test_disks=None):
    """The QEMU command line (a list) that boots `image` on `board` by `method`, with the
    root disk `disk` (by default build/<board>/root.img if it exists; None for no disk)."""
    info = load_board(board, build_dir)
    build = info["build_dir"]
    if disk == "default":
        disk = os.path.join(build, "root.img")
        disk = disk if os.path.exists(disk) else None
    method = method or info["boot_methods"][0]
    if method not in info["boot_methods"]:
        raise ValueError(f"board {board} does not boot by {method}")
    # No network path ever: a board's own QEMU options may not bring one in.
    if any(a.startswith(("-net", "-nic")) for a in info["machine"]):
        raise ValueError(f"board {board}: QEMU_MACHINE may not name a network device")
    # The console is the terminal, raw: ^C goes to the OS (its tty driver sends SIGINT);
    # Ctrl-A x quits QEMU.
    cmd = [info["qemu"], *info["machine"], "-nographic",
           "-chardev", "stdio,id=console,mux=on,signal=off", "-serial", "chardev:console",
           "-mon", "chardev=console,mode=readline", "-nic", "none", "-no-reboot"]
    cmd += extra_disk_args(info, test_disks)
    if method == "sdcard":
        # One card holds it all, as on the board: SPL and U-Boot, the boot partition, root.
        cmd += disk_args("root", sdcard(info, image, disk), info["root_disk"])
    elif disk:
        # The root file system is found by its volume name, wherever the disk lands.
        cmd += disk_args("root", disk, info["root_disk"])
    if method == "multiboot":
        cmd += ["-kernel", os.path.join(build, info["kernel"]),
                "-initrd", os.path.join(build, f"{image}.img")]
    elif method == "kernel":
        # A raw image entered Linux style: QEMU passes the device tree and the boot image.
        cmd += ["-kernel", os.path.join(build, "kernel", "kernel.bin"),
                "-initrd", os.path.join(build, f"{image}.img")]
    elif method == "uboot":
        # U-Boot as the firmware; its distro boot finds boot.scr on virtio disk 0.
        cmd += ["-bios", info["uboot_bios"],
                "-drive", f"if=none,format=raw,id=disk0,file={os.path.join(build, image + '-uboot.img')}",
                "-device", "virtio-blk-device,drive=disk0"]
    elif method == "sdcard":
        pass   # the SoC's boot ROM loads the SPL from the card: no -kernel, no -bios
    elif method == "iso":
        cmd += ["-cdrom", os.path.join(build, f"{image}.iso"), "-boot", "d"]
    else:
        raise ValueError(f"unknown boot method {method}")
    if icount:
        cmd += ["-icount", "shift=0"]
    if gdb:
        cmd += ["-S", "-gdb", "tcp:127.0.0.1:1234"]
    return cmd


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--board", default="pc")
    ap.add_argument("--image", default="system", help="boot image: system or bench")
    ap.add_argument("--method", help="boot method (multiboot, iso, ...); default: the board's "
                    "RUN_METHOD, else its first")
    ap.add_argument("--icount", action="store_true", help="count guest instructions (-icount shift=0)")
    ap.add_argument("--gdb", action="store_true", help="wait for GDB on 127.0.0.1:1234")
    ap.add_argument("--print", action="store_true", help="print the command instead of running it")
    ap.add_argument("--build-dir", help="the board's build folder (default: build/<board>)")
    ap.add_argument("--disk", default="default", help="root disk image (default: build/<board>/root.img)")
    a = ap.parse_args()
    # A board may run by another method than the one its tests and benchmarks use first
    # (orangepi-pc: make run boots the card, which cannot end QEMU on power-off).
    method = a.method or load_board(a.board, a.build_dir).get("run_method") or None
    cmd = command(a.board, a.image, method, a.icount, a.gdb, a.build_dir, a.disk)
    if a.print:
        print(" ".join(cmd))
        return
    if a.gdb:
        info = load_board(a.board)
        print(f"QEMU waits for GDB: {info['gdb']} {os.path.join(info['build_dir'], info['kernel'])} "
              f"-ex 'target remote 127.0.0.1:1234'", file=sys.stderr)
    os.execvp(cmd[0], cmd)


if __name__ == "__main__":
    main()
