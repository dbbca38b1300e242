"""Hostile input on the running system image, on every board: an ordinary user misuses
grants (forged, expired, for another process, wider than the buffer) and asks for what only
root may do, each refused and logged; then the fuzzer sends thousands of random messages to
every endpoint it can name, and the system is still whole: no panic, no service ended, the
shell works and the disk is clean."""
import re

import pytest

from conftest import Console
from test_shell import PROMPT, Shell, booted_shell

# hostiletest's checks and the kernel's log line each must leave (None: no copy is tried).
GRANT_CHECKS = [
    ("a forged grant to the log server", "ENOGRANT", r"copy by log through grant 0x4d2003c of hostiletest .*no such grant"),
    ("a forged grant to DS", "ENOGRANT", r"copy by ds through grant 0x4d2003c of hostiletest .*no such grant"),
    ("a forged grant to the memory driver", "ENOGRANT", r"copy by memory through grant 0x\w+ of vfs .*no such grant"),
    ("a revoked grant to DS", "ENOGRANT", r"copy by ds through grant .*no such grant"),
    ("an expired grant whose slot was used again", "ENOGRANT", r"copy by ds through grant .*no such grant"),
    ("a revoked grant to the memory driver", "ENOGRANT", r"copy by memory through grant .*no such grant"),
    ("DS's grant used by the log server", "ENOGRANT", r"copy by log through grant .*no such grant"),
    ("DS's grant used by the memory driver", "ENOGRANT", r"copy by memory through grant .*no such grant"),
    ("a length past the grant's end", "EINVAL", r"copy by ds through grant .*outside the granted range"),
    ("a copy against the grant's direction", "EACCES", r"copy by ds through grant .*does not allow that direction"),
    ("an offset past the grant's end", "EINVAL", r"copy by rs through grant .*outside the granted range"),
    ("a kernel copy from PM's memory", "ECALLDENIED", r"denied kernel call 0x105 to hostiletest"),
    ("PM's grant passed on by an indirect grant", "ENOGRANT", r"copy by log through grant .*no such grant"),
    ("a grant of kernel memory", "EFAULT", r"copy by log through grant .*a bad address"),
    ("SENDREC to the memory driver", "EDSTDENIED", None),
    ("VM_FORK of PM's address space", "EPERM", None),
]
ROOT_CHECKS = ["RS_DOWN of ext2 by a user", "RS_FI into ext2 by a user",
               "RS_RESTART of ext2 by a user", "PM_KILL of init by a user", "PM_REBOOT by a user",
               "PM_SETUID to root by a user", "a DS label published by a user"]


@pytest.fixture(scope="module")
def shell(board):
    yield from booted_shell(board, "hostile")


@pytest.fixture(scope="module")
def hostile_lines(shell):
    """hostiletest's console lines, the kernel's among them, one line each."""
    start = len(shell.console.text)
    out, status = shell.run("hostiletest", timeout=60)
    assert "hostiletest: done, 0 failures" in out and status == 0, out
    return shell.console.text[start:].splitlines()


def test_misused_grants_are_refused_and_logged(hostile_lines):
    """Each refusal is printed right after the kernel's line for the copy it refused."""
    for what, err, kernel_line in GRANT_CHECKS:
        line = f"hostiletest: {what} refused with {err}"
        assert line in hostile_lines, "\n".join(hostile_lines)
        if kernel_line:
            before = hostile_lines[hostile_lines.index(line) - 1]
            assert re.match(r"kernel: (refused )?" + kernel_line, before), (what, before)


def test_root_only_calls_are_refused_for_a_user(shell, hostile_lines):
    for what in ROOT_CHECKS:
        assert f"hostiletest: {what} refused with EPERM" in hostile_lines, "\n".join(hostile_lines)
    assert any(re.match(r"rs: refused request 0x602 from endpoint \d+: not root", l) for l in hostile_lines)
    out, status = shell.run("service status ext2")
    assert re.search(r"ext2 +running .* restarts 0", out), out


def test_fuzzer_leaves_the_system_whole(board, console_factory):
    """20000 random messages from an ordinary user to every endpoint it can name: each server
    answers with an error, answers, or ignores it (the fuzzer's child is then killed and a new
    one goes on); the kernel refuses the rest. Afterwards nothing has died or restarted, the
    shell and the file system work, and the disk is clean."""
    console = console_factory(board, "system", name="fuzz")
    console.wait_for(r"phoenix: root file system mounted", PROMPT, timeout=90)
    shell = Shell(console)
    start = len(console.text)
    out, status = shell.run("fuzz -s 7 -n 20000", timeout=240)
    assert status == 0 and "services unchanged" in out, out
    rows = dict(re.findall(r"^(\w+) +(\d+ +\d+ +\d+ +\d+ +\d+ +\d+)$", out, re.M))
    for name in ("pm", "vm", "vfs", "rs", "ds", "log", "kernel", "memory", "ext2"):
        sent, ok, error, refused, silent, died = map(int, rows[name].split())
        assert sent >= 1000 and ok + error + refused + silent * 25 + died * 25 >= sent - 25, (name, out)
    for server in ("pm", "vm", "vfs", "rs", "ds", "log"):
        assert int(rows[server].split()[2]) > 500, (server, out)   # answered with errors
    for driver in ("memory", "ext2", "tty"):
        sent, ok, error, refused = map(int, rows[driver].split()[:4])
        assert refused == sent, (driver, out)                    # users may not send to them
    assert re.search(r"kernel: refused copy by \w+ through grant", console.text[start:])

    out, status = shell.run("echo one > /tmp/f && echo two >> /tmp/f && cat /tmp/f && rm /tmp/f && ls /bin | wc -l")
    assert status == 0 and out.splitlines()[:2] == ["one", "two"], out
    out, status = shell.run("service list; ps")
    for label in ("tty", "ext2", "memory"):
        assert re.search(rf"{label} +running .* restarts 0", out), out
    assert re.search(r"\d+ +\d+ +\d+ run .* sh", out), out
    text = console.text
    assert "kernel panic" not in text
    assert not re.search(r"rs: \S+ \(endpoint \d+\) ended", text), text[-3000:]
    for m in re.finditer(r"process (\S+) \(endpoint \d+\) stopped", text):
        assert m.group(1) == "fuzz", m.group(0)                  # only the fuzzer may crash
    shell.run("sync")
    clean, report = console.fsck()
    assert clean, report
