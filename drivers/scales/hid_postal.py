"""USB HID postal scales (Dymo, Stamps.com, Fairbanks, Mettler...): 6-byte input reports.

``[0x03, status, unit, exponent (signed), weight LSB, weight MSB]``. Status 2 zero, 3 motion,
4 stable, 5 under zero, 6 over capacity (1, 7, 8: fault, needs calibration, needs re-zero).
The first report after open can be stale, so it is discarded.
"""

from __future__ import annotations

from drivers.i18n import _
from drivers.scales.base import (
    ScaleFrame,
    ScaleReading,
    ScaleState,
    Unreadable,
    check_bytes,
    reading_from_flags,
)
from drivers.weight import Unit, Weight, scaled

REPORT_ID = 0x03
REPORT_LEN = 6
_UNITS = {1: Unit.MILLIGRAM, 2: Unit.GRAM, 3: Unit.KILOGRAM, 11: Unit.OUNCE, 12: Unit.POUND}
KNOWN_SCALES = (
    (0x0922, 0x8003),
    (0x0922, 0x8004),
    (0x0922, 0x8005),
    (0x0922, 0x8006),
    (0x0922, 0x8007),
    (0x0922, 0x8009),
    (0x0922, 0x800B),  # Dymo M5/M10/M25/S100/S250/S400 families
    (0x1446, 0x6A73),  # Stamps.com
    (0x2474, 0x0550),
    (0x0EB8, 0xF000),
    (0x0EB8, 0xF001),  # Mettler Toledo
    (0x0B67, 0x555E),  # Fairbanks
)


def decode_report(report: bytes) -> ScaleFrame:
    """Decode one 6-byte report."""
    if len(report) != REPORT_LEN or report[0] != REPORT_ID:
        return Unreadable(bytes(report), _("Not a HID scale weight report."))
    status, unit_code, exponent = report[1], report[2], report[3]
    if exponent >= 0x80:
        exponent -= 0x100
    raw = bytes(report)
    if not 1 <= status <= 8:
        return Unreadable(raw, _("Not a HID scale weight report."))
    if status in (1, 7, 8):
        return ScaleReading(
            ScaleState.NO_REPLY, None, raw, _("The scale reports a fault: re-zero or restart it.")
        )
    if status in (5, 6):
        return reading_from_flags(None, motion=False, over=status == 6, under=status == 5, raw=raw)
    unit = _UNITS.get(unit_code)
    if unit is None or not -6 <= exponent <= 3:
        return Unreadable(raw, _("The HID scale uses a unit or scale factor we do not support."))
    amount = scaled(report[4] | report[5] << 8, exponent)
    return reading_from_flags(
        Weight(amount, unit), motion=status == 3, over=False, under=False, raw=raw
    )


class HidPostalParser:
    """Splits a report stream (one report per HID read, or concatenated) into readings."""

    def __init__(self, discard_first: bool = True) -> None:
        self._discard = discard_first
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[ScaleFrame]:
        self._buffer += check_bytes(data)
        frames: list[ScaleFrame] = []
        while self._buffer:
            if self._buffer[0] != REPORT_ID:
                start = self._buffer.find(REPORT_ID)
                junk = bytes(self._buffer if start < 0 else self._buffer[:start])
                del self._buffer[: len(junk)]
                frames.append(Unreadable(junk[:64], _("Not a HID scale weight report.")))
                continue
            if len(self._buffer) < REPORT_LEN:
                break
            frame = decode_report(bytes(self._buffer[:REPORT_LEN]))
            if isinstance(frame, Unreadable):  # not a report start after all
                del self._buffer[:1]
                frames.append(Unreadable(frame.raw[:1], frame.reason))
                continue
            del self._buffer[:REPORT_LEN]
            if self._discard:
                self._discard = False
                continue
            frames.append(frame)
        return frames
