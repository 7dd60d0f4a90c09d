"""The stable-weight gate: the device says stable AND recent readings agree.

Accept a weight only when the scale flags it stable and at least ``readings`` consecutive
stable readings lie within ``band_mg`` of each other over at least ``min_duration_ms``.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace

from drivers.scales.base import ScaleReading, ScaleState


@dataclass(frozen=True)
class StableGateSettings:
    readings: int = 3
    band_mg: int = 2000
    min_duration_ms: int = 300


class StableWeightGate:
    """Feed every reading (with a monotonic time in ms); get it back gated."""

    def __init__(self, settings: StableGateSettings | None = None) -> None:
        self.settings = settings or StableGateSettings()
        self._run: deque[tuple[int, int]] = deque()  # (time ms, milligrams)

    def reset(self) -> None:
        self._run.clear()

    def offer(self, reading: ScaleReading, now_ms: int) -> ScaleReading:
        """STABLE comes back only when settled; a device-stable but unsettled one is MOTION."""
        if reading.state is not ScaleState.STABLE or reading.weight is None:
            self._run.clear()
            return reading
        mg = reading.weight.milligrams
        self._run.append((now_ms, mg))
        # Keep the longest consecutive tail whose spread fits the band.
        while max(m for _, m in self._run) - min(m for _, m in self._run) > self.settings.band_mg:
            self._run.popleft()
        while len(self._run) > max(self.settings.readings, 2) * 64:
            self._run.popleft()  # bounded memory on a 20 Hz stream
        settled = (
            len(self._run) >= self.settings.readings
            and now_ms - self._run[0][0] >= self.settings.min_duration_ms
        )
        return reading if settled else replace(reading, state=ScaleState.MOTION)
