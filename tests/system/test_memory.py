"""Boots the system image on every board and boot method and checks VM through the vmtest
job, which runs alone after the other jobs: a heap of several MiB, copy-on-write after fork,
anonymous mmap, stack growth, bad pointers giving EFAULT, and running out of memory giving
ENOMEM while the system stays up."""
import re

import pytest

CHECKS = [
    "a heap of 6 MiB holds what was written",
    "brk below the program is refused",
    "the heap shrinks",
    "after fork parent and child see only their own writes",
    "anonymous mmap gives zeroed memory",
    "munmap gives it back",
    "a mmap larger than the address space is refused",
    "the stack grows on demand",
    "bad pointers to PM, VM, DS, RS, the kernel and in grants give EFAULT",
    "running out of memory gives ENOMEM",
    "fork works again once memory is back",
]


@pytest.mark.parametrize("check", CHECKS)
def test_memory(system_log, check):
    assert f"vmtest: {check} ok" in system_log, system_log[-3000:]


def test_system_survives_memory_exhaustion(system_log):
    assert re.search(r"vmtest: \d+ MiB mapped before memory ran out", system_log)
    assert "vmtest: done, 0 failures" in system_log
    assert re.search(r"rs: vmtest \(endpoint \d+\) ended: exit status 0", system_log)
    assert "kernel panic" not in system_log
