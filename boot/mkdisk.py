#!/usr/bin/env python3
"""Makes a disk that U-Boot's distro boot starts the OS from: an MBR with one bootable ext2
partition holding boot.scr and phoenix.itb, a FIT image (made by mkimage) with the raw
kernel and the boot image as its ramdisk.

usage: mkdisk.py KERNEL_BIN BOOT_IMG LOAD_ADDR BOOT_CMD OUT_DISK
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile

SECTOR = 512
PART_START = 2048                 # 1 MiB: the customary first partition offset
PART_SIZE = 8 * 1024 * 1024


def run(*cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def mbr(*partitions):
    """A DOS partition table: (start sector, sectors, type) each, the first bootable (0x83 is
    Linux, 0x0c FAT32 with LBA)."""
    table = b""
    for i, (start, sectors, kind) in enumerate(partitions):
        table += struct.pack("<B3sB3sII", 0x80 if i == 0 else 0, b"\xfe\xff\xff", kind,
                             b"\xfe\xff\xff", start, sectors)
    table += bytes(16 * (4 - len(partitions)))
    return bytes(446) + table + b"\x55\xaa"


def boot_files(kernel, bootimg, load, boot_cmd, folder):
    """What U-Boot boots from: boot.scr, run by distro boot, and phoenix.itb, a FIT image
    with the raw kernel (loaded at `load`) and the boot image as its ramdisk."""
    run("mkimage", "-q", "-f", "auto", "-A", "arm", "-O", "linux", "-T", "kernel", "-C", "none",
        "-a", load, "-e", load, "-n", "Phoenix", "-d", kernel, "-i", bootimg,
        os.path.join(folder, "phoenix.itb"))
    run("mkimage", "-q", "-A", "arm", "-O", "linux", "-T", "script", "-C", "none",
        "-n", "Phoenix boot script", "-d", boot_cmd, os.path.join(folder, "boot.scr"))


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    kernel, bootimg, load, boot_cmd, out = sys.argv[1:]
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, "root")
        os.mkdir(root)
        boot_files(kernel, bootimg, load, boot_cmd, root)
        part = os.path.join(tmp, "part.img")
        with open(part, "wb") as f:
            f.truncate(PART_SIZE)
        run("mke2fs", "-q", "-F", "-t", "ext2", "-b", "1024", "-L", "boot", "-d", root, part)
        with open(out + ".tmp", "wb") as f:
            f.write(mbr((PART_START, PART_SIZE // SECTOR, 0x83)))
            f.seek(PART_START * SECTOR)
            with open(part, "rb") as p:
                shutil.copyfileobj(p, f)
        os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main()
