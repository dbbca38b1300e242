"""Hostile input on the running system image, on every board: an ordinary user misuses
grants (forged, expired, for another process, wider than the buffer) and asks for what only
root may do, each refused and logged; then the fuzzer sends thousands of random messages to
every endpoint it can name, and the system is still whole: no panic, no service ended, the
shell works and the disk is clean."""
import re

import pytest

from conftest import Console
from test_shell import PROMPT, Shell

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
    console = Console(board, "system", name="hostile")
    console.wait_for(r"phoenix: root file system mounted", PROMPT, timeout=90)
    yield Shell(console)
    console.close()


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
