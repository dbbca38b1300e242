#!/usr/bin/env python3
"""The fault-injection campaign: boots the system image of a board, starts a workload that
writes and reads back files with checksums (filetest big, in a loop), and injects random
faults (`service fi`) into the root disk's driver and the console's driver in turn. At the
end it prints: faults injected, kernel panics, services recovered, errors the workload saw,
files corrupted, the e2fsck verdict on the disk, and the mean and maximum recovery time in
guest milliseconds (RS's log: from the injection to the new instance serving again).

    /usr/bin/python3 tests/campaign/run_campaign.py --board virt --faults 1000
"""
import argparse
import os
import random
import re
import sys
import time

import pexpect

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "system"))
from conftest import Console  # noqa: E402

KINDS = ["panic", "null", "wild", "kernel", "loop", "bitflip", "badipc", "leak"]
DISK_DRIVER = {"pc": "ata", "virt": "virtio_blk", "versatilepb": "sd", "orangepi-pc": "sd"}
WORKLOAD = ("touch /tmp/go; (while [ -f /tmp/go ]; do filetest big /tmp/w 2 > /tmp/wl.out 2>&1; "
            "if grep -q 'done, 0 failures' /tmp/wl.out; then echo ok >> /tmp/wl.log; "
            "else echo bad | tee -a /tmp/wl.log; cat /tmp/wl.out >> /tmp/bad.log; fi; done) &")


# A line the system logs: a service's name and a colon. `service fi sd: ok` is the shell's.
LOG_LINE = re.compile(r"(?<!service: fi )(?<![A-Za-z])"
                      r"(?:rs|fi|ext2|vfs|tty|ata|virtio_blk|sd|sd1|kernel|memory|pci): [^\n]*\n")


def without_log(text):
    return LOG_LINE.sub("", text)


class Campaign:
    def __init__(self, board, faults, seed, icount):
        self.board, self.faults = board, faults
        self.rng = random.Random(seed)
        self.console = Console(board, "system", icount=icount, name=f"campaign-{seed}")
        self.marks = 0

    def command(self, line, timeout=120):
        """Types a command line; returns its output up to a marker it echoes, without the
        system's log lines (which land anywhere in it, even inside the marker)."""
        self.marks += 1
        mark = f"__C{self.marks}_"
        start = len(self.console.text)
        sep = " " if line.rstrip().endswith("&") else "; "
        self.console.child.send(f"{line}{sep}echo {mark}$?__\r")
        done = re.compile(re.escape(mark) + r"\d+__\n")
        text = self.console.read_until(lambda t: done.search(without_log(t[start:])), timeout)
        out = without_log(text[start:])
        if not done.search(out):
            raise AssertionError(f"console never showed {mark}; log in {self.console.log_path}")
        return out

    def request_fault(self, driver, kind):
        """Asks RS for the fault until it takes it; returns where the console stood then."""
        for attempt in range(100):        # EBUSY: an earlier fault has not gone in yet
            start = len(self.console.text)
            out = self.command(f"service fi {driver} {kind}", timeout=60)
            if f"service: fi {driver}: ok" in out:
                return start
            time.sleep(0.05)
        raise AssertionError(f"{driver} never took the fault {kind}")

    def inject(self, driver, kind):
        """One fault, by one command at a time; waits until the driver serves again if it
        died. Returns the recovery time in guest ms, or None if the driver did not die."""
        pattern = rf"rs: injecting fault \d+ into {driver} at \d+ ms"
        for _ in range(3):    # a fault waiting in RS goes with an instance ended meanwhile
            start = self.request_fault(driver, kind)
            # RS hands the fault over at once, or as the answer to its next heartbeat.
            text = self.console.read_until(lambda t: re.search(pattern, t[start:]), 30)[start:]
            if re.search(pattern, text):
                break
            if f"rs: restarting {driver}" not in text:
                raise AssertionError(f"RS never handed {driver} the fault {kind}")
        else:
            raise AssertionError(f"RS never handed {driver} the fault {kind}")
        deadline = time.monotonic() + 20
        while True:
            text = self.console.text[start:]
            inj = re.search(rf"rs: injecting fault \d+ into {driver} at (\d+) ms", text)
            died = re.search(rf"rs: {driver} \(endpoint \d+\) ended: .* at (\d+) ms", text)
            served = re.search(rf"rs: {driver} is serving again at (\d+) ms", text)
            if served:
                return int(served.group(1)) - int(inj.group(1))
            if not died and (kind in ("bitflip", "badipc") or time.monotonic() > deadline - 18):
                return None               # it took the fault and lives (for now)
            if time.monotonic() > deadline:
                raise AssertionError(f"{driver} did not come back after {kind}")
            self.console.read_until(lambda t: False, 0.3)

    def run(self):
        c = self.console
        c.wait_for(r"phoenix: root file system mounted", r"# $", timeout=90)
        self.command(WORKLOAD)
        recoveries = []
        drivers = [DISK_DRIVER[self.board], "tty"]
        injected = {d: 0 for d in drivers}
        recovered = {d: 0 for d in drivers}
        stopped = ""
        for i in range(self.faults):
            driver = drivers[i % 2]
            try:
                r = self.inject(driver, self.rng.choice(KINDS))
            except (AssertionError, pexpect.TIMEOUT, pexpect.EOF) as e:
                stopped = f"after {i} faults: {str(e).splitlines()[0]}"
                break
            injected[driver] += 1
            if r is not None:
                recovered[driver] += 1
                recoveries.append(r)
        try:
            out = self.command("rm /tmp/go; wait; grep -c ok /tmp/wl.log; grep -c bad /tmp/wl.log; "
                               "cat /tmp/bad.log 2>/dev/null | head -n 5; sync", timeout=300)
        except (AssertionError, pexpect.TIMEOUT, pexpect.EOF):
            out = ""
            stopped = stopped or "the shell did not answer at the end"
        counts = re.findall(r"^(\d+)$", out, re.M)
        ok_runs, bad_runs = (int(counts[0]), int(counts[1])) if len(counts) >= 2 else (0, -1)
        c.child.send("poweroff\r")
        try:
            c.child.expect("\\$NEVER", timeout=30)
        except Exception:
            pass
        clean, report = c.fsck()
        panics = c.text.count("kernel panic")
        return {
            "stopped early": stopped or "no",
            "faults injected": sum(injected.values()),
            **{f"  into {d}": f"{injected[d]} ({recovered[d]} recovered)" for d in drivers},
            "kernel panics": panics,
            "services recovered": len(recoveries),
            "workload runs ok": ok_runs,
            "workload errors": bad_runs,
            "files corrupted": len(re.findall(r"FAIL: read back", c.text)),
            "e2fsck": "clean" if clean else "NOT CLEAN:\n" + report,
            "mean recovery ms": round(sum(recoveries) / len(recoveries), 1) if recoveries else 0,
            "max recovery ms": max(recoveries) if recoveries else 0,
        }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--board", default="virt")
    ap.add_argument("--faults", type=int, default=100, help="faults in all, alternating drivers")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--icount", action="store_true", help="guest time from -icount shift=0")
    a = ap.parse_args()
    figures = Campaign(a.board, a.faults, a.seed, a.icount).run()
    print(f"Fault-injection campaign on {a.board} ({DISK_DRIVER[a.board]} and tty, seed {a.seed})")
    for name, value in figures.items():
        print(f"  {name:<24}{value}")
    bad = (figures["kernel panics"] or figures["files corrupted"] or figures["e2fsck"] != "clean"
           or figures["stopped early"] != "no")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
