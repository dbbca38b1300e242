#!/usr/bin/env python3
"""The test disk blktest looks for: sector 0 starts with "PHOENIX-BLKTEST <sectors>\n",
sector s >= 1 holds bytes (s * 7 + i) & 0xff. Usage: mktestdisk.py OUT [SECTORS] (default 2048,
1 MiB)."""
import sys


def main():
    out = sys.argv[1]
    sectors = int(sys.argv[2]) if len(sys.argv) > 2 else 2048
    with open(out, "wb") as f:
        head = f"PHOENIX-BLKTEST {sectors}\n".encode()
        f.write(head + bytes(512 - len(head)))
        for s in range(1, sectors):
            f.write(bytes((s * 7 + i) & 0xff for i in range(512)))


if __name__ == "__main__":
    main()
