"""Cubing-device (dimensioner) line protocol: length × width × height of a parcel.

Modelled on the ASCII output of common static cubing devices (the parcel is put on the plate,
the device measures and prints one line); not certified against any one vendor's manual. The
exact grammar is in ``docs/dimensioner.md``:

    host -> device   M<CR>                          measure now (request mode)
    device -> host   L:0300 W:0200 H:0150 mm<CR><LF>    measurement (also sent unprompted
                                                    when the device's own trigger fires)
                     E:01 NO OBJECT<CR><LF>          fault: 01 no object, 02 out of range,
                                                    03 object moving, other codes: device fault

Units ``mm`` (integer, or one decimal), ``cm`` (up to one decimal) and ``in`` (up to two
decimals); everything is converted to whole millimetres with integer arithmetic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drivers.errors import DriverError, ProtocolError
from drivers.i18n import _

REQUEST = b"M\r"
MAX_LINE = 256
_MEASURE = re.compile(
    rb"^L:(?P<l>\d{1,6}(?:\.\d{1,2})?) +W:(?P<w>\d{1,6}(?:\.\d{1,2})?) +"
    rb"H:(?P<h>\d{1,6}(?:\.\d{1,2})?) *(?P<unit>mm|cm|in)$"
)
_FAULT = re.compile(rb"^E:(?P<code>\d{2})(?: (?P<text>[ -~]{0,64}))?$")
_DECIMALS = {b"mm": 1, b"cm": 1, b"in": 2}
MAX_MM = 10_000  # nothing on a packing bench is longer than 10 m


@dataclass(frozen=True, slots=True)
class Measurement:
    """A parcel's size in whole millimetres, as the device measured it."""

    length_mm: int
    width_mm: int
    height_mm: int
    raw: bytes = b""


@dataclass(frozen=True, slots=True)
class DimensionerFault:
    """The device answered but could not measure (``code`` as sent, message for people)."""

    code: str
    message: str
    raw: bytes = b""


class DimensionerError(DriverError):
    """The dimensioner could not measure the parcel (no object, out of range, moving...)."""


def _to_mm(value: bytes, unit: bytes, line: bytes) -> int:
    whole, _dot, frac = value.partition(b".")
    if len(frac) > _DECIMALS[unit]:
        raise ProtocolError(
            _("Dimensioner sent too many decimals in {line!r}.").format(line=line[:64]))
    hundredths = int(whole) * 100 + int((frac + b"00")[:2])
    if unit == b"mm":
        mm = (hundredths + 50) // 100
    elif unit == b"cm":
        mm = (hundredths * 10 + 50) // 100
    else:  # inch = 25.4 mm exactly
        mm = (hundredths * 254 + 500) // 1000
    if mm > MAX_MM:
        raise ProtocolError(
            _("Dimensioner reading out of range in {line!r}.").format(line=line[:64]))
    return mm


def fault_message(code: str) -> str:
    """The sentence a packer sees for a device fault code."""
    if code == "01":
        return _("No parcel on the dimensioner.")
    if code == "02":
        return _("The parcel is too big for the dimensioner.")
    if code == "03":
        return _("The parcel moved while being measured: hold it still.")
    return _("The dimensioner reports fault {code}.").format(code=code)


def parse_line(line: bytes) -> Measurement | DimensionerFault:
    """One line without its terminator. Raises ProtocolError for anything else."""
    if not isinstance(line, bytes | bytearray):
        raise ProtocolError(_("Dimensioner data must be bytes."))
    line = bytes(line)
    m = _MEASURE.match(line)
    if m is not None:
        unit = m.group("unit")
        return Measurement(_to_mm(m.group("l"), unit, line), _to_mm(m.group("w"), unit, line),
                           _to_mm(m.group("h"), unit, line), line)
    f = _FAULT.match(line)
    if f is not None:
        code = f.group("code").decode("ascii")
        return DimensionerFault(code, fault_message(code), line)
    raise ProtocolError(
        _("The dimensioner sent {line!r}, which is not a measurement: check the protocol and "
          "baud rate.").format(line=line[:64]))


def encode_measurement(length_mm: int, width_mm: int, height_mm: int, unit: str = "mm") -> bytes:
    """The line a device sends for this size (used by the simulator and golden tests)."""
    if unit == "mm":
        body = f"L:{length_mm:04d} W:{width_mm:04d} H:{height_mm:04d} mm"
    elif unit == "cm":
        body = " ".join(f"{k}:{v // 10}.{v % 10}" for k, v in
                        (("L", length_mm), ("W", width_mm), ("H", height_mm))) + " cm"
    else:
        raise ValueError("unit must be mm or cm")
    return body.encode("ascii") + b"\r\n"


class DimensionerLines:
    """Incremental: feed bytes as they arrive (CR, LF or CRLF ends a line), get readings.
    A garbage line becomes a ProtocolError in the list; the stream carries on after it."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[Measurement | DimensionerFault | ProtocolError]:
        self._buffer += data
        out: list[Measurement | DimensionerFault | ProtocolError] = []
        while True:
            ends = [i for i in (self._buffer.find(b"\r"), self._buffer.find(b"\n")) if i >= 0]
            if not ends:
                break
            end = min(ends)
            line = bytes(self._buffer[:end])
            del self._buffer[: end + 1]
            if not line:
                continue  # the LF of a CRLF, or a blank line
            try:
                out.append(parse_line(line))
            except ProtocolError as exc:
                out.append(exc)
        if len(self._buffer) > MAX_LINE:
            self._buffer.clear()
            out.append(ProtocolError(_("The dimensioner sent a line with no end.")))
        return out
