#!/bin/sh
# Builds newlib (libc.a, libm.a and headers) for i386 user programs with the host gcc -m32,
# from Debian's newlib-source, into OUTDIR/lib and OUTDIR/include. Does nothing if
# OUTDIR/lib/libc.a exists (toolchain/newlib.cmake runs it from the CMake configure: delete OUTDIR
# and configure again to rebuild). Usage: build-newlib-x86.sh OUTDIR
set -e

[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
mkdir -p "$1"
OUT=$(cd "$1" && pwd)
[ -f "$OUT/lib/libc.a" ] && exit 0

TARBALL=$(ls /usr/src/newlib/newlib-*.tar.* 2>/dev/null | head -n 1)
if [ -z "$TARBALL" ]; then
    echo "newlib: no source in /usr/src/newlib; run toolchain/install-deps.sh (newlib-source)" >&2
    exit 1
fi
for tool in make gcc ar ranlib xz; do
    command -v $tool >/dev/null || { echo "newlib: $tool is missing; run toolchain/install-deps.sh" >&2; exit 1; }
done

WORK="$OUT/work"
LOG="$OUT/build.log"
rm -rf "$WORK" "$OUT/lib" "$OUT/include"
mkdir -p "$WORK/src" "$WORK/obj" "$WORK/syscalls"
echo "newlib: building for i386 from $(basename "$TARBALL") (about a minute; log in $LOG)"
start=$(date +%s)

fail() {
    echo "newlib: $1 failed; the end of $LOG:" >&2
    tail -n 20 "$LOG" >&2
    exit 1
}

# The gcc headers first, then newlib's (as arm-none-eabi-gcc orders them), never the host's
# glibc headers. No -ffreestanding: newlib is the hosted C library, and freestanding mode
# would swap its <stdint.h> for gcc's.
# The host gcc also says it compiles for Linux, and newlib's headers would then expect glibc
# (__DYNAMIC_REENT__, 64-bit file calls): an i686-elf compiler defines none of these.
GCC_INCLUDE=$(gcc -m32 -print-file-name=include)
NOT_LINUX="-U__linux__ -U__linux -Ulinux -U__gnu_linux__ -U__unix__ -U__unix -Uunix"
CC_TARGET="gcc -m32 $NOT_LINUX -nostdinc -isystem $GCC_INCLUDE"
# Our programs start without an FPU context of their own and never use SSE; newlib's float
# code is x87. MISSING_SYSCALL_NAMES (which newlib's configure sets for a bare i686-elf) is
# undone so that libc calls _write, _sbrk, ... as on ARM; SIGNAL_PROVIDED: lib/posix has
# signal() and raise() on top of the process manager.
CFLAGS_TARGET="-O2 -g -fno-pic -fno-pie -fno-stack-protector -fno-asynchronous-unwind-tables \
-fno-tree-loop-distribute-patterns -UMISSING_SYSCALL_NAMES -DSIGNAL_PROVIDED"

tar -xf "$TARBALL" -C "$WORK/src" --strip-components=1 >"$LOG" 2>&1 || fail "unpacking"
cd "$WORK/obj"
"$WORK/src/configure" --target=i686-elf --prefix="$WORK/install" --disable-multilib \
    --disable-nls --disable-newlib-supplied-syscalls \
    --enable-newlib-io-long-long --enable-newlib-io-c99-formats \
    CC_FOR_TARGET="$CC_TARGET" AR_FOR_TARGET=ar RANLIB_FOR_TARGET=ranlib \
    AS_FOR_TARGET="as --32" LD_FOR_TARGET="ld -m elf_i386" NM_FOR_TARGET=nm \
    CFLAGS_FOR_TARGET="$CFLAGS_TARGET" >>"$LOG" 2>&1 || fail "configure"
make -j"$(nproc)" all-target-newlib >>"$LOG" 2>&1 || fail "make"
make install-target-newlib >>"$LOG" 2>&1 || fail "make install"

# The POSIX names (write, fork, ...) over the underscore hooks: newlib builds these
# connectors only for targets it knows to have them, ARM among them; i686-elf is not.
INSTALL="$WORK/install/i686-elf"
cd "$WORK/syscalls"
for src in "$WORK/src/newlib/libc/syscalls"/sys*.c; do
    $CC_TARGET -isystem "$INSTALL/include" $CFLAGS_TARGET -c "$src" >>"$LOG" 2>&1 ||
        fail "compiling $(basename "$src")"
done
ar rcs "$INSTALL/lib/libc.a" ./*.o >>"$LOG" 2>&1 || fail "adding the syscall connectors"

mv "$INSTALL/include" "$OUT/include"
mkdir -p "$OUT/lib.tmp"
mv "$INSTALL/lib/libc.a" "$INSTALL/lib/libm.a" "$OUT/lib.tmp/"
cd "$OUT"
rm -rf "$WORK"
mv "$OUT/lib.tmp" "$OUT/lib"   # last: libc.a appears only once everything is in place
echo "newlib: done in $(( $(date +%s) - start )) s"
