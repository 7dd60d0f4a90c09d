"""CAS continuous output (PD/ED/SW series): lines like ``ST,GS,  000013.5 kg`` CR LF.

Header 1: ST stable, US unstable, OL overload. Header 2: GS gross, NT net (TR tare on some
models). Some models put a one-character device id field after header 2.
Request mode (some models): host sends ENQ, scale answers ACK, host sends DC1, scale answers
one weight line.
"""

from __future__ import annotations

import re

from drivers.errors import ProtocolError
from drivers.i18n import _
from drivers.scales.base import (
    DelimitedParser,
    ScaleCommandReply,
    ScaleFrame,
    Unreadable,
    check_bytes,
    reading_from_flags,
)
from drivers.weight import Weight

ENQ = b"\x05"
ACK = b"\x06"
DC1 = b"\x11"

_LINE = re.compile(
    rb"(ST|US|OL),(GS|NT|TR),(?:[0-9A-Za-z],)?"
    rb"([ +\-0-9.]{1,12}?)\s*([A-Za-z]{1,3})?\s*"
)


class CasParser(DelimitedParser):
    """Incremental CAS continuous-output parser."""

    terminator = b"\n"
    max_frame = 40

    def feed(self, data: bytes) -> list[ScaleFrame]:
        data = check_bytes(data)
        acks = data.count(ACK)  # request mode: ACK never occurs inside a weight line
        replies: list[ScaleFrame] = [ScaleCommandReply("enq", True, ACK)] * acks
        return replies + super().feed(data.replace(ACK, b"") if acks else data)

    def parse_frame(self, frame: bytes) -> ScaleFrame | None:
        line = frame[:-1] if frame.endswith(b"\r") else frame
        if not line.strip(b" \r"):
            return None
        match = _LINE.fullmatch(line)
        if match is None:
            return Unreadable(frame, _("Not a CAS weight line."))
        header, _kind, amount, unit = match.groups()
        if header == b"OL":
            return reading_from_flags(None, motion=False, over=True, under=False, raw=frame)
        if unit is None:
            return Unreadable(frame, _("CAS weight line without a unit."))
        try:
            weight = Weight.parse(amount.decode("ascii"), unit.decode("ascii"))
        except ProtocolError as exc:
            return Unreadable(frame, exc.message)
        return reading_from_flags(
            weight, motion=header == b"US", over=False, under=False, raw=frame
        )
