"""The SDK of each built board (build/<board>/sdk): phoenix-cc compiles and links
tests/sdk/hello.c, alone and in separate steps, and so does a CMake project with the SDK's
toolchain file, into a static ELF for the board's processor; the program then runs on the OS."""
import json
import os
import shutil
import struct
import subprocess
import sys

import pytest

from conftest import ROOT, Console

HELLO = os.path.join(ROOT, "tests", "sdk", "hello.c")
ELF_MACHINE = {"x86": 3, "arm": 40}   # EM_386, EM_ARM


def sdk(board):
    path = os.path.join(ROOT, "build", board, "sdk")
    if not os.path.exists(os.path.join(path, "bin", "phoenix-cc")):
        pytest.skip(f"no SDK in build/{board}")
    return path


def arch(board):
    with open(os.path.join(ROOT, "build", board, "run.json")) as f:
        return json.load(f)["arch"]


def check_elf(path, board):
    """A 32-bit little-endian static executable for the board's machine, entered in user space."""
    with open(path, "rb") as f:
        head = f.read(52)
    assert head[:4] == b"\x7fELF", f"{path} is not an ELF file"
    assert head[4] == 1 and head[5] == 1, "not 32-bit little-endian"
    e_type, e_machine = struct.unpack_from("<HH", head, 16)
    e_entry, e_phoff = struct.unpack_from("<II", head, 24)
    assert e_type == 2, f"e_type {e_type}, not an executable"
    assert e_machine == ELF_MACHINE[arch(board)], f"e_machine {e_machine} for {board}"
    assert 0x1000 <= e_entry < 0x80000000, f"entry {e_entry:#x} outside user space"
    with open(path, "rb") as f:
        f.seek(e_phoff)
        phdrs = f.read(32 * 8)
    interp = [i for i in range(0, len(phdrs) - 31, 32) if struct.unpack_from("<I", phdrs, i)[0] == 3]
    assert not interp, "a dynamic executable (PT_INTERP)"


def run(cmd, **kwargs):
    r = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    assert r.returncode == 0, f"{' '.join(cmd)} failed:\n{r.stdout}\n{r.stderr}"
    return r


def test_phoenix_cc_makes_a_program(board, tmp_path):
    cc = os.path.join(sdk(board), "bin", "phoenix-cc")
    out = tmp_path / "hello"
    run([cc, "-Wall", "-Werror", "-o", str(out), HELLO])
    check_elf(out, board)


def test_compile_and_link_apart(board, tmp_path):
    cc = os.path.join(sdk(board), "bin", "phoenix-cc")
    obj, out = tmp_path / "hello.o", tmp_path / "hello"
    run([cc, "-c", "-o", str(obj), HELLO])
    with open(obj, "rb") as f:
        assert struct.unpack_from("<H", f.read(18), 16)[0] == 1, "-c did not stop at an object"
    run([cc, "-o", str(out), str(obj), "-lm"])
    check_elf(out, board)


def test_errors_fail_the_compile(board, tmp_path):
    cc = os.path.join(sdk(board), "bin", "phoenix-cc")
    bad = tmp_path / "bad.c"
    bad.write_text("int main(void) { return undefined_thing(); }\n")
    r = subprocess.run([cc, "-o", str(tmp_path / "bad"), str(bad)], capture_output=True, text=True)
    assert r.returncode != 0 and "undefined_thing" in r.stderr


def test_cmake_toolchain_file(board, tmp_path):
    toolchain = os.path.join(sdk(board), "phoenix.cmake")
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(HELLO, src / "hello.c")
    (src / "CMakeLists.txt").write_text(
        "cmake_minimum_required(VERSION 3.20)\nproject(hello C)\nadd_executable(hello hello.c)\n")
    build = tmp_path / "build"
    run(["cmake", "-S", str(src), "-B", str(build), "-G", "Ninja",
         f"-DCMAKE_TOOLCHAIN_FILE={toolchain}"])
    run(["cmake", "--build", str(build)])
    check_elf(build / "hello", board)


def test_the_program_runs_on_the_os(board, tmp_path, console_factory):
    """Packed with the log server into build/<board>/sdk-test.img and booted."""
    cc = os.path.join(sdk(board), "bin", "phoenix-cc")
    programs = tmp_path / "programs"
    programs.mkdir()
    run([cc, "-o", str(programs / "sdk_hello"), HELLO])
    shutil.copy(os.path.join(ROOT, "build", board, "programs", "log"), programs / "log")
    image = os.path.join(ROOT, "build", board, "sdk-test.img")
    run([sys.executable, os.path.join(ROOT, "boot", "mkbootimg.py"),
         os.path.join(ROOT, "tests", "sdk", "sdk_hello.toml"), str(programs), image,
         "--board-dir", os.path.join(ROOT, "board", board)])
    console = console_factory(board, "sdk-test", name="sdk-test")
    machine = {"x86": "i386", "arm": "armv7"}[arch(board)]
    console.wait_for(rf"sdk_hello: hello from phoenix on {machine}, 2 arguments: one two\n",
                     r"sdk_hello: open: Function not implemented\n", timeout=30)


def test_overlay_program_runs_from_the_root_file_system(board, tmp_path, console_factory):
    """An SDK program in an overlay folder goes into a root image made as the build makes
    root.img (boot/mkrootfs.py, build/<board>/rootfs.json); the shell runs it from /usr/bin,
    where it finds /etc/motd through VFS, and the disk is clean afterwards."""
    cc = os.path.join(sdk(board), "bin", "phoenix-cc")
    overlay = tmp_path / "overlay"
    (overlay / "usr" / "bin").mkdir(parents=True)
    run([cc, "-o", str(overlay / "usr" / "bin" / "hello"), HELLO])
    (overlay / "etc").mkdir()
    (overlay / "etc" / "greeting").write_text("from the overlay\n")
    build = os.path.join(ROOT, "build", board)
    with open(os.path.join(build, "rootfs.json")) as f:
        spec = json.load(f)
    disk = str(tmp_path / "root.img")
    run([sys.executable, os.path.join(ROOT, "boot", "mkrootfs.py"), disk, str(spec["size_mib"]),
         os.path.join(build, "programs"), f"--bin={spec['bin']}", f"--sbin={spec['sbin']}",
         "--skel", os.path.join(ROOT, "rootfs"), "--strip", spec["strip"], "--overlay", str(overlay)])
    console = console_factory(board, "system", name="overlay", disk=disk)
    console.wait_for(r"phoenix: root file system mounted", r"# $", timeout=60)
    console.child.send("/usr/bin/hello a b; cat /etc/greeting; sync; echo done-$?\r")
    machine = {"x86": "i386", "arm": "armv7"}[arch(board)]
    console.wait_for(rf"sdk_hello: hello from phoenix on {machine}, 2 arguments: a b\n",
                     r"sdk_hello: open: ok\n", r"from the overlay\n", r"done-0\n", timeout=30)
    clean, report = console.fsck()
    assert clean, report
