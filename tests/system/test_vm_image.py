"""Boots the vmtest image on every board: VM on its own with a stand-in PM (exec checks and
refusals, frames all given back) and the vmcheck program (brk, fork, mmap, stack growth,
faults that must end a process, memory exhaustion)."""
import pytest

from conftest import boot_log_until, qemu


@pytest.fixture
def vmtest_log(board):
    method = qemu.load_board(board)["boot_methods"][0]
    return boot_log_until(board, method, "vmtest", [r"vmtest: all done, \d+ failures in fakepm\n",
                                                    r"vmtest: vmcheck done, \d+ failures\n"])


def test_vm_alone(vmtest_log):
    assert "vmtest: vmcheck done, 0 failures" in vmtest_log, vmtest_log[-3000:]
    assert "vmtest: all done, 0 failures in fakepm" in vmtest_log
    assert "kernel panic" not in vmtest_log
