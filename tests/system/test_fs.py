"""Boots the system image on every board and boot method and checks the ext2 file server
through the fstest job, which drives it by FS_* messages on an image in the RAM disk."""
import os
import re

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def fstest_checks():
    """The names of fstest's checks, from its source: each must print "ok" exactly once."""
    with open(os.path.join(ROOT, "tests", "fs", "fstest.c")) as f:
        return re.findall(r'check\("([^"]+)"', f.read())


CHECKS = fstest_checks()


def test_checks_found():
    assert len(CHECKS) > 90 and len(set(CHECKS)) == len(CHECKS)


@pytest.mark.parametrize("check", CHECKS)
def test_fstest(system_log, check):
    assert system_log.count(f"fstest: {check} ok\n") == 1, system_log[-3000:]


def test_fstest_passed(system_log):
    assert "fstest: done, 0 failures" in system_log
    assert "FAIL" not in "".join(l for l in system_log.splitlines(True) if l.startswith("fstest:"))


def test_driver_restart_is_transparent_and_logged(system_log):
    assert re.search(r"ext2: driver memory \(endpoint \d+\) is gone; waiting for its restart",
                     system_log)
    assert re.search(r"ext2: driver memory is back as endpoint \d+; repeating the request",
                     system_log)
    assert "ext2: driver memory did not come back" not in system_log


def test_corrupt_image_refused_with_reason(system_log):
    assert "ext2: memory minor 0: not a sound ext2 file system" in system_log
