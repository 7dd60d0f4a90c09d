"""NCI / Avery Weigh-Tronix: ``W CR`` → ``LF weight unit CR LF hh CR ETX``.

``S CR`` and ``Z CR`` answer ``LF hh CR ETX`` (status only); an unknown command ``LF ? CR ETX``.
Status byte 1: bit 0 motion, bit 1 at zero; byte 2: bit 0 under capacity, bit 1 over capacity.
Bits 4-5 of each status byte are always set (ASCII ``0``..``?`` and up).
"""

from __future__ import annotations

import re

from drivers.errors import ProtocolError
from drivers.i18n import _
from drivers.scales.base import (
    ScaleCommandReply,
    ScaleFrame,
    Unreadable,
    check_bytes,
    reading_from_flags,
)
from drivers.weight import Weight

ETX = 0x03
POLL = b"W\r"
STATUS = b"S\r"
ZERO = b"Z\r"
TARE = b"T\r"

_WEIGHT_REPLY = re.compile(rb"\n([^\r\n\x03]{1,16})\r\n([\x30-\x7f]{1,4})\r\Z")
_STATUS_REPLY = re.compile(rb"\n([\x30-\x7f]{1,4})\r\Z")
_BAD_COMMAND = re.compile(rb"\n\?\r\Z")
_FIELD = re.compile(rb"\s*([+-]?\s*[0-9.]+)\s*([A-Za-z]{1,3})\s*")


class NciParser:
    """Incremental NCI parser: a frame ends with ETX and starts at its first LF."""

    max_frame = 48

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[ScaleFrame]:
        self._buffer += check_bytes(data)
        frames: list[ScaleFrame] = []
        while True:
            end = self._buffer.find(ETX)
            if end < 0:
                if len(self._buffer) > self.max_frame:
                    frames.append(Unreadable(bytes(self._buffer), _("NCI frame too long.")))
                    self._buffer.clear()
                break
            segment = bytes(self._buffer[:end])
            del self._buffer[: end + 1]
            frames.append(self._parse(segment[-self.max_frame :] + b"\x03"))
        return frames

    def _parse(self, frame: bytes) -> ScaleFrame:
        segment = frame[:-1]
        weight_reply = _WEIGHT_REPLY.search(segment)
        if weight_reply is not None:
            field, status = weight_reply.groups()
            motion, over, under = _flags(status)
            if over or under:
                return reading_from_flags(None, motion=motion, over=over, under=under, raw=frame)
            parts = _FIELD.fullmatch(field)
            if parts is None:
                return Unreadable(frame, _("Not an NCI weight."))
            try:
                weight = Weight.parse(parts.group(1).decode("ascii"), parts.group(2).decode())
            except ProtocolError as exc:
                return Unreadable(frame, exc.message)
            return reading_from_flags(weight, motion=motion, over=False, under=False, raw=frame)
        if _BAD_COMMAND.search(segment) is not None:
            return ScaleCommandReply(
                "?", False, frame, _("The scale did not understand the command.")
            )
        if _STATUS_REPLY.search(segment) is not None:
            return ScaleCommandReply("status", True, frame)
        return Unreadable(frame, _("Not an NCI reply."))


def _flags(status: bytes) -> tuple[bool, bool, bool]:
    first = status[0]
    second = status[1] if len(status) > 1 else 0x30
    return bool(first & 0x01), bool(second & 0x02), bool(second & 0x01)
