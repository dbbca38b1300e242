#!/usr/bin/env python3
"""Runs a built board on real hardware over JTAG: OpenOCD loads the OS into RAM and starts it
(`make flash`), or stops it at the kernel's entry for gdb-multiarch (`make debug TARGET=jtag`).

The board's facts are in board/<board>/openocd.cfg (adapter, debug port, where things go in
RAM; the steps are in board/common/openocd-phoenix.tcl); this script writes the boot
information the kernel reads (an ATAG list or a device tree, as QEMU -kernel or U-Boot would
pass it) and starts the programs. The adapter is chosen with --adapter (or ADAPTER=).
"""
import argparse
import os
import re
import shlex
import shutil
import signal
import struct
import subprocess
import sys
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GDB_PORT = 3333   # OpenOCD's first target; the cfgs make core 0 the first


def config_path(board):
    path = os.path.join(ROOT, "board", board, "openocd.cfg")
    if not os.path.exists(path):
        sys.exit(f"board {board} has no board/{board}/openocd.cfg: it runs in QEMU only (make run)")
    return path


def kernel_load(board):
    """board.cmake's KERNEL_LOAD (the kernel is linked for it), or None without one."""
    try:
        with open(os.path.join(ROOT, "board", board, "board.cmake")) as f:
            m = re.search(r"set\(KERNEL_LOAD\s+(0x[0-9a-fA-F]+|\d+)\)", f.read())
    except FileNotFoundError:
        return None
    return int(m.group(1), 0) if m else None


def openocd_args(board, adapter=None, extra_sets=()):
    """The openocd command up to and including the board's cfg."""
    args = ["openocd"]
    if adapter:
        args += ["-c", f"set ADAPTER {{{adapter}}}"]
    load = kernel_load(board)
    if load is not None:
        args += ["-c", f"set PHOENIX_KERNEL_LOAD {load:#x}"]
    for name, value in extra_sets:
        args += ["-c", f"set {name} {{{value}}}"]
    return args + ["-f", config_path(board)]


def layout(board):
    """The cfg's numbers (phoenix_layout), read by running OpenOCD on the dummy adapter:
    the cfg stays the one place that says where things go."""
    cmd = openocd_args(board, "interface/dummy.cfg") + ["-c", "phoenix_layout; shutdown"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    m = re.search(r"^phoenix-layout (.*)$", out.stdout + out.stderr, re.M)
    if out.returncode != 0 or not m:
        sys.exit(f"openocd did not accept board/{board}/openocd.cfg:\n{out.stderr}")
    fields = dict(kv.split("=", 1) for kv in m.group(1).split())
    return {k: (v if k == "boot_info" else int(v, 0)) for k, v in fields.items()}


def atag_list(ram_base, ram_size, image, image_size):
    """ATAG_CORE, ATAG_MEM, ATAG_INITRD2, ATAG_NONE (board/common/atag_boot.c reads them)."""
    words = [5, 0x54410001, 1, 4096, 0,           # core: flags (read-only root), page size, rootdev
             4, 0x54410002, ram_size, ram_base,   # mem: size, start
             4, 0x54420005, image, image_size,    # initrd2: start, size
             0, 0]
    return struct.pack(f"<{len(words)}I", *words)


def device_tree(ram_base, ram_size, image, image_size):
    """A flattened device tree (version 17) with /memory and /chosen's initrd range, all
    board/common/fdt_boot.c reads; the board's devices are in its board_config.h."""
    strings = bytearray()
    offsets = {}

    def name_offset(name):
        if name not in offsets:
            offsets[name] = len(strings)
            strings.extend(name.encode() + b"\0")
        return offsets[name]

    def pad(b):
        return b + b"\0" * (-len(b) % 4)

    def begin(name):
        return struct.pack(">I", 1) + pad(name.encode() + b"\0")

    def prop(name, value):
        if isinstance(value, str):
            value = value.encode() + b"\0"
        elif isinstance(value, (list, tuple)):
            value = struct.pack(f">{len(value)}I", *value)
        return struct.pack(">III", 3, len(value), name_offset(name)) + pad(value)

    end = struct.pack(">I", 2)
    body = (begin("") + prop("#address-cells", [1]) + prop("#size-cells", [1])
            + prop("model", "phoenix JTAG load")
            + begin(f"memory@{ram_base:x}") + prop("device_type", "memory")
            + prop("reg", [ram_base, ram_size]) + end
            + begin("chosen") + prop("linux,initrd-start", [image])
            + prop("linux,initrd-end", [image + image_size]) + prop("bootargs", "") + end
            + end + struct.pack(">I", 9))
    header_size, rsvmap_size = 40, 16   # the reserve map: its empty terminating entry
    off_struct = header_size + rsvmap_size
    off_strings = off_struct + len(body)
    total = off_strings + len(strings)
    header = struct.pack(">10I", 0xd00dfeed, total, off_struct, off_strings, header_size,
                         17, 16, 0, len(strings), len(body))
    return header + bytes(rsvmap_size) + body + bytes(strings)


def boot_files(board, build_dir, image="system"):
    """The kernel, the boot image and the boot information written for this board's layout."""
    lay = layout(board)
    kernel = os.path.join(build_dir, "kernel", "kernel.bin")
    boot_image = os.path.join(build_dir, f"{image}.img")
    for path in (kernel, boot_image):
        if not os.path.exists(path):
            sys.exit(f"{path} is missing: build the board first (make build BOARD={board})")
    size = os.path.getsize(boot_image)
    ram_end = lay["ram_base"] + lay["ram_size"]
    if not (lay["ram_base"] <= lay["kernel"] and lay["image"] + size <= ram_end):
        sys.exit(f"the layout of board/{board}/openocd.cfg does not fit its RAM: {lay}")
    make = {"atag": atag_list, "fdt": device_tree}[lay["boot_info"]]
    info = os.path.join(build_dir, f"jtag-{lay['boot_info']}.bin")
    with open(info, "wb") as f:
        f.write(make(lay["ram_base"], lay["ram_size"], lay["image"], size))
    return kernel, boot_image, info


def tcl_args(*paths):
    return " ".join("{" + p + "}" for p in paths)


def flash(a):
    files = boot_files(a.board, a.build_dir, a.image)
    cmd = openocd_args(a.board, a.adapter, a.set) + ["-c", "init", "-c", f"phoenix_boot {tcl_args(*files)}",
                                                     "-c", "shutdown"]
    if a.print:
        print(shlex.join(cmd))
        return 0
    return subprocess.run(cmd).returncode


def debug(a):
    cmd = openocd_args(a.board, a.adapter, a.set) + ["-c", f"gdb_port {GDB_PORT}", "-c", "init"]
    if a.attach:
        cmd += ["-c", "halt", "-c", 'echo "phoenix: attached"']
    else:
        files = boot_files(a.board, a.build_dir, a.image)
        cmd += ["-c", f"phoenix_load {tcl_args(*files)}"]
    elf = os.path.join(a.build_dir, "kernel", "kernel.elf")
    gdb = ["gdb-multiarch", elf, "-ex", f"target extended-remote 127.0.0.1:{GDB_PORT}"]
    if a.print:
        print(shlex.join(cmd))
        print(shlex.join(gdb))
        return 0
    if not shutil.which("gdb-multiarch"):
        sys.exit("gdb-multiarch is missing: run toolchain/install-deps.sh")
    # Its own session: ^C in gdb stops the target, it must not end OpenOCD.
    ocd = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           start_new_session=True)
    try:
        # gdb connects once the OS is in RAM and the core waits at its entry.
        for line in ocd.stdout:
            sys.stderr.write(line)
            if line.startswith("phoenix: "):
                break
        else:
            return ocd.wait() or 1
        print("OpenOCD holds core 0 at the kernel's entry with the MMU off: use hardware "
              "breakpoints (`hbreak kernel_main`), since the kernel's linked addresses are not "
              "mapped yet and a software one would be written to the wrong place; then `continue`",
              file=sys.stderr)
        # The rest of OpenOCD's log goes on to the terminal while gdb runs.
        threading.Thread(target=lambda: [sys.stderr.write(x) for x in ocd.stdout],
                         daemon=True).start()
        old = signal.signal(signal.SIGINT, signal.SIG_IGN)   # ^C is gdb's
        try:
            return subprocess.run(gdb).returncode
        finally:
            signal.signal(signal.SIGINT, old)
    finally:
        if ocd.poll() is None:
            ocd.terminate()
            ocd.wait(timeout=10)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", choices=["flash", "debug", "layout"],
                    help="flash: load and start; debug: load, stop at the entry, run gdb; "
                         "layout: print where the cfg puts things")
    ap.add_argument("--board", required=True)
    ap.add_argument("--build-dir", help="the board's build folder (default: build/<board>)")
    ap.add_argument("--image", default="system", help="boot image: system or bench")
    ap.add_argument("--adapter", default=os.environ.get("ADAPTER") or None,
                    help="OpenOCD interface script (default: the cfg's; env ADAPTER)")
    ap.add_argument("--set", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                    help="set an OpenOCD variable before the cfg (e.g. PHOENIX_RESET 1)")
    ap.add_argument("--attach", action="store_true", help="debug: only halt, load nothing")
    ap.add_argument("--print", action="store_true", help="print the commands instead")
    a = ap.parse_args()
    a.build_dir = a.build_dir or os.path.join(ROOT, "build", a.board)
    if not shutil.which("openocd"):
        sys.exit("openocd is missing: run toolchain/install-deps.sh")
    if a.action == "layout":
        print(layout(a.board))
        return 0
    return flash(a) if a.action == "flash" else debug(a)


if __name__ == "__main__":
    sys.exit(main())
