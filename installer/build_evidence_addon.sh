#!/usr/bin/env bash
# The pack evidence add-on .deb: PyAV and NumPy (the versions of the build venv) for the
# bundle's Python, in /opt/packing-station/addons/evidence (installer/station_main.py puts it
# on sys.path). Separate because PyAV's wheels carry FFmpeg built with x264/x265 (GPL): the
# default package ships no GPL code; a warehouse that records pack videos installs this too.
# Usage: installer/build_evidence_addon.sh [OUT_DIR]   -> prints the path of the .deb
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
out=${1:-build}
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' station/__init__.py)
arch=$(dpkg --print-architecture)
av=$("$VENV/bin/python" -c "import importlib.metadata as m; print(m.version('av'))")
np=$("$VENV/bin/python" -c "import importlib.metadata as m; print(m.version('numpy'))")
root=$out/deb/packing-station-evidence_${version}_${arch}
deb=$out/packing-station-evidence_${version}_${arch}.deb
rm -rf "$root"
install -d "$root/DEBIAN" "$root/opt/packing-station/addons" \
    "$root/usr/share/doc/packing-station-evidence"
"$VENV/bin/python" -m pip install --quiet --no-deps --no-compile \
    --target "$root/opt/packing-station/addons/evidence" "av==$av" "numpy==$np"
rm -rf "$root/opt/packing-station/addons/evidence/bin"
cat > "$root/usr/share/doc/packing-station-evidence/copyright" <<TXT
Pack evidence add-on for Packing Station: PyAV $av (BSD-3-Clause) with the FFmpeg libraries
of its wheel, built with libx264 and libx265 (GPL-2.0-or-later), and NumPy $np (BSD-3-Clause).
As a whole this add-on is distributed under the GPL-2.0-or-later; its licence texts are in
/opt/packing-station/addons/evidence/*.dist-info/ and av.libs/. The station itself does not
need it: without the add-on a configured [camera] is reported and ignored.
TXT
size_kb=$(du -sk "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CTRL
Package: packing-station-evidence
Version: ${version}
Architecture: ${arch}
Maintainer: Packing Station IT <it@example.invalid>
Installed-Size: ${size_kb}
Section: misc
Priority: optional
Depends: packing-station (= ${version})
Description: Pack evidence add-on for Packing Station (video of every pack)
 Records one H.264 clip per pack with the order, tracking numbers and operator burned in.
 Contains FFmpeg with GPL encoders (x264, x265), hence a separate package.
CTRL
dpkg-deb --root-owner-group -Zgzip --build "$root" "$deb" >/dev/null
echo "$deb"
