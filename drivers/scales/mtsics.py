"""Mettler Toledo MT-SICS: ASCII commands and replies, each line ended by CR LF.

Reply ``S S     100.00 g``: identifier, status (S stable, D dynamic, + overload,
- underload, I busy), value and unit split on whitespace (unit never hard-coded).
``I4 A "0123456789"``: the serial number, asked on every (re)connection so that another
program on a reused port is never taken for the scale.
"""

from __future__ import annotations

from drivers.errors import ProtocolError
from drivers.i18n import _
from drivers.scales.base import (
    DelimitedParser,
    ScaleCommandReply,
    ScaleFrame,
    ScaleIdentity,
    ScaleReading,
    ScaleState,
    Unreadable,
)
from drivers.weight import Weight

POLL_STABLE = b"S\r\n"  # stable weight (waits for stability inside the scale)
POLL_IMMEDIATE = b"SI\r\n"  # immediate weight, may be dynamic: keeps the display live
ZERO = b"Z\r\n"
TARE = b"T\r\n"
IDENTIFY = b"I4\r\n"  # serial number (MT-SICS level 0: every MT-SICS device answers it)


def _error_text(ident: str) -> str:
    if ident == "ES":
        return _("The scale did not understand the command (MT-SICS syntax error).")
    if ident == "ET":
        return _("The scale reports a transmission error: check the cable and baud rate.")
    return _("The scale cannot execute the command right now (MT-SICS logical error).")


class MtSicsParser(DelimitedParser):
    """Incremental MT-SICS reply parser."""

    terminator = b"\n"

    def parse_frame(self, frame: bytes) -> ScaleFrame | None:
        line = frame[:-1] if frame.endswith(b"\r") else frame
        if not line.strip(b" \r"):
            return None
        if not line.isascii():
            return Unreadable(frame, _("Not an MT-SICS reply (non-ASCII bytes)."))
        tokens = line.decode("ascii").split()
        if not tokens:  # only control characters that str.split() treats as blanks
            return Unreadable(frame, _("Not an MT-SICS reply."))
        ident = tokens[0]
        if ident in ("ES", "ET", "EL") and len(tokens) == 1:
            return ScaleCommandReply("?", False, frame, _error_text(ident))
        if len(tokens) < 2:
            return Unreadable(frame, _("Not an MT-SICS reply."))
        status = tokens[1]
        if ident in ("S", "SI"):
            return _weight_reply(tokens, status, frame)
        if ident == "I4" and status == "A":  # I4 A "0123456789"
            serial = line.decode("ascii").split(None, 2)[2].strip() if len(tokens) > 2 else ""
            return ScaleIdentity(serial.strip('"'), frame)
        if ident == "Z" and len(tokens) == 2 and status in ("A", "I", "+", "-"):
            ok = status == "A"
            return ScaleCommandReply(
                "zero", ok, frame, "" if ok else _("The scale could not zero.")
            )
        if ident == "T" and status in ("S", "I", "+", "-"):
            ok = status == "S" and len(tokens) == 4
            return ScaleCommandReply(
                "tare", ok, frame, "" if ok else _("The scale could not tare.")
            )
        return Unreadable(frame, _("Not an MT-SICS weight reply."))


def _weight_reply(tokens: list[str], status: str, frame: bytes) -> ScaleFrame:
    if len(tokens) == 2:
        if status == "+":
            return ScaleReading(ScaleState.OVERLOAD, None, frame, _("The scale is overloaded."))
        if status == "-":
            return ScaleReading(
                ScaleState.UNDERLOAD, None, frame, _("The scale is below zero: re-zero it.")
            )
        if status == "I":
            return ScaleReading(ScaleState.MOTION, None, frame, _("The scale is busy."))
        return Unreadable(frame, _("Not an MT-SICS weight reply."))
    if len(tokens) != 4 or status not in ("S", "D"):
        return Unreadable(frame, _("Not an MT-SICS weight reply."))
    try:
        weight = Weight.parse(tokens[2], tokens[3])
    except ProtocolError as exc:
        return Unreadable(frame, exc.message)
    state = ScaleState.STABLE if status == "S" else ScaleState.MOTION
    return ScaleReading(state, weight, frame)
