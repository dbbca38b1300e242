"""Boots the default image on every board and boot method and checks what the boot processes
did: the banner, user processes exchanging messages, refused operations and stopped faults,
with the rest of the system running on."""
import json
import re

import pytest

from conftest import boot_log_until, qemu

FAULTS = {
    "fault_null": r"page fault at address 0x00000000",
    "fault_kernel": r"page fault at address 0x80100000",
    "fault_nx_data": r"execute from a no-execute page",
    "fault_nx_stack": r"execute from a no-execute page at address 0x7ff",
    "fault_text": r"page fault",
    "fault_priv": r"(protection fault|illegal instruction)",
}


@pytest.fixture
def boot_log(board_method):
    """The demo image's console, booted once per board and boot method."""
    board, method = board_method
    patterns = [r"ping: done, \d+ messages checked\n", r"hostile: (all checks passed|FAIL).*\n"]
    patterns += [rf"process {name} \(endpoint \d+\) stopped: .*\n" for name in FAULTS]
    return boot_log_until(board, method, "demo", patterns)


def test_banner(boot_log):
    assert re.search(r"Phoenix microkernel on \S+ \(\S+\), 100 Hz", boot_log)
    assert re.search(r"kernel: 10 boot processes", boot_log)


def test_user_processes_exchange_messages(boot_log):
    rounds = re.findall(r"ping: round (\d+): 2000 round trips with pong ok", boot_log)
    assert [int(r) for r in rounds] == list(range(1, 21))
    assert "ping: done, 40000 messages checked" in boot_log


def test_denied_kernel_calls_and_destinations(boot_log):
    for what, err in [
        ("kernel call SYS_DEVIO", "ECALLDENIED"),
        ("kernel call SYS_PRIVCTL", "ECALLDENIED"),
        ("kernel call SYS_ABORT", "ECALLDENIED"),
        ("SENDREC to a forbidden destination", "EDSTDENIED"),
        ("the SEND primitive", "ETRAPDENIED"),
        ("a NULL message", "EFAULT"),
        ("a kernel-address message", "EFAULT"),
        ("an endpoint of an older generation", "EDEADSRCDST"),
    ]:
        assert f"hostile: {what} refused with {err}" in boot_log
    assert "hostile: all checks passed, still running" in boot_log
    assert "hostile: FAIL" not in boot_log
    assert re.search(r"kernel: denied kernel call 0x107 to hostile", boot_log)


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_faulting_process_is_stopped(boot_log, name):
    m = re.search(rf"process {name} \(endpoint \d+\) stopped: (.*)", boot_log)
    assert m, f"{name} was not reported"
    assert re.search(FAULTS[name], m.group(1))
    assert f"fault: FAIL" not in boot_log


def test_system_keeps_running_after_faults(boot_log):
    last_fault = max(boot_log.index(f"process {name} (") for name in FAULTS)
    assert boot_log.index("ping: done") > last_fault
    assert "kernel panic" not in boot_log


def test_every_qemu_command_has_no_network(board_method, tmp_path):
    """Every command line boot/qemu.py makes carries -nic none, and a board whose own QEMU
    options would bring in a network device is refused."""
    board, method = board_method
    cmd = qemu.command(board, "system", method)
    assert ["-nic", "none"] == cmd[cmd.index("-nic"):cmd.index("-nic") + 2]
    info = qemu.load_board(board)
    with open(tmp_path / "run.json", "w") as f:
        json.dump({**info, "machine": info["machine"] + ["-netdev", "user,id=n0"]}, f)
    with pytest.raises(ValueError, match="network"):
        qemu.command(board, "system", method, build_dir=str(tmp_path))
