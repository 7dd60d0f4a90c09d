"""Toledo continuous output: ``STX SWA SWB SWC wwwwww tttttt CR [checksum]``, ~10-20 frames/s.

SWA bits 0-2 give the decimal point; SWB flags net, negative, out of range, motion and
kg (vs lb). Status bytes always have bit 5 set and bit 6 clear (0x20..0x3F). The optional
checksum is ``(-sum(b & 0x7F)) & 0x7F`` over STX..CR. The stream may start mid-frame: we
resynchronise on the next STX that begins a well-formed frame.
"""

from __future__ import annotations

from drivers.i18n import _
from drivers.scales.base import (
    ScaleFrame,
    Unreadable,
    check_bytes,
    reading_from_flags,
)
from drivers.weight import Unit, Weight, scaled

STX, CR = 0x02, 0x0D
FRAME_LEN = 17  # STX + 3 status + 6 weight + 6 tare + CR
ZERO = b"Z"  # IND terminals accept single-letter commands on the continuous port
TARE = b"T"


def checksum(frame: bytes) -> int:
    """Checksum byte for ``frame`` (STX through CR)."""
    return (-sum(b & 0x7F for b in frame)) & 0x7F


def _status_ok(b: int) -> bool:
    return 0x20 <= (b & 0x7F) <= 0x3F


def _field_ok(field: bytes) -> bool:
    return all(0x30 <= c <= 0x39 or c == 0x20 for c in field) and field.strip(b" ") != b""


class ToledoContinuousParser:
    """Incremental parser. ``with_checksum`` must match the terminal's setting."""

    def __init__(self, with_checksum: bool = False) -> None:
        self.with_checksum = with_checksum
        self._size = FRAME_LEN + (1 if with_checksum else 0)
        self._buffer = bytearray()
        self._junk = 0

    def feed(self, data: bytes) -> list[ScaleFrame]:
        self._buffer += check_bytes(data)
        frames: list[ScaleFrame] = []
        while True:
            start = self._buffer.find(STX)
            if start < 0:
                self._skip(len(self._buffer), frames)
                break
            if start > 0:
                self._skip(start, frames)
            if len(self._buffer) < self._size:
                break
            frame = bytes(self._buffer[: self._size])
            parsed = self._parse(frame)
            if parsed is None:  # not a frame start: skip this STX and look for the next
                self._skip(1, frames)
                continue
            del self._buffer[: self._size]
            self._junk = 0
            frames.append(parsed)
        return frames

    def _skip(self, count: int, frames: list[ScaleFrame]) -> None:
        # Skipped bytes are reported once a frame's worth piles up, so a stream joined
        # mid-frame stays quiet but a wrong baud rate is reported.
        self._junk += count
        skipped = bytes(self._buffer[:count])
        del self._buffer[:count]
        if self._junk >= 2 * self._size:
            frames.append(Unreadable(skipped[-self._size :], _("No Toledo frame in the data.")))
            self._junk = 0

    def _parse(self, frame: bytes) -> ScaleFrame | None:
        swa, swb, swc = frame[1], frame[2], frame[3]
        body, tare = frame[4:10], frame[10:16]
        if not (_status_ok(swa) and _status_ok(swb) and _status_ok(swc)):
            return None
        if frame[16] != CR or not _field_ok(body) or not _field_ok(tare):
            return None
        if self.with_checksum and frame[17] & 0x7F != checksum(frame[:17]):
            return Unreadable(frame, _("Toledo frame checksum is wrong: check the cable."))
        exponent = 2 - (swa & 0x07)
        amount = scaled(int(body.replace(b" ", b"0")), exponent)
        negative = bool(swb & 0x02)
        if negative:
            amount = -amount
        unit = Unit.KILOGRAM if swb & 0x10 else Unit.POUND
        out_of_range = bool(swb & 0x04)
        return reading_from_flags(
            Weight(amount, unit),
            motion=bool(swb & 0x08),
            over=out_of_range and not negative,
            under=out_of_range and negative,
            raw=frame,
        )
