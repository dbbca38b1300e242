#!/usr/bin/env python3
"""Builds the root file system image: an ext2 image made by mke2fs -d from a staging tree
(rootfs/ of the source, the programs in /bin and /sbin, then each overlay folder on top),
with the device files of include/os/fs.h's numbering added by debugfs.

usage: mkrootfs.py OUT.img SIZE_MIB PROGRAMS_DIR --bin a,b,c --sbin init [--skel DIR]
                   [--overlay DIR]... [--block-size 4096] [--strip TOOL]
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

# name, type, major, minor, mode: the drivers' majors are VFS's arguments (boot/servers.toml).
DEVICES = [
    ("console", "c", 4, 0, 0o620), ("tty", "c", 4, 0, 0o666),
    ("ram", "b", 1, 0, 0o600), ("null", "c", 1, 1, 0o666), ("zero", "c", 1, 2, 0o666),
    ("vda", "b", 8, 0, 0o600), ("vdb", "b", 8, 1, 0o600), ("vdc", "b", 8, 2, 0o600),
    ("hda", "b", 3, 0, 0o600), ("hdb", "b", 3, 1, 0o600),
]
DIRS = ["bin", "sbin", "dev", "etc", "tmp", "mnt", "home", "root", "var/log"]


def stage(args, tree):
    if args.skel and os.path.isdir(args.skel):
        shutil.copytree(args.skel, tree, dirs_exist_ok=True)
    for d in DIRS:
        os.makedirs(os.path.join(tree, d), exist_ok=True)
    os.chmod(os.path.join(tree, "tmp"), 0o1777)
    for folder, names in (("bin", args.bin), ("sbin", args.sbin)):
        for name in filter(None, names.split(",")):
            src = os.path.join(args.programs, name)
            if not os.path.exists(src):
                sys.exit(f"mkrootfs: no program {src}")
            dst = os.path.join(tree, folder, name)
            shutil.copyfile(src, dst)
            if args.strip:
                subprocess.run([args.strip, "--strip-debug", dst], check=True)
            os.chmod(dst, 0o755)
    for alias, target in (("[", "test"), ("reboot", "poweroff")):
        if os.path.exists(os.path.join(tree, "bin", target)):
            shutil.copyfile(os.path.join(tree, "bin", target), os.path.join(tree, "bin", alias))
            os.chmod(os.path.join(tree, "bin", alias), 0o755)
    for overlay in args.overlay:
        if not os.path.isdir(overlay):
            sys.exit(f"mkrootfs: overlay {overlay} is not a folder")
        shutil.copytree(overlay, tree, dirs_exist_ok=True, symlinks=True)


def test_images(tree):
    """var/test/small.img in the image, an ext2 file system of 1 MiB with 1 KiB blocks to mount
    from the RAM disk and fill, and var/test/corrupt.img, the same with its superblock's magic
    zeroed."""
    os.makedirs(os.path.join(tree, "var", "test"), exist_ok=True)
    small = os.path.join(tree, "var", "test", "small.img")
    subprocess.run(["mke2fs", "-q", "-F", "-t", "ext2", "-b", "1024", "-L", "small", small, "1M"],
                   check=True, stdout=subprocess.DEVNULL)
    with open(small, "rb") as f:
        data = bytearray(f.read())
    data[1024 + 56:1024 + 58] = b"\0\0"     # s_magic
    with open(os.path.join(tree, "var", "test", "corrupt.img"), "wb") as f:
        f.write(data)


def make_image(args, tree):
    tmp = args.out + ".tmp"
    if os.path.exists(tmp):
        os.remove(tmp)
    subprocess.run(["mke2fs", "-q", "-F", "-t", "ext2", "-b", str(args.block_size), "-L", "root",
                    "-E", "root_owner=0:0", "-d", tree, tmp, f"{args.size}M"], check=True,
                   stdout=subprocess.DEVNULL)
    cmds = ["cd /dev"]
    for name, kind, major, minor, mode in DEVICES:
        cmds += [f"mknod {name} {kind} {major} {minor}",
                 f"sif {name} mode 0{(0o020000 if kind == 'c' else 0o060000) | mode:o}"]
    with tempfile.NamedTemporaryFile("w", suffix=".debugfs", delete=False) as f:
        f.write("\n".join(cmds) + "\n")
        script = f.name
    try:
        subprocess.run(["debugfs", "-w", "-f", script, tmp], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finally:
        os.remove(script)
    check = subprocess.run(["e2fsck", "-fn", tmp], capture_output=True, text=True)
    if check.returncode != 0:
        sys.exit(f"mkrootfs: the new image is not clean:\n{check.stdout}{check.stderr}")
    os.replace(tmp, args.out)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("size", type=int, help="MiB")
    p.add_argument("programs")
    p.add_argument("--bin", default="")
    p.add_argument("--sbin", default="")
    p.add_argument("--skel")
    p.add_argument("--overlay", action="append", default=[])
    p.add_argument("--block-size", type=int, default=4096)
    p.add_argument("--strip", help="the target's strip, to drop debugging sections")
    p.add_argument("--test-images", action="store_true", help="add var/test/small.img and corrupt.img")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tree:
        stage(args, tree)
        if args.test_images:
            test_images(tree)
        make_image(args, tree)


if __name__ == "__main__":
    main()
