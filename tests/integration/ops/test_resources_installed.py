"""An installed wheel (not the source checkout) finds resources/: label templates, fonts,
sounds, translations. Built and installed for real into a temporary prefix."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PROBE = """
import station, station.resources as r
from station.labels.templates import TEMPLATE_DIR, template_names
from station.labels.text import FONT_PATH
print(station.__file__)
print(r.resource_dir())
print(",".join(sorted(template_names())))
print(FONT_PATH.is_file())
print((r.resource_dir() / "translations" / "station_zh_CN.qm").is_file())
"""


def test_an_installed_wheel_finds_its_resources(tmp_path):
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(tmp_path / "wheel"), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    wheel = next((tmp_path / "wheel").glob("packing_station-*.whl"))
    prefix = tmp_path / "prefix"
    subprocess.run([*pip, "install", "--no-deps", "--no-compile", "--ignore-installed",
                    "--prefix", str(prefix),
                    str(wheel)], check=True, capture_output=True, timeout=300)
    site = next(prefix.glob("lib/python3*/site-packages"))
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=tmp_path, capture_output=True, text=True, timeout=60,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
    )
    assert out.returncode == 0, out.stderr
    module, folder, names, font, qm = out.stdout.splitlines()
    assert module.startswith(str(site))  # the installed copy, not the checkout
    assert folder == str(prefix / "share" / "packing-station" / "resources")
    assert "carrier_100x150" in names and "ewaybill_100x180" in names
    assert font == "True" and qm == "True"
