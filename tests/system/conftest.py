"""System-test fixtures: boot a built board in QEMU and read its serial console.

Boards come from --boards (default: every board with a build/<board>/run.json); each test
that takes `board` runs on every one of them, and `booted` on every boot method too.
"""
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib

import pexpect
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "boot"))
import qemu  # noqa: E402


def pytest_addoption(parser):
    parser.addoption("--boards", default="", help="space-separated boards to test")


def built_boards(config):
    wanted = config.getoption("--boards").split()
    if wanted:
        return wanted
    build = os.path.join(ROOT, "build")
    return sorted(b for b in os.listdir(build) if os.path.exists(os.path.join(build, b, "run.json")))


def pytest_generate_tests(metafunc):
    boards = built_boards(metafunc.config)
    if "board_method" in metafunc.fixturenames:
        pairs = [(b, m) for b in boards for m in qemu.load_board(b)["boot_methods"]]
        metafunc.parametrize("board_method", pairs, ids=[f"{b}-{m}" for b, m in pairs], scope="module")
    elif "board" in metafunc.fixturenames:
        metafunc.parametrize("board", boards, scope="module")


class Console:
    """A QEMU process and everything its serial console printed so far."""

    def __init__(self, board, image="system", method=None, icount=False, name="console",
                 disk="copy"):
        log_dir = os.path.join(ROOT, "build", board, "test-logs")
        os.makedirs(log_dir, exist_ok=True)
        # Each boot gets its own copy of the root disk, checked with e2fsck once QEMU is gone.
        self.disk = None
        root = os.path.join(ROOT, "build", board, "root.img")
        if disk == "copy" and os.path.exists(root):
            self.disk = os.path.join(log_dir, f"{name}-root.img")
            shutil.copyfile(root, self.disk)
        elif disk not in ("copy", None):
            self.disk = disk
        self.cmd = qemu.command(board, image, method, icount, disk=self.disk)
        # The sdcard method boots a card made from the disk: its root partition is checked.
        self.root_fs = qemu.root_fs(board, image, method, self.disk)
        self.log_path = os.path.join(log_dir, f"{name}.log")
        self.child = pexpect.spawn(self.cmd[0], self.cmd[1:], encoding="utf-8",
                                   codec_errors="replace", timeout=5)
        self.text = ""

    def read_until(self, predicate, timeout):
        """Reads output until predicate(text) holds or timeout seconds pass; returns the text."""
        deadline = time.monotonic() + timeout
        while not predicate(self.text) and time.monotonic() < deadline:
            try:
                # The pty adds a carriage return of its own; lines are compared without any.
                self.text += self.child.read_nonblocking(4096, timeout=0.5).replace("\r", "")
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                break
        with open(self.log_path, "w") as f:
            f.write(self.text)
        return self.text

    def wait_for(self, *patterns, timeout=60, since=0):
        """Waits until every regex pattern has matched (in the text from offset `since` on,
        so that an earlier command's output does not count); fails the test with the log if
        not."""
        text = self.read_until(lambda t: all(re.search(p, t[since:]) for p in patterns), timeout)
        missing = [p for p in patterns if not re.search(p, text[since:])]
        assert not missing, f"console never showed {missing}; log in {self.log_path}:\n{text[-3000:]}"
        return text

    def close(self):
        if self.child.isalive():
            self.child.terminate(force=True)

    def fsck(self):
        """QEMU ends, then the host's e2fsck -fn checks the disk: (clean, its report)."""
        self.close()
        self.child.wait() if self.child.isalive() else None
        r = subprocess.run(["e2fsck", "-fn", self.root_fs], capture_output=True, text=True)
        return r.returncode == 0, r.stdout + r.stderr


@pytest.fixture
def console_factory():
    consoles = []

    def make(*args, **kwargs):
        c = Console(*args, **kwargs)
        consoles.append(c)
        return c
    yield make
    for c in consoles:
        c.close()


_boot_logs = {}


def boot_log_until(board, method, image, patterns, timeout=60):
    """The console of one boot of `image` by `method`, read until every regex in patterns has
    matched (or timeout seconds); booted once per (board, method, image) and shared."""
    key = (board, method, image)
    if key not in _boot_logs:
        console = Console(board, image, method, name=f"{image}-{method}")
        try:
            _boot_logs[key] = console.read_until(
                lambda t: all(re.search(p, t) for p in patterns) or "kernel panic" in t, timeout)
        finally:
            console.close()
    return _boot_logs[key]


# The jobs image runs test jobs under RS; its console is read until every job is done.
SYSTEM_JOBS_DONE = [r"pmtest: done, \d+ failures\n", r"rs: pmtest .* ended: .*\n",
                    r"rstest: done, \d+ failures\n", r"rs: rstest .* ended: .*\n",
                    r"sigtest: done, \d+ failures\n", r"rs: sigtest .* ended: .*\n",
                    r"vmtest: done, \d+ failures\n", r"rs: vmtest .* ended: .*\n",
                    r"svcjob: done.*\n", r"drvtest: done, \d+ failures\n",
                    r"rs: posix_memory .* ended: .*\n", r"fstest: done, \d+ failures\n",
                    r"blktest: done, \d+ failures\n", r"rs: crashy failed \d+ times; giving up .*\n"]


def block_drivers(board):
    """The labels the board's blktest job takes as arguments (board/<board>/jobs.toml): none
    on a board without test disks, whose jobs image then runs no blktest."""
    with open(os.path.join(ROOT, "board", board, "jobs.toml"), "rb") as f:
        services = tomllib.load(f).get("service", [])
    return [a for s in services if s["name"] == "blktest" for a in s.get("args", "").split()]


@pytest.fixture
def system_log(board_method):
    board, method = board_method
    done = SYSTEM_JOBS_DONE if block_drivers(board) else \
        [p for p in SYSTEM_JOBS_DONE if not p.startswith("blktest")]
    return boot_log_until(board, method, "jobs", done)
