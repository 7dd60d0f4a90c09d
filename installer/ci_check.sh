#!/usr/bin/env bash
# CI: build the bundle and the .deb, install the .deb into a clean Debian root (debootstrap
# minbase, cached under build/ci-cache), and run the installed station there:
#   station --version; station db upgrade; station doctor --offline   (as a packer account)
# then remove the package and check that it is gone and the settings stay.
# Needs root (chroot), debootstrap and the project's .venv. Prints the time of each step.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
CACHE=${CI_CACHE:-build/ci-cache}
start=$(date +%s)
step() { echo "== ci_check: $* ($(( $(date +%s) - start )) s)"; }

step "installing PyInstaller (the installer extra)"
"$VENV/bin/python" -m pip install --quiet 'pyinstaller>=6.10'

if [ "${REUSE_BUNDLE:-}" = 1 ] && [ -x build/dist/packing-station/station ]; then
    step "building the .deb from the bundle already built"
    installer/build_deb.sh build/dist/packing-station build
else
    step "building the bundle and the .deb"
    installer/build.sh
fi
deb=$(ls build/packing-station_*.deb)
echo "bundle size: $(du -sh build/dist/packing-station | cut -f1); .deb size: $(du -h "$deb" | cut -f1)"

# The Debian mirror and release this machine already uses (no host name in this script).
mirror=$(sed -n 's/^URIs: *\([^ ]*debian\)\/*$/\1/p' /etc/apt/sources.list.d/debian.sources \
    2>/dev/null | head -1)
if [ -z "$mirror" ]; then
    mirror=$(awk '$1 == "deb" && $3 !~ /security/ {print $2; exit}' /etc/apt/sources.list)
fi
suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
root=$(mktemp -d /tmp/station-debroot.XXXXXX)
cleanup() {
    umount "$root/proc" 2>/dev/null || true
    rm -rf --one-file-system "$root"
}
trap cleanup EXIT

mkdir -p "$CACHE"
tarball="$CACHE/debian-$suite-minbase.tar"
if [ -f "$tarball" ]; then
    step "clean Debian $suite root from the cache"
    tar -C "$root" -xf "$tarball"
else
    step "debootstrap --variant=minbase $suite"
    debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$CACHE/debootstrap.log" 2>&1 \
        || { tail -20 "$CACHE/debootstrap.log"; exit 1; }
    tar -C "$root" -cf "$tarball" .
fi
chmod 755 "$root"  # mktemp made it 0700: the packer account (and apt's _apt) must enter /
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

step "installing $(basename "$deb") and its dependencies with apt"
cp "$deb" "$root/tmp/"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "/tmp/$(basename "$deb")" >"$CACHE/apt-install.log" 2>&1 \
    || { tail -30 "$CACHE/apt-install.log"; exit 1; }

step "checking the installed files"
in_root test -x /opt/packing-station/station
test "$(readlink "$root/usr/bin/station")" = /opt/packing-station/station
in_root test -f /usr/share/applications/packing-station.desktop
in_root test -f /usr/lib/udev/rules.d/60-packing-station.rules
in_root getent group packing-station >/dev/null
in_root dpkg-query -W -f='${Conffiles}\n' packing-station | grep -q /etc/packing-station/station.toml
# the package's Depends bring every library Qt's X11 window needs
missing=$(in_root ldd /opt/packing-station/_internal/PySide6/Qt/plugins/platforms/libqxcb.so \
    | grep "not found" || true)
test -z "$missing" || { echo "the xcb plugin lacks: $missing" >&2; exit 1; }

step "running the installed station as a packer"
in_root useradd --create-home --groups packing-station packer
in_root su packer -c "station --version"
in_root su packer -c "station db upgrade"
in_root su packer -c "station doctor --offline"
in_root su packer -c "station selftest" >/dev/null  # packs the demo orders: resources, store, labels
in_root su packer -c "station doctor --offline --bundle /tmp/support.zip" >/dev/null
in_root test -s /tmp/support.zip

step "uninstalling"
in_root dpkg --remove packing-station >/dev/null
in_root test ! -e /opt/packing-station/station
in_root test ! -e /usr/bin/station
in_root test -f /etc/packing-station/station.toml  # removed, not purged: IT's settings stay

step "done: bundle, .deb, install into a clean Debian root, uninstall"
