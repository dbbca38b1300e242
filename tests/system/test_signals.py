"""Boots the system image on every board and boot method and checks POSIX signals through
the sigtest job: handlers that run and return, default actions, SIGCHLD, masks and pending
signals, alarms, exceptions (segfault, undefined instruction) as signals, kill between
processes and its errors, and the simple ids."""
import re

import pytest

CHECKS = [
    "a handler runs and returns to the program",
    "the default action of SIGUSR2 ends the process",
    "SIGCHLD reaches the parent",
    "a blocked signal stays pending and runs when unblocked",
    "alarm(1) delivers SIGALRM after about a second",
    "a segfault runs the SIGSEGV handler",
    "an undefined instruction ends the process with SIGILL",
    "an ignored signal does nothing",
    "kill between processes runs the other's handler",
    "kill of a missing process gives ESRCH",
    "kill with a bad signal gives EINVAL",
    "SIGKILL cannot be caught",
    "getuid is root",
    "setsid makes a new session and group",
    "times counts uptime",
]


@pytest.mark.parametrize("check", CHECKS)
def test_signals(system_log, check):
    assert f"sigtest: {check} ok" in system_log, system_log[-3000:]


def test_division_by_zero(system_log, board_method):
    if board_method[0] == "pc":
        assert "sigtest: a division by zero ends the process with SIGFPE ok" in system_log
    else:
        assert re.search(r"sigtest: a division by zero does not trap on \S+", system_log)


def test_no_failures(system_log):
    assert "sigtest: done, 0 failures" in system_log
