"""What every scale parser produces, and the shared byte-stream plumbing.

A parser is fed raw bytes as they arrive (split anywhere, maybe starting mid-frame) and returns
the frames it completed. Garbage yields ``Unreadable`` items, never a weight; ``feed`` raises
nothing but ``ProtocolError`` (and only for a caller mistake such as feeding a str).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from drivers.errors import ProtocolError
from drivers.i18n import _
from drivers.weight import Weight


class ScaleState(StrEnum):
    STABLE = "stable"
    MOTION = "motion"
    OVERLOAD = "overload"
    UNDERLOAD = "underload"
    DISCONNECTED = "disconnected"
    NO_REPLY = "no_reply"


@dataclass(frozen=True, slots=True)
class ScaleReading:
    """One reading. ``weight`` is None unless the state is STABLE or MOTION.

    From a parser, STABLE means "the device says stable"; after the StableWeightGate it means
    the station accepts the weight.
    """

    state: ScaleState
    weight: Weight | None = None
    raw: bytes = b""
    message: str = ""

    @property
    def grams(self) -> int | None:
        return None if self.weight is None else self.weight.grams


@dataclass(frozen=True, slots=True)
class ScaleCommandReply:
    """The scale's answer to zero, tare or a status request (no weight for the display)."""

    command: str
    accepted: bool
    raw: bytes = b""
    message: str = ""


@dataclass(frozen=True, slots=True)
class Unreadable:
    """Bytes that form no valid frame; counted by the driver to report a wrong setting."""

    raw: bytes
    reason: str


@dataclass(frozen=True, slots=True)
class ScaleIdentity:
    """The scale's answer to "who are you" (MT-SICS ``I4``: its serial number)."""

    serial: str
    raw: bytes = b""


ScaleFrame = ScaleReading | ScaleCommandReply | ScaleIdentity | Unreadable


class ScaleParser(Protocol):
    def feed(self, data: bytes) -> list[ScaleFrame]: ...


def check_bytes(data: object) -> bytes:
    """Parsers accept bytes-like input only; anything else is a programming error."""
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data)
    raise ProtocolError(_("Scale data must be bytes, not {kind}.").format(kind=type(data).__name__))


def reading_from_flags(
    weight: Weight | None, *, motion: bool, over: bool, under: bool, raw: bytes
) -> ScaleReading:
    """Map device flags to a state; over/under capacity never carries a weight."""
    if over:
        return ScaleReading(ScaleState.OVERLOAD, None, raw, _("The scale is overloaded."))
    if under:
        return ScaleReading(
            ScaleState.UNDERLOAD, None, raw, _("The scale is below zero: re-zero it.")
        )
    if motion:
        return ScaleReading(ScaleState.MOTION, weight, raw)
    return ScaleReading(ScaleState.STABLE, weight, raw)


class DelimitedParser(ABC):
    """Collects bytes into frames that end with ``terminator``; subclasses parse one frame.

    A frame longer than ``max_frame`` without a terminator is dropped as garbage, so a wrong
    baud rate cannot grow the buffer without bound.
    """

    terminator: bytes = b"\n"
    max_frame: int = 128

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[ScaleFrame]:
        self._buffer += check_bytes(data)
        frames: list[ScaleFrame] = []
        while True:
            end = self._buffer.find(self.terminator)
            if end < 0:
                break
            frame = bytes(self._buffer[:end])
            del self._buffer[: end + len(self.terminator)]
            if len(frame) > self.max_frame:
                frames.append(Unreadable(frame[-self.max_frame :], _("Frame too long.")))
                continue
            parsed = self.parse_frame(frame)
            if parsed is not None:
                frames.append(parsed)
        if len(self._buffer) > self.max_frame:
            frames.append(Unreadable(bytes(self._buffer[-self.max_frame :]), _("Frame too long.")))
            self._buffer.clear()
        return frames

    @abstractmethod
    def parse_frame(self, frame: bytes) -> ScaleFrame | None:
        """One frame without its terminator; None for a frame to ignore silently (blank)."""
