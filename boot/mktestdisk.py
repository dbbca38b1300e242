#!/usr/bin/env python3
"""The test disk blktest (tests/drivers/blktest.c) looks for. Sector 0 starts with
"PHOENIX-BLKTEST <sectors> <bad sector>\\n"; sector s of the first PATTERN_SECTORS holds bytes
(s * 7 + i) & 0xff; the rest is a hole in a sparse file, so that the disk can be larger than
what LBA28 reaches (2^28 sectors) without taking room. boot/qemu.py attaches it so that every
read of BAD_SECTOR fails. Usage: mktestdisk.py OUT"""
import sys

SECTORS = 1 << 29        # past LBA28's reach, and a power of two as QEMU's SD cards must be
PATTERN_SECTORS = 2048
BAD_SECTOR = 1000


def main():
    with open(sys.argv[1], "wb") as f:
        head = f"PHOENIX-BLKTEST {SECTORS} {BAD_SECTOR}\n".encode()
        f.write(head + bytes(512 - len(head)))
        for s in range(1, PATTERN_SECTORS):
            f.write(bytes((s * 7 + i) & 0xff for i in range(512)))
        f.truncate(SECTORS * 512)


if __name__ == "__main__":
    main()
