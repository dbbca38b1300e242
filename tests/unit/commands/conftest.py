"""Fixtures for the commands' host tests: each test gets a fresh temporary directory to work in
and runs the host-built programs (COMMANDS_BIN, set by ctest) with only them in $PATH."""
import os
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def bin_dir():
    path = os.environ.get("COMMANDS_BIN") or os.path.join(ROOT, "build", "host", "tests", "unit",
                                                           "commands", "bin")
    if not os.path.exists(os.path.join(path, "sh")):
        pytest.fail(f"no commands built in {path}: build the host preset first")
    return path


class Runner:
    """Runs commands in a directory with a small, fixed environment."""

    def __init__(self, cwd):
        self.cwd = str(cwd)
        self.bin = bin_dir()
        self.env = {"PATH": self.bin, "HOME": self.cwd, "LC_ALL": "C", "TZ": "UTC",
                    "ASAN_OPTIONS": os.environ.get("ASAN_OPTIONS", "detect_leaks=0")}

    def run(self, argv, stdin=None, timeout=20, env=None):
        full_env = dict(self.env, **(env or {}))
        prog = argv[0] if "/" in argv[0] else os.path.join(self.bin, argv[0])
        return subprocess.run([prog] + list(argv[1:]), cwd=self.cwd, env=full_env, input=stdin,
                              capture_output=True, text=True, timeout=timeout)

    def sh(self, script, *args, stdin=None, timeout=20, env=None):
        """sh -c script [args...]; args[0], if any, is $0."""
        return self.run(["sh", "-c", script] + list(args), stdin=stdin, timeout=timeout, env=env)

    def path(self, *parts):
        return os.path.join(self.cwd, *parts)

    def write(self, name, text, mode=None):
        p = self.path(name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            f.write(text)
        if mode is not None:
            os.chmod(p, mode)
        return p

    def read(self, name):
        with open(self.path(name)) as f:
            return f.read()


@pytest.fixture
def r(tmp_path):
    return Runner(tmp_path)
