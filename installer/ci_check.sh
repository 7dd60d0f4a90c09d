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

step "installing PyInstaller (the installer extra) and hidapi (HID scales work installed)"
"$VENV/bin/python" -m pip install --quiet 'pyinstaller>=6.10' 'hidapi>=0.14'

if [ "${REUSE_BUNDLE:-}" = 1 ] && [ -x build/dist/packing-station/station ]; then
    step "building the .deb from the bundle already built"
    installer/build_deb.sh build/dist/packing-station build
else
    step "building the bundle and the .deb"
    installer/build.sh
fi
deb=$(ls build/packing-station_[0-9]*.deb)
bundle_mb=$(( $(du -sb build/dist/packing-station | cut -f1) / 1000000 ))
deb_mb=$(( $(stat -c %s "$deb") / 1000000 ))
echo "bundle size: ${bundle_mb} MB (goal <= 250); .deb size: ${deb_mb} MB (goal <= 110)"
[ "$bundle_mb" -le 250 ] && [ "$deb_mb" -le 110 ] || { echo "the bundle or .deb grew past its goal" >&2; exit 1; }
step "checking the bundle's contents and licences"
ls build/dist/packing-station/_internal/hid.cpython-*.so >/dev/null  # USB HID scales
test ! -e build/dist/packing-station/_internal/av || { echo "PyAV (GPL encoders) is in the default bundle" >&2; exit 1; }
grep -q "^PySide6_Essentials .*LGPL" build/dist/packing-station/THIRD-PARTY-LICENSES.txt
echo "licences listed: $(grep -c ': ' build/dist/packing-station/THIRD-PARTY-LICENSES.txt)"
step "building the pack evidence add-on (PyAV, GPL encoders: a package of its own)"
addon=$(installer/build_evidence_addon.sh build)
echo "add-on: $(basename "$addon") ($(( $(stat -c %s "$addon") / 1000000 )) MB)"

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
cp "$addon" "$root/tmp/"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "/tmp/$(basename "$deb")" >"$CACHE/apt-install.log" 2>&1 \
    || { tail -30 "$CACHE/apt-install.log"; exit 1; }

step "checking the installed files"
in_root test -x /opt/packing-station/station
test "$(readlink "$root/usr/bin/station")" = /opt/packing-station/station
in_root test -f /usr/share/applications/packing-station.desktop
in_root test -f /usr/lib/udev/rules.d/60-packing-station.rules
in_root test -f /etc/xdg/autostart/packing-station.desktop  # starts at every user's login
in_root test -f /opt/packing-station/THIRD-PARTY-LICENSES.txt
in_root getent group packing-station >/dev/null
test "$(in_root stat -c '%a %U %G' /var/lib/packing-station)" = "2770 root packing-station"
in_root dpkg-query -W -f='${Conffiles}\n' packing-station | grep -q /etc/packing-station/station.toml
# the package's Depends bring every library Qt's X11 window needs
missing=$(in_root ldd /opt/packing-station/_internal/PySide6/Qt/plugins/platforms/libqxcb.so \
    | grep "not found" || true)
test -z "$missing" || { echo "the xcb plugin lacks: $missing" >&2; exit 1; }

step "running the installed station as a packer"
in_root useradd --create-home --groups packing-station packer
in_root useradd --create-home --groups packing-station packer2
in_root su packer -c "station --version"
in_root su packer -c "station db upgrade"
in_root su packer -c "station doctor --offline"

step "one station for every OS user: machine enrolment against a central on loopback"
central_db=$(mktemp -d /tmp/station-ci-central.XXXXXX)
port=$("$VENV/bin/python" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
"$VENV/bin/station-central" seed --demo --db "sqlite:///$central_db/c.sqlite3" >/dev/null
code=$("$VENV/bin/station-central" enrol-code create --station ST-01 --db "sqlite:///$central_db/c.sqlite3" 2>/dev/null)
"$VENV/bin/station-central" serve --db "sqlite:///$central_db/c.sqlite3" --port "$port" &
central_pid=$!
cleanup_central() { kill "$central_pid" 2>/dev/null || true; rm -rf "$central_db"; cleanup; }
trap cleanup_central EXIT
"$VENV/bin/python" - "$port" <<'PY'
import sys, time, requests
for _ in range(100):
    try:
        if requests.get(f"http://127.0.0.1:{sys.argv[1]}/healthz", timeout=1).ok:
            break
    except requests.RequestException:
        time.sleep(0.1)
PY
printf '\n[central]\nurl = "http://127.0.0.1:%s"\n' "$port" >> "$root/etc/packing-station/station.toml"
if in_root su packer -c "station enroll --machine http://127.0.0.1:$port $code" 2>/dev/null; then
    echo "a packer could enrol the machine" >&2; exit 1
fi
code=$("$VENV/bin/station-central" enrol-code create --station ST-01 --db "sqlite:///$central_db/c.sqlite3" 2>/dev/null)
in_root station enroll --machine "http://127.0.0.1:$port" "$code"
test "$(in_root stat -c '%a %U %G' /etc/packing-station/token)" = "640 root packing-station"
for user in packer packer2; do  # each OS user: the same token, the same database
    in_root su "$user" -c "station doctor" >"$CACHE/doctor-$user.log"
    grep -q "token is accepted" "$CACHE/doctor-$user.log"
    grep -q "/var/lib/packing-station/station.sqlite3" "$CACHE/doctor-$user.log"
done
test "$(in_root stat -c '%a %G' /var/lib/packing-station/station.sqlite3)" = "660 packing-station"

step "pack evidence: reported missing without the add-on, recording with it"
if in_root su packer -c "STATION_CAMERA__URI=sim://testsrc station doctor --offline" \
    >"$CACHE/doctor-camera.log" 2>&1; then
    echo "doctor passed a camera without the evidence add-on" >&2; exit 1
fi
grep -q "add-on is not installed" "$CACHE/doctor-camera.log"
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "/tmp/$(basename "$addon")" >"$CACHE/apt-addon.log" 2>&1 || { tail -20 "$CACHE/apt-addon.log"; exit 1; }
in_root su packer -c "STATION_CAMERA__URI=sim://testsrc station doctor --offline" \
    >"$CACHE/doctor-camera-addon.log" 2>&1 || { cat "$CACHE/doctor-camera-addon.log"; exit 1; }
grep -q "sends" "$CACHE/doctor-camera-addon.log"
in_root dpkg --remove packing-station-evidence >/dev/null
in_root su packer -c "station selftest" >/dev/null  # packs the demo orders: resources, store, labels
in_root su packer -c "station doctor --offline --bundle /tmp/support.zip" >/dev/null
in_root test -s /tmp/support.zip

step "uninstalling"
in_root dpkg --remove packing-station >/dev/null
in_root test ! -e /opt/packing-station/station
in_root test ! -e /usr/bin/station
in_root test -f /etc/packing-station/station.toml  # removed, not purged: IT's settings stay

step "Debian 11 (glibc 2.31): apt refuses the package instead of installing a broken one"
old_root=$(mktemp -d /tmp/station-bullseye.XXXXXX)
chmod 755 "$old_root"
debootstrap --variant=minbase bullseye "$old_root" "$mirror" >"$CACHE/debootstrap-bullseye.log" 2>&1 \
    || { tail -20 "$CACHE/debootstrap-bullseye.log"; exit 1; }
cp "$deb" "$old_root/tmp/"
cp /etc/resolv.conf "$old_root/etc/resolv.conf"
if chroot "$old_root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    sh -c "apt-get update -qq && apt-get install -y -q /tmp/$(basename "$deb")" \
    >"$CACHE/apt-bullseye.log" 2>&1; then
    echo "apt installed the package on Debian 11" >&2; exit 1
fi
grep "Depends: libc6 (>= 2.36) but 2.31" "$CACHE/apt-bullseye.log"
rm -rf --one-file-system "$old_root"

step "done: bundle, .deb, install into a clean Debian root, uninstall"
