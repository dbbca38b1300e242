"""Boots the dstest image on every board: the data store's protocol end to end (types,
grants, owners, private state across a simulated restart, subscriptions, full tables)."""
import re

import pytest

from conftest import boot_log_until, qemu


@pytest.fixture
def dstest_log(board):
    method = qemu.load_board(board)["boot_methods"][0]
    return boot_log_until(board, method, "dstest", [r"dstest: done, \d+ failures\n"])


def test_data_store(dstest_log):
    oks = re.findall(r"dstest: .* ok\n", dstest_log)
    assert len(oks) >= 90, dstest_log[-3000:]
    assert "FAIL" not in dstest_log
    assert "dstest: done, 0 failures" in dstest_log
