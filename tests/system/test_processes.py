"""Boots the system image (log, PM, VM, RS) on every board and boot method and checks the
process manager's test job: fork/wait trees with exit statuses, exec with arguments and
environment, a segfault seen as SIGSEGV by the parent, kill, getpid/getppid, and a full
process table giving EAGAIN with fork working again afterwards."""
import re

import pytest

CHECKS = [
    "fork and waitpid give exit status 7",
    "a tree of 3 children and 3 grandchildren",
    "exec of pmchild with an argument and the environment",
    "exec of a missing program fails with ENOENT",
    "a NULL write ends the child with SIGSEGV in the wait status",
    "kill with SIGTERM ends the child",
    "getpid and getppid",
    "a full process table gives EAGAIN, and fork works again after",
]


def test_servers_start(system_log):
    for name in ("log", "pm", "vm", "rs"):
        assert re.search(rf"kernel: started {name} as endpoint \d+", system_log)
    assert re.search(r"vm: \d+ KiB in \d+ frames", system_log)
    assert re.search(r"rs: started pmtest as endpoint \d+ \(pid \d+\)", system_log)


@pytest.mark.parametrize("check", CHECKS)
def test_process_manager(system_log, check):
    assert f"pmtest: {check} ok" in system_log, system_log[-2000:]


def test_no_failures_and_job_reaped(system_log):
    assert "pmtest: done, 0 failures" in system_log
    assert "FAIL" not in system_log
    assert re.search(r"rs: pmtest \(endpoint \d+\) ended: exit status 0", system_log)
    assert "kernel panic" not in system_log
