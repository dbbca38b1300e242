#!/usr/bin/env python3
"""Makes a card image a board boots from its SD slot as the real board would: the loader
(U-Boot with its SPL, e.g. sunxi's u-boot-sunxi-with-spl.bin) at 8 KiB, where the SoC's boot
ROM looks, then an MBR with a bootable FAT partition holding boot.scr and phoenix.itb (see
mkdisk.py) and the root file system as partition 2. Made with mtools: no mounts, no root.

usage: mksdimage.py KERNEL_BIN BOOT_IMG LOAD_ADDR BOOT_CMD LOADER ROOT_IMG OUT_CARD
"""
import os
import sys
import tempfile

from mkdisk import SECTOR, boot_files, mbr, run

LOADER_AT = 8 * 1024              # where the Allwinner boot ROM reads the SPL
BOOT_START = 1024 * 1024          # the loader must end before
BOOT_SIZE = 16 * 1024 * 1024
ROOT_START = BOOT_START + BOOT_SIZE


def fat_partition(path, files):
    with open(path, "wb") as f:
        f.truncate(BOOT_SIZE)
    run("mformat", "-i", path, "-v", "BOOT", "::")
    run("mcopy", "-i", path, *files, "::")


def card_size(used):
    """QEMU takes only SD cards of a power-of-two size."""
    size = 1
    while size < used:
        size *= 2
    return size


def copy_at(out, offset, path, length=None):
    """Copies `path` (its first `length` bytes) to `offset` in `out`, seeking over blocks of
    zeros so that the card stays sparse."""
    block = 64 * 1024
    with open(path, "rb") as f:
        left = os.path.getsize(path) if length is None else length
        while left > 0:
            data = f.read(min(block, left))
            if not data:
                break
            if data.count(0) != len(data):
                out.seek(offset)
                out.write(data)
            offset += len(data)
            left -= len(data)


def write_card(out, loader_part, root_img):
    """The card: the MBR for a root file system of root_img's size, the loader and the boot
    partition from `loader_part` (a file holding them at their places: a card made before,
    for the system tests' own copy of the root disk), the root after."""
    root_size = os.path.getsize(root_img)
    with open(out + ".tmp", "wb") as f:
        f.truncate(card_size(ROOT_START + root_size))
        copy_at(f, 0, loader_part, ROOT_START)
        f.seek(0)
        f.write(mbr((BOOT_START // SECTOR, BOOT_SIZE // SECTOR, 0x0c),
                    (ROOT_START // SECTOR, root_size // SECTOR, 0x83)))
        copy_at(f, ROOT_START, root_img)
    os.replace(out + ".tmp", out)


def main():
    if len(sys.argv) != 8:
        sys.exit(__doc__)
    kernel, bootimg, load, boot_cmd, loader, root_img, out = sys.argv[1:]
    if LOADER_AT + os.path.getsize(loader) > BOOT_START:
        sys.exit(f"{loader} does not fit before the first partition")
    with tempfile.TemporaryDirectory() as tmp:
        folder = os.path.join(tmp, "boot")
        os.mkdir(folder)
        boot_files(kernel, bootimg, load, boot_cmd, folder)
        part = os.path.join(tmp, "boot.img")
        fat_partition(part, [os.path.join(folder, n) for n in sorted(os.listdir(folder))])
        head = os.path.join(tmp, "head.img")
        with open(head, "wb") as f:
            copy_at(f, LOADER_AT, loader)
            copy_at(f, BOOT_START, part)
        write_card(out, head, root_img)


if __name__ == "__main__":
    main()
