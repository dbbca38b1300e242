#!/bin/sh
# Installs every Debian package the build, the tests and the benchmarks need.
# Idempotent and silent when everything is present; the README's commands run it first.
set -e

PACKAGES="cmake ninja-build gcc gcc-multilib libcmocka-dev python3 python3-pytest python3-pexpect
qemu-system-x86 qemu-system-arm grub-pc-bin grub-common xorriso mtools gdb-multiarch
gcc-arm-none-eabi libnewlib-arm-none-eabi u-boot-qemu u-boot-tools e2fsprogs
newlib-source make xz-utils openocd device-tree-compiler u-boot-sunxi:armhf"
# u-boot-sunxi (SPL and U-Boot for the Allwinner boards' SD cards) is built for armhf only;
# its files are data to us, so that architecture is added to dpkg's (once).
FOREIGN_ARCH=armhf

missing=""
for p in $PACKAGES; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [ "$status" = "installed" ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "Installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
if ! dpkg --print-foreign-architectures | grep -qx "$FOREIGN_ARCH"; then
    $SUDO dpkg --add-architecture "$FOREIGN_ARCH"
fi
# One unreachable index must not stop the install: what the others list may be enough.
$SUDO apt-get update -qq || echo "apt-get update failed for some index; installing anyway" >&2
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
