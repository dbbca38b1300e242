#!/usr/bin/env python3
"""`make bench`: boots the bench image on a board twice and prints the figures.

Run 1 uses QEMU -icount shift=0, where one guest instruction is one nanosecond of virtual
time, so a counter read by the guest converts exactly to guest instructions; these figures
do not depend on how busy the host is. Run 2 runs at full speed and gives wall time, taken
on the host between the "bench: start NAME" and "bench: end NAME" lines on the console.

A benchmark program prints, for each figure:
    bench: start NAME / bench: end NAME
    bench: NAME iterations=N total_cycles=C cycles_hz=H
where cycles_hz is 0 when the counter runs at one tick per virtual nanosecond.
"""
import argparse
import os
import re
import subprocess
import sys
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


if __name__ == "__main__":
    main()
