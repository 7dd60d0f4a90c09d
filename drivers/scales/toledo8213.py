"""Toledo 8213 (7E1, 9600): send ``W``; reply ``STX weight CR`` or ``STX ? status CR``.

The weight reply carries no unit: the scale's configured unit is a driver option. The status
byte's low bits flag motion (0), over capacity (1), under zero (2) and out of range (3);
bit 5 is always set, so valid status bytes lie in 0x20..0x3F.
"""

from __future__ import annotations

import re

from drivers.errors import ProtocolError
from drivers.i18n import _
from drivers.scales.base import (
    ScaleCommandReply,
    ScaleFrame,
    ScaleReading,
    ScaleState,
    Unreadable,
    check_bytes,
    reading_from_flags,
)
from drivers.weight import Unit, Weight

STX, CR = 0x02, 0x0D
POLL = b"W"
ZERO = b"Z"

_WEIGHT = re.compile(rb"[ 0-9.+-]{1,10}")
_STATUS = re.compile(rb"\?([\x20-\x3f]{1,3})")


class Toledo8213Parser:
    """Incremental parser; bytes before the first STX (a frame cut by the open) are dropped."""

    max_frame = 16

    def __init__(self, unit: Unit = Unit.KILOGRAM) -> None:
        self.unit = unit
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[ScaleFrame]:
        self._buffer += check_bytes(data)
        frames: list[ScaleFrame] = []
        while True:
            start = self._buffer.find(STX)
            if start < 0:
                if len(self._buffer) > self.max_frame:
                    frames.append(Unreadable(bytes(self._buffer), _("No 8213 frame start (STX).")))
                self._buffer.clear()
                break
            if start > 0:
                junk = bytes(self._buffer[:start])
                del self._buffer[:start]
                if junk.strip(b"\r\n"):
                    frames.append(Unreadable(junk, _("Bytes outside an 8213 frame.")))
            end = self._buffer.find(CR)
            if end < 0:
                if len(self._buffer) > self.max_frame:
                    frames.append(Unreadable(bytes(self._buffer), _("8213 frame too long.")))
                    self._buffer.clear()
                break
            restart = self._buffer.rfind(STX, 1, end)
            if restart > 0:  # a frame began again: what came before it was a broken frame
                frames.append(Unreadable(bytes(self._buffer[:restart]), _("Broken 8213 frame.")))
                del self._buffer[:restart]
                continue
            frame = bytes(self._buffer[: end + 1])
            del self._buffer[: end + 1]
            frames.append(self._parse(frame))
        return frames

    def _parse(self, frame: bytes) -> ScaleFrame:
        body = frame[1:-1]
        status = _STATUS.fullmatch(body)
        if status is not None:
            flags = status.group(1)[0]
            motion, over, under, out_of_range = (bool(flags & (1 << i)) for i in range(4))
            if not (motion or over or under or out_of_range):
                return ScaleCommandReply("status", True, frame)
            return reading_from_flags(
                None, motion=motion, over=over or out_of_range, under=under, raw=frame
            )
        if _WEIGHT.fullmatch(body) is None:
            return Unreadable(frame, _("Not an 8213 weight reply."))
        try:
            weight = Weight.parse(body.decode("ascii"), self.unit)
        except ProtocolError as exc:
            return Unreadable(frame, exc.message)
        return ScaleReading(ScaleState.STABLE, weight, frame)
