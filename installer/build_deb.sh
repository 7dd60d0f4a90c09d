#!/usr/bin/env bash
# Build the .deb from the PyInstaller bundle (installer/build.sh builds both):
#   /opt/packing-station/        the bundle (runs without a Python on the machine)
#   /usr/bin/station             symlink to /opt/packing-station/station
#   /usr/share/applications/     desktop entry
#   /etc/xdg/autostart/           the same entry: the station starts when a user logs in
#   /usr/lib/udev/rules.d/       device access for the packing-station group
#   /etc/packing-station/station.toml   default settings (a conffile: upgrades keep IT's edits)
# Usage: installer/build_deb.sh [BUNDLE_DIR] [OUT_DIR]   -> prints the path of the .deb
set -euo pipefail
cd "$(dirname "$0")/.."

bundle=${1:-build/dist/packing-station}
out=${2:-build}
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' station/__init__.py)
arch=$(dpkg --print-architecture)
root=$out/deb/packing-station_${version}_${arch}
deb=$out/packing-station_${version}_${arch}.deb

test -x "$bundle/station" || { echo "no bundle at $bundle: run installer/build.sh" >&2; exit 1; }
rm -rf "$root"
install -d "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
    "$root/usr/lib/udev/rules.d" "$root/etc/packing-station" "$root/etc/xdg/autostart" \
    "$root/usr/share/doc/packing-station"
cp -a "$bundle" "$root/opt/packing-station"
ln -s /opt/packing-station/station "$root/usr/bin/station"
install -m 644 installer/linux/packing-station.desktop "$root/usr/share/applications/"
# Bench PCs start the station at login; an office PC: Hidden=true in this file (a conffile).
install -m 644 installer/linux/packing-station.desktop "$root/etc/xdg/autostart/"
install -m 644 installer/linux/60-packing-station.rules "$root/usr/lib/udev/rules.d/"
install -m 644 installer/station.toml "$root/etc/packing-station/station.toml"
install -m 755 installer/linux/postinst installer/linux/postrm "$root/DEBIAN/"
printf '%s\n' /etc/packing-station/station.toml /etc/xdg/autostart/packing-station.desktop \
    > "$root/DEBIAN/conffiles"
test -f "$bundle/THIRD-PARTY-LICENSES.txt" || { echo "no licence list: installer/licences.py" >&2; exit 1; }
cat > "$root/usr/share/doc/packing-station/copyright" <<'TXT'
Packing Station. Proprietary.

It bundles third-party components under their own licences: Python (PSF), Qt 6 and PySide6
(LGPL-3.0), and each library listed, with its licence, in
/opt/packing-station/THIRD-PARTY-LICENSES.txt (generated from the bundle's contents; the
licence texts are in /opt/packing-station/licenses/). No component is under the GPL: pack
evidence (PyAV with FFmpeg's GPL encoders) is the separate package packing-station-evidence.
The WenQuanYi Micro Hei font is under the Apache-2.0 licence.
TXT

size_kb=$(du -sk "$root" | cut -f1)
glibc=$(getconf GNU_LIBC_VERSION | awk '{print $2}')  # the bundle needs the glibc it was built on
# The X11/GL libraries Qt's xcb window needs (ui/platform_check.py XCB_PACKAGES); the bundle
# carries Python, Qt and everything else.
cat > "$root/DEBIAN/control" <<CTRL
Package: packing-station
Version: ${version}
Architecture: ${arch}
Maintainer: Packing Station IT <it@example.invalid>
Installed-Size: ${size_kb}
Section: misc
Priority: optional
Depends: libc6 (>= ${glibc}), libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-render-util0, libxcb-randr0, libxcb-shape0, libxcb-xkb1, libxcb-util1, libxkbcommon-x11-0, libx11-xcb1, libegl1, libgl1, libfontconfig1, libdbus-1-3, libglib2.0-0
Recommends: gnome-keyring | kwalletmanager
Description: Pack-and-ship bench software for fulfilment warehouses
 Verify every item of a picked order, weigh the parcel, print the carrier label
 (ZPL, TSPL, ESC/POS) and stage it, online or offline, synced with the central API.
CTRL

# gzip: xz takes minutes on a 236 MB bundle for ~15 % less
dpkg-deb --root-owner-group -Zgzip --build "$root" "$deb" >/dev/null
echo "$deb"
