"""Boots the system image on every board and boot method and checks the driver framework
through the memory driver (RAM disk, null, zero) and the drvtest job."""
import pytest

CHECKS = [
    "DS names the memory driver",
    "open of the RAM disk",
    "a write of 8 KiB",
    "reads back what was written",
    "a read at the end of the device gives 0 bytes",
    "/dev/zero reads zeros",
    "/dev/null takes everything",
    "/dev/null reads nothing",
    "a bad minor gives ENXIO",
    "a bad grant gives ENOGRANT",
    "a read-only grant cannot be written",
    "an unknown request gives EBADREQUEST",
]


@pytest.mark.parametrize("check", CHECKS)
def test_memory_driver(system_log, check):
    assert f"drvtest: {check} ok" in system_log, system_log[-3000:]


def test_driver_started_by_rs(system_log):
    assert "memory: RAM disk of 2048 KiB, null, zero" in system_log
    assert "drvtest: done, 0 failures" in system_log
