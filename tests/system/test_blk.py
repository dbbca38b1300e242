"""Boots the system image on every board and boot method and checks the block drivers with
the blktest job: each driver its board's jobs.toml gives blktest as an argument, on the
test disk boot/qemu.py attaches for it (a bad sector included), and once more after RS has
restarted the driver."""
import pytest

from conftest import block_drivers, qemu

CHECKS = [
    "DS names the driver",
    "the test disk is one of its minors",
    "DIOCGETSIZE gives the disk's size",
    "reads the host's pattern (sectors 1-8)",
    "a write of 4 sectors",
    "reads back the write of 4 sectors",
    "a write of 128 KiB",
    "reads back the write of 128 KiB",
    "the host's pattern is still there",
    "a write beyond LBA28's reach",
    "reads back the write beyond LBA28's reach",
    "a read of the bad sector gives EIO",
    "a read across the bad sector gives EIO",
    "a write of the last sector",
    "reads back the write of the last sector",
    "a read across the end gives what is left",
    "a read at the end gives 0 bytes",
    "a read far past the end gives 0 bytes",
    "an unaligned position gives EINVAL",
    "an unaligned count gives EINVAL",
    "a bad minor gives ENXIO",
    "a bad grant gives ENOGRANT",
    "a read-only grant cannot be written",
    "an unknown ioctl gives ENOTTY",
    "the driver still works after errors",
    "RS restarts the driver",
    "after the restart it reads the host's pattern",
    "and what was written before",
]


def without_media_errors(arg):
    """LABEL:no-media-errors: the driver's test disk cannot fail a read."""
    return arg.endswith(":no-media-errors")


def skip_without_test_disks(board):
    """A board whose QEMU machine has no place for a test disk (TEST_DISKS empty in its
    board.cmake) runs no blktest: its root disk must not be written over."""
    if not qemu.load_board(board)["test_disks"] and not block_drivers(board):
        pytest.skip(f"{board} has no test disk: its only disk slot holds the root disk "
                    "(orangepi-pc: QEMU's H3 has one SD host, mmc0), which blktest must not "
                    "write over; its block driver is tested by the file-system tests on it")


def test_every_board_tests_a_block_driver(board_method):
    skip_without_test_disks(board_method[0])
    assert block_drivers(board_method[0])


@pytest.mark.parametrize("check", CHECKS)
def test_block_drivers(system_log, board_method, check):
    skip_without_test_disks(board_method[0])
    for arg in block_drivers(board_method[0]):
        label = arg.split(":")[0]
        if "bad sector" in check and without_media_errors(arg):
            assert f"blktest: {label}: the bad sector checks left out" in system_log
            pytest.skip("QEMU's SD card cannot fail a read: it sends the data of a sector the "
                        "host could not read")
        assert f"blktest: {label}: {check} ok" in system_log, system_log[-3000:]


def test_blktest_done(system_log, board_method):
    skip_without_test_disks(board_method[0])
    assert "blktest: done, 0 failures" in system_log, system_log[-3000:]
    assert "kernel panic" not in system_log
