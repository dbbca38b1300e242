"""The boards' OpenOCD configurations (board/*/openocd.cfg) and boot/jtag.py, checked without
hardware: OpenOCD parses each cfg on its dummy adapter, and the boot information is decoded.

Only OpenOCD's parser and the declared scan chain are checked here (the dummy adapter has no
TAP to scan); that the IDCODEs and pins are right is for a real board to say.
"""
import glob
import os
import re
import shutil
import struct
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "boot"))
import jtag  # noqa: E402

CFG_BOARDS = sorted(os.path.basename(os.path.dirname(p))
                    for p in glob.glob(os.path.join(ROOT, "board", "*", "openocd.cfg")))
DUMMY = "interface/dummy.cfg"


def openocd(args, timeout=60):
    assert shutil.which("openocd"), "openocd is missing: run toolchain/install-deps.sh"
    out = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    return out.returncode, out.stdout + out.stderr


def test_boards_have_configs():
    # The two ARM boards that stand for real hardware; a new one adds its own cfg.
    assert {"orangepi-pc", "versatilepb"} <= set(CFG_BOARDS)


@pytest.mark.parametrize("cfg_board", CFG_BOARDS)
def test_config_accepted(cfg_board):
    """The cfg as boot/jtag.py runs it, with the dummy adapter: exit 0, no errors, a JTAG TAP
    for an ARM CoreSight JTAG-DP (IR length 4) and a Cortex-A target on it."""
    cmd = jtag.openocd_args(cfg_board, DUMMY) + [
        "-c", "echo [capture scan_chain]; echo \"targets: [target names]\"; "
              "foreach t [target names] { echo \"type $t: [$t cget -type]\" }; "
              "echo \"procs: [lsort [info procs phoenix_*]]\"; phoenix_layout; shutdown"]
    rc, out = openocd(cmd)
    assert rc == 0, out
    errors = [line for line in out.splitlines() if line.startswith("Error")]
    assert not errors, out
    # scan_chain: "  0 h3.cpu   Y   0x00000000 0x5ba00477   4 0x01  0x0f"
    taps = re.findall(r"^\s*\d+\s+(\S+)\s+Y\s+0x[0-9a-f]{8}\s+(0x[0-9a-f*]{8})\s+(\d+)", out, re.M)
    assert taps, out
    assert all(expected.endswith("ba00477") and irlen == "4" for _, expected, irlen in taps), taps
    assert re.search(r"^type \S+: cortex_a$", out, re.M), out
    procs = re.search(r"^procs: (.*)$", out, re.M).group(1).split()
    assert {"phoenix_boot", "phoenix_load", "phoenix_quiesce"} <= set(procs), out


@pytest.mark.parametrize("cfg_board", CFG_BOARDS)
def test_steps_use_known_commands(cfg_board):
    """Tcl looks a proc's commands up only when it runs, so a misspelt one in the load steps
    would show only on a board: every command they use must exist. OpenOCD registers the
    target commands (reg, load_image, ...) at init, which fails on the dummy adapter (no TAP
    answers), so init is tried and its failure ignored."""
    with open(os.path.join(ROOT, "board", "common", "openocd-phoenix.tcl")) as f:
        steps = f.read()
    words = set(re.findall(r"^ {4,}([a-z_][a-z0-9_]*)\b", steps, re.M)) - {"if", "else"}
    assert {"load_image", "reg", "resume"} <= words, words
    rc, out = openocd(jtag.openocd_args(cfg_board, DUMMY) + [
        "-c", "catch init; foreach c {%s} { if {[info commands $c] eq {}} "
              "{ echo \"missing command: $c\" } }; shutdown" % " ".join(sorted(words))])
    assert "shutdown command invoked" in out, out
    assert "missing command" not in out, out


@pytest.mark.parametrize("cfg_board", CFG_BOARDS)
def test_layout_fits(cfg_board):
    """What goes where stays inside the board's RAM and nothing lands on the kernel."""
    lay = jtag.layout(cfg_board)
    base, end = lay["ram_base"], lay["ram_base"] + lay["ram_size"]
    kernel_bin = os.path.join(ROOT, "build", cfg_board, "kernel", "kernel.bin")
    kernel_size = os.path.getsize(kernel_bin) if os.path.exists(kernel_bin) else 8 << 20
    assert base <= lay["kernel"] and lay["kernel"] + kernel_size <= end
    assert base <= lay["info"] < end and base <= lay["image"] < end
    for other in ("info", "image"):
        assert not lay["kernel"] <= lay[other] < lay["kernel"] + kernel_size, (other, lay)
    assert lay["boot_info"] in ("atag", "fdt")
    if jtag.kernel_load(cfg_board) is not None:
        assert lay["kernel"] == jtag.kernel_load(cfg_board)


@pytest.mark.parametrize("cfg_board", CFG_BOARDS)
def test_flash_command(cfg_board, tmp_path):
    """boot/jtag.py writes the boot information for a (stand-in) build and the openocd
    command that loads it; the information decodes to the layout."""
    (tmp_path / "kernel").mkdir()
    (tmp_path / "kernel" / "kernel.bin").write_bytes(b"\0" * 4096)
    (tmp_path / "system.img").write_bytes(b"\1" * 12345)
    run = subprocess.run([sys.executable, os.path.join(ROOT, "boot", "jtag.py"), "flash",
                          "--board", cfg_board, "--build-dir", str(tmp_path), "--print",
                          "--adapter", DUMMY], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "phoenix_boot" in run.stdout and "-c init" in run.stdout, run.stdout
    lay = jtag.layout(cfg_board)
    info = (tmp_path / f"jtag-{lay['boot_info']}.bin").read_bytes()
    if lay["boot_info"] == "atag":
        words = struct.unpack(f"<{len(info) // 4}I", info)
        assert words[1] == 0x54410001                                 # ATAG_CORE first
        assert words[5:9] == (4, 0x54410002, lay["ram_size"], lay["ram_base"])
        assert words[9:13] == (4, 0x54420005, lay["image"], 12345)
        assert words[13:] == (0, 0)
    else:
        assert shutil.which("dtc"), "dtc is missing: run toolchain/install-deps.sh"
        dts = subprocess.run(["dtc", "-I", "dtb", "-O", "dts", "-o", "-", "-"], input=info,
                             capture_output=True, timeout=30)
        assert dts.returncode == 0, dts.stderr
        text = dts.stdout.decode()
        assert re.search(rf"reg = <{lay['ram_base']:#x} {lay['ram_size']:#x}>", text), text
        assert re.search(rf"linux,initrd-end = <{lay['image'] + 12345:#x}>", text), text
        assert struct.unpack(">I", info[:4])[0] == 0xd00dfeed


def test_wrong_adapter_fails():
    """The check can fail: an adapter script that does not exist stops OpenOCD."""
    cfg = os.path.join(ROOT, "board", CFG_BOARDS[0], "openocd.cfg")
    rc, out = openocd(["openocd", "-c", "set ADAPTER interface/no-such-probe.cfg", "-f", cfg,
                       "-c", "shutdown"])
    assert rc != 0 and "Error" in out, out


@pytest.mark.parametrize("cfg_board", CFG_BOARDS)
def test_wrong_target_type_fails(cfg_board, tmp_path):
    """A copy of the cfg with a target type OpenOCD does not know is refused."""
    (tmp_path / "board" / cfg_board).mkdir(parents=True)
    shutil.copytree(os.path.join(ROOT, "board", "common"), tmp_path / "board" / "common")
    with open(os.path.join(ROOT, "board", cfg_board, "openocd.cfg")) as f:
        text = f.read()
    assert " cortex_a " in text
    bad = tmp_path / "board" / cfg_board / "openocd.cfg"
    bad.write_text(text.replace(" cortex_a ", " cortex_z "))
    rc, out = openocd(["openocd", "-c", f"set ADAPTER {DUMMY}", "-f", str(bad), "-c", "shutdown"])
    assert rc != 0 and "Error" in out, out
