#!/usr/bin/env python3
"""Copies a 32-bit ELF program with one loadable segment made bad, for VM's exec checks.

Kinds: wx  -- the first loadable segment becomes writable and executable;
       low -- the first loadable segment moves to address 0, below USER_BASE.
"""
import struct
import sys

PT_LOAD = 1
PF_RWX = 7


def main():
    if len(sys.argv) != 4 or sys.argv[3] not in ("wx", "low"):
        sys.exit("usage: mkbadelf.py IN OUT wx|low")
    src, dst, kind = sys.argv[1:]
    with open(src, "rb") as f:
        elf = bytearray(f.read())
    phoff, = struct.unpack_from("<I", elf, 28)
    phentsize, phnum = struct.unpack_from("<HH", elf, 42)
    loads = [phoff + i * phentsize for i in range(phnum)
             if struct.unpack_from("<I", elf, phoff + i * phentsize)[0] == PT_LOAD]
    if not loads:
        sys.exit(f"mkbadelf.py: {src} has no loadable segment")
    if kind == "wx":
        struct.pack_into("<I", elf, loads[0] + 24, PF_RWX)
    else:
        struct.pack_into("<II", elf, loads[0] + 8, 0, 0)
    with open(dst, "wb") as f:
        f.write(elf)


if __name__ == "__main__":
    main()
