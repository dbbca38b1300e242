#!/usr/bin/env python3
"""`make bench`: boots the bench image on a board twice and prints the figures, then the
system image twice for the file-system figures.

Run 1 uses QEMU -icount shift=0, where one guest instruction is one nanosecond of virtual
time, so a counter read by the guest converts exactly to guest instructions; these figures
do not depend on how busy the host is. Run 2 runs at full speed and gives wall time, taken
on the host between the "bench: start NAME" and "bench: end NAME" lines on the console.

A benchmark program prints, for each figure:
    bench: start NAME / bench: end NAME
    bench: NAME iterations=N total_cycles=C cycles_hz=H
where cycles_hz is 0 when the counter runs at one tick per virtual nanosecond.

The file-system figures come from the shell: the time from QEMU's start to the prompt (and
the guest's own uptime then, from `uptime`), and `filetest big` writing and reading back a
16 MiB file through VFS, ext2 and the disk FILE_BENCH names. Under -icount shift=0 the
guest's milliseconds are millions of instructions (at the clock's 10 ms grain).
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "boot"))
import qemu  # noqa: E402

RESULT = re.compile(r"bench: (\w+) iterations=(\d+) total_cycles=(\d+) cycles_hz=(\d+)")
MARK = re.compile(r"bench: (start|end) (\w+)")


def boot(board, icount, timeout):
    """Boots the bench image; returns (results, marks): results[name] = (iterations, virtual ns),
    marks[name] = host seconds between its start and end lines."""
    cmd = qemu.command(board, "bench", icount=icount)
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, errors="replace")
    results, starts, marks, log = {}, {}, {}, []
    deadline = time.monotonic() + timeout
    try:
        for line in proc.stdout:
            now = time.monotonic()
            log.append(line)
            m = MARK.search(line)
            if m and m.group(1) == "start":
                starts[m.group(2)] = now
            elif m and m.group(2) in starts:
                marks[m.group(2)] = now - starts[m.group(2)]
            r = RESULT.search(line)
            if r:
                n, cycles, hz = int(r.group(2)), int(r.group(3)), int(r.group(4))
                results[r.group(1)] = (n, cycles * 1e9 / hz if hz else float(cycles))
            if now > deadline or "kernel panic" in line:
                break
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    if not results:
        sys.exit("bench: no figures on the console:\n" + "".join(log[-30:]))
    return results, marks


# Where the 16 MiB file goes, and the disk under it: on virt the root disk is virtio-blk
# already; pc's root disk is ATA, so a scratch ext2 disk takes the place of its
# virtio-blk-pci test disk (/dev/vda); versatilepb's and orangepi-pc's roots are on their SD
# cards, whose throughput this is (orangepi-pc: partition 2 of the card when the card boots,
# the whole card by its first method, -kernel, which the benchmarks use).
FILE_BENCH = {"virt": (None, "/tmp", "virtio-blk"), "pc": (0, "/dev/vda", "virtio-blk"),
              "versatilepb": (None, "/tmp", "the SD card (PL181, sd driver)"),
              "orangepi-pc": (None, "/tmp", "the SD card (Allwinner sunxi host, sd driver)")}
FILE_MIB = 16


def shell_run(child, command, timeout):
    """Types command at the prompt; returns its output up to the next prompt."""
    child.sendline(command)
    child.expect(r"\r?\n# ", timeout=timeout)
    return child.before


def file_figures(board, icount, timeout):
    """Boots the system image to the shell; returns host seconds to the prompt, the guest's
    uptime then (s), and filetest big's write and read times (guest ms)."""
    import pexpect
    disk_index, where, _ = FILE_BENCH.get(board, (None, "/tmp", ""))
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, "root.img")
        shutil.copyfile(os.path.join(ROOT, "build", board, "root.img"), root)
        replace = None
        if disk_index is not None:
            scratch = os.path.join(tmp, "scratch.img")
            subprocess.run(["mke2fs", "-q", "-F", "-t", "ext2", "-b", "4096", scratch, "64M"],
                           check=True, stdout=subprocess.DEVNULL)
            replace = {disk_index: scratch}
        cmd = qemu.command(board, "system", icount=icount, disk=root, test_disks=replace)
        start = time.monotonic()
        child = pexpect.spawn(cmd[0], cmd[1:], encoding="utf-8", codec_errors="replace")
        try:
            child.expect(r"# ", timeout=timeout)
            boot_wall = time.monotonic() - start
            up = re.search(r"up (\d+\.\d+) s", shell_run(child, "uptime", timeout))
            target = where
            if where.startswith("/dev/"):
                shell_run(child, f"mount {where} /mnt", timeout)
                target = "/mnt"
            out = shell_run(child, f"filetest big {target}/bench {FILE_MIB}", timeout)
            m = re.search(r"write (\d+) ms, read (\d+) ms", out)
            if not m or "filetest: done, 0 failures" not in out:
                sys.exit(f"bench: the file benchmark failed:\n{out}")
            shell_run(child, "sync", timeout)
        finally:
            child.terminate(force=True)
    return boot_wall, float(up.group(1)) if up else None, int(m.group(1)), int(m.group(2))


def print_file_figures(board, timeout):
    boot_ns, uptime_ns, wr_ns, rd_ns = file_figures(board, True, timeout)
    boot_wall, uptime_wall, wr_ms, rd_ms = file_figures(board, False, timeout)
    disk = FILE_BENCH.get(board, (None, "/tmp", "its root disk"))[2]
    print(f"\nFiles on {board}: {FILE_MIB} MiB written and read back through VFS, ext2 and "
          f"{disk} (guest instructions from -icount shift=0, at 10 ms = 10M grain)")
    print(f"{'figure':<28}{'instructions/MiB':>18}{'wall s':>10}{'MiB/s':>10}")
    for name, icount_ms, wall_ms in (("sequential write", wr_ns, wr_ms), ("sequential read", rd_ns, rd_ms)):
        per_mib = icount_ms * 1e6 / FILE_MIB
        rate = FILE_MIB / (wall_ms / 1000) if wall_ms else float("inf")
        print(f"{name:<28}{per_mib:>18,.0f}{wall_ms / 1000:>10.2f}{rate:>10.1f}")
    instr = f"{uptime_ns * 1e9:,.0f}" if uptime_ns is not None else "-"
    print(f"{'boot to the shell prompt':<28}{instr:>18}{boot_wall:>10.2f}"
          f"   (instructions: the guest's uptime at the prompt under -icount)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--board", default="pc")
    ap.add_argument("--timeout", type=float, default=600)
    a = ap.parse_args()

    counted, _ = boot(a.board, icount=True, timeout=a.timeout)
    timed, marks = boot(a.board, icount=False, timeout=a.timeout)
    print(f"Benchmarks on {a.board} (guest instructions from QEMU -icount shift=0; wall time from a "
          f"run at full speed)")
    print(f"{'figure':<28}{'iterations':>12}{'instructions/op':>18}{'wall us/op':>14}{'wall s':>10}")
    for name, (n, ns) in counted.items():
        wall = marks.get(name)
        per_op = f"{wall / timed[name][0] * 1e6:.3f}" if wall and name in timed else "-"
        total = f"{wall:.3f}" if wall else "-"
        print(f"{name:<28}{n:>12}{ns / n:>18.1f}{per_op:>14}{total:>10}")
    if os.path.exists(os.path.join(ROOT, "build", a.board, "root.img")):
        print_file_figures(a.board, a.timeout)


if __name__ == "__main__":
    main()
