"""The udev rule the .deb installs lets the station group open every HID scale the driver
knows (hidraw and the USB node), and keeps ModemManager off serial scales. Before: Dymo
8005/8007/800b and Mettler f001 were missing, and ModemManager probed serial scales."""

from __future__ import annotations

import re
from pathlib import Path

from drivers.scales.hid_postal import KNOWN_SCALES

RULES = Path(__file__).resolve().parents[2] / "installer" / "linux" / "60-packing-station.rules"


def _covered(kind: str) -> set[tuple[int, int]]:
    found = set()
    pattern = (r'KERNEL=="hidraw\*", ATTRS\{idVendor\}=="([0-9a-f]{4})", '
               r'ATTRS\{idProduct\}=="([0-9a-f|]+)"') if kind == "hidraw" else (
               r'SUBSYSTEM=="usb", ATTR\{idVendor\}=="([0-9a-f]{4})", '
               r'ATTR\{idProduct\}=="([0-9a-f|]+)"')
    for vendor, products in re.findall(pattern, RULES.read_text()):
        found |= {(int(vendor, 16), int(p, 16)) for p in products.split("|")}
    return found


def test_every_known_hid_scale_is_opened_by_the_station_group():
    for kind in ("hidraw", "usb"):
        assert set(KNOWN_SCALES) <= _covered(kind), set(KNOWN_SCALES) - _covered(kind)


def test_serial_ports_are_kept_from_modemmanager():
    tty = [line for line in RULES.read_text().splitlines() if line.startswith('SUBSYSTEM=="tty"')]
    assert tty and all('ENV{ID_MM_DEVICE_IGNORE}="1"' in line for line in tty)
