#!/usr/bin/env bash
# Build the one-folder bundle (build/dist/packing-station) and, on Debian/Ubuntu, the .deb.
# Needs the project's venv with the installer extra: pip install -e '.[installer]'.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
"$VENV/bin/python" -m PyInstaller --noconfirm --log-level WARN \
    --distpath build/dist --workpath build/pyinstaller installer/station.spec
# The licence list from what went in; a GPL component fails the build here.
"$VENV/bin/python" installer/licences.py build/dist/packing-station
echo "bundle: build/dist/packing-station ($(du -sh build/dist/packing-station | cut -f1))"
if command -v dpkg-deb >/dev/null 2>&1; then
    installer/build_deb.sh build/dist/packing-station build
fi
