"""Tell a keyboard-wedge scanner from a person typing, by key timing alone (no Qt).

The UI feeds each key as ``(char, timestamp_seconds)``. A burst whose keys arrive less than
``max_gap_s`` apart, ends in a terminator (Enter or Tab) and is at least ``min_length`` long is
a scan; anything slower is typed text. Characters are kept exactly (including GS, 0x1D).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class WedgeScan:
    text: str


@dataclass(frozen=True, slots=True)
class WedgeTyped:
    """Keys a person typed. ``terminated`` when they ended with Enter/Tab."""

    text: str
    terminated: bool = False


WedgeResult = WedgeScan | WedgeTyped


@dataclass
class WedgeClassifier:
    max_gap_s: float = 0.050
    min_length: int = 4
    terminators: frozenset[str] = frozenset({"\r", "\n", "\t"})
    _buffer: list[str] = field(default_factory=list)
    _last: float | None = None

    @property
    def in_burst(self) -> bool:
        """Keys are buffered: the next one continues (or ends) a burst."""
        return self._last is not None

    def feed(self, char: str, at: float) -> list[WedgeResult]:
        """One key; returns what became known (usually nothing until a terminator)."""
        out: list[WedgeResult] = []
        gap_ok = self._last is not None and at - self._last < self.max_gap_s
        if char in self.terminators:
            text = "".join(self._buffer)
            if len(text) >= self.min_length and gap_ok:
                out.append(WedgeScan(text))
            else:
                out.append(WedgeTyped(text, terminated=True))
            self._buffer.clear()
            self._last = None
            return out
        if self._buffer and not gap_ok:
            # A pause inside the buffer: what came before was typed by hand.
            out.append(WedgeTyped("".join(self._buffer)))
            self._buffer.clear()
        self._buffer.append(char)
        self._last = at
        return out

    def flush(self, now: float) -> list[WedgeResult]:
        """Call from a timer: a burst that stopped without a terminator is typed text."""
        if self._buffer and self._last is not None and now - self._last >= self.max_gap_s:
            text = "".join(self._buffer)
            self._buffer.clear()
            self._last = None
            return [WedgeTyped(text)]
        return []
