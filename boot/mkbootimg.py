#!/usr/bin/env python3
"""Packs a system description (TOML) into a boot image.

The description has three kinds of entries, each with a program and privileges (the IPC
primitives, destinations, kernel calls, I/O ports, memory ranges and IRQs it may use):
  [[process]]  started by the kernel at boot, in this order (slot 3, 4, ...);
  [[service]]  started by the reincarnation server with these privileges: its policy
               (IPC destinations may name services; RS keeps those pointed at their
               current slots across restarts);
  [[program]]  only packed, for exec to load.
Names of primitives and kernel calls are read from include/os/*.h, so the headers stay the
one source of their numbers. "@name" in args becomes that boot process's endpoint; memory
ranges "bootimage" and "free" are filled in by the kernel. `include = ["other.toml"]` puts
another description's entries first.
"""
import argparse
import os
import re
import struct
import sys
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SERVICE_MIB = 16   # see Packer.memory_kib


def header_numbers():
    """Returns (NR_TASKS, NR_SLOTS, {primitive: number}, {kernel call: number})."""
    def read(name):
        with open(os.path.join(ROOT, "include", "os", name)) as f:
            return f.read()
    ipc, priv, kcall = read("ipc.h"), read("priv.h"), read("kcall.h")
    nr_tasks = int(re.search(r"#define NR_TASKS\s+(\d+)", ipc).group(1))
    nr_slots = int(re.search(r"#define NR_SLOTS\s+(\d+)", priv).group(1))
    traps = {m.group(1): int(m.group(2)) for m in re.finditer(r"#define IPC_(\w+)\s+(\d+)", ipc)}
    body = re.search(r"enum kernel_call \{(.*?)\};", kcall, re.S).group(1)
    calls, number = {}, None
    for m in re.finditer(r"SYS_(\w+)\s*(?:=\s*(0x[0-9a-fA-F]+|\d+))?\s*,", body):
        number = int(m.group(2), 0) if m.group(2) else number + 1
        calls[m.group(1)] = number
    return nr_tasks, nr_slots, traps, calls


def parse_range(text):
    base, _, limit = text.partition("-")
    base = int(base, 0)
    return base, int(limit, 0) if limit else base + 1


class Packer:
    NR_IO, NR_MEM, NR_IRQ, SLOT_WORDS = 4, 4, 4, 4

    def __init__(self, system):
        self.nr_tasks, self.nr_slots, self.traps, self.calls = header_numbers()
        kinds = (("process", 0x1), ("service", 0x2), ("program", 0x0))
        self.procs = [dict(p, _flags=flag) for kind, flag in kinds for p in system.get(kind, [])]
        starts = system.get("process", [])
        self.slots = {p["name"]: self.nr_tasks + i for i, p in enumerate(starts)}
        self.services = {p["name"] for p in system.get("service", [])}
        self.slots.update({"clock": 0, "system": 1, "hardware": 2})

    def error(self, proc, what):
        sys.exit(f"mkbootimg: process {proc['name']}: {what}")

    def priv(self, p):
        flags = 0x1 if p.get("system", False) else 0
        flags |= 0x4 if p.get("vm", False) else 0
        flags |= 0x8 if p.get("sigmgr", False) else 0
        trap_mask = 0
        for t in p.get("traps", ["SENDREC"]):
            if t not in self.traps:
                self.error(p, f"unknown IPC primitive {t}")
            trap_mask |= 1 << self.traps[t]
        send = [0] * self.SLOT_WORDS
        for dst in p.get("ipc", []):
            if dst == "*":
                flags |= 0x2
            elif dst in self.slots:
                send[self.slots[dst] // 32] |= 1 << (self.slots[dst] % 32)
            elif dst not in self.services:
                self.error(p, f"unknown IPC destination {dst}")
        call_mask = 0
        base = min(self.calls.values())
        for c in p.get("calls", []):
            if c not in self.calls:
                self.error(p, f"unknown kernel call {c}")
            call_mask |= 1 << (self.calls[c] - base)
        io = [parse_range(r) for r in p.get("io", [])]
        special = {"bootimage": (1, 0), "free": (2, 0)}
        mem = [special[r] if r in special else parse_range(r) for r in p.get("mem", [])]
        irq = list(p.get("irq", []))
        if len(io) > self.NR_IO or len(mem) > self.NR_MEM or len(irq) > self.NR_IRQ:
            self.error(p, "too many I/O ranges, memory ranges or IRQs")
        io += [(0, 0)] * (self.NR_IO - len(io))
        mem += [(0, 0)] * (self.NR_MEM - len(mem))
        irq += [-1] * (self.NR_IRQ - len(irq))
        out = struct.pack("<II", flags, trap_mask) + struct.pack("<4I", *send) + struct.pack("<I", call_mask)
        for b, l in io + mem:
            out += struct.pack("<II", b, l)
        out += struct.pack("<4i", *irq)
        out += struct.pack("<II", p.get("priority", 8), p.get("quantum", 5))
        return out

    def args(self, p):
        words = []
        for w in p.get("args", "").split():
            if w.startswith("@"):
                if w[1:] not in self.slots:
                    self.error(p, f"unknown process {w}")
                w = str(self.slots[w[1:]])
            words.append(w)
        text = " ".join(words).encode()
        if len(text) > 63:
            self.error(p, "args longer than 63 bytes")
        return text.ljust(64, b"\0")

    def memory_kib(self, p):
        """A service's memory limit: `memory` in MiB; system services get DEFAULT_SERVICE_MIB
        unless they say otherwise (0: no limit), so a leaking driver cannot starve the rest."""
        mib = p.get("memory", DEFAULT_SERVICE_MIB if p.get("system", False) else 0)
        if not isinstance(mib, int) or mib < 0 or mib > 4095:
            self.error(p, "memory: a whole number of MiB, 0 to 4095")
        return mib * 1024

    def pack(self, programs):
        entry_size = 16 + 4 * 4 + 64 + len(self.priv({"name": "x"})) + 16 + 64 + 4 + 4
        offset = 16 + entry_size * len(self.procs)
        entries, blobs = b"", b""
        for p in self.procs:
            with open(os.path.join(programs, p.get("program", p["name"])), "rb") as f:
                elf = f.read()
            pad = (-(offset + len(blobs))) % 16
            blobs += b"\0" * pad
            name = p["name"].encode()
            if len(name) > 15:
                self.error(p, "name longer than 15 bytes")
            entries += name.ljust(16, b"\0")
            flags = p["_flags"] | (0x4 if p.get("once", False) else 0)
            flags |= 0x8 if p.get("recovery", False) else 0
            entries += struct.pack("<IIII", offset + len(blobs), len(elf), p.get("stack", 0), flags)
            entries += self.args(p)
            entries += self.priv(p)
            after = p.get("after", "").encode()
            if len(after) > 15:
                self.error(p, "after: name longer than 15 bytes")
            entries += after.ljust(16, b"\0")
            labels = " ".join(d for d in p.get("ipc", []) if d in self.services).encode()
            if len(labels) > 63:
                self.error(p, "too many services in ipc")
            entries += labels.ljust(64, b"\0")
            entries += struct.pack("<I", p.get("max_restarts", 0))
            entries += struct.pack("<I", self.memory_kib(p))
            blobs += elf
        total = offset + len(blobs)
        return struct.pack("<IIII", 0x544F4F42, 7, len(self.procs), total) + entries + blobs


def load(path, board_dir):
    """A system description; `include = ["file", ...]` (relative to it, or "@board/file" in the
    board's folder, for what differs per board) comes first."""
    with open(path, "rb") as f:
        system = tomllib.load(f)
    merged = {"process": [], "service": [], "program": []}
    for inc in system.get("include", []):
        if inc.startswith("@board/"):
            inc = os.path.join(board_dir, inc[len("@board/"):])
        else:
            inc = os.path.join(os.path.dirname(path), inc)
        for kind, entries in load(inc, board_dir).items():
            merged[kind] += entries
    for kind in merged:
        merged[kind] += system.get(kind, [])
    return merged


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("system", help="system description (TOML)")
    ap.add_argument("programs", help="folder with the built programs")
    ap.add_argument("output")
    ap.add_argument("--board-dir", default=".", help="the board's folder, for @board/ includes")
    a = ap.parse_args()
    image = Packer(load(a.system, a.board_dir)).pack(a.programs)
    with open(a.output, "wb") as f:
        f.write(image)


if __name__ == "__main__":
    main()
