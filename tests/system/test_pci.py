"""Boots the system image of every board with a PCI bus service (pc) by every boot method and
checks the pci service through the pcitest job, and that it found the devices QEMU has."""
import os
import tomllib

import pytest

from conftest import ROOT

CHECKS = [
    "finds the virtio block device by its ids",
    "there is no second one",
    "its BAR 0 is an I/O range",
    "its config space names it",
    "a class finds the IDE controller and the virtio disk",
    "a config write reads back",
    "an unused BAR gives ENOENT",
    "BAR 6 gives EINVAL",
    "a function that is not there gives ENXIO",
    "a bad width or offset gives EINVAL",
    "an unknown request gives EBADREQUEST",
    "RS restarts the pci service",
    "after the restart it finds the device and its BAR as before",
]


def has_pci(board):
    with open(os.path.join(ROOT, "board", board, "services.toml"), "rb") as f:
        return any(s["name"] == "pci" for s in tomllib.load(f).get("service", []))


@pytest.fixture
def pci_log(system_log, board_method):
    if not has_pci(board_method[0]):
        pytest.skip(f"{board_method[0]} has no PCI service")
    return system_log


@pytest.mark.parametrize("check", CHECKS)
def test_pci_service(pci_log, check):
    assert f"pcitest: {check} ok" in pci_log, pci_log[-3000:]


def test_pci_scan(pci_log):
    assert "pci: 00:00.0 8086:1237 class 060000" in pci_log   # the i440FX host bridge
    assert "pcitest: done, 0 failures" in pci_log
