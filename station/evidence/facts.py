"""The facts burned into an evidence frame (no numpy, no PyAV: the station process uses them)."""

from __future__ import annotations

from dataclasses import dataclass

from station.labels.text import clean_text


@dataclass(frozen=True, slots=True)
class OverlayFacts:
    """The facts of one moment of a clip. ``line1``/``line2`` are translated templates with
    ``{order}``, ``{tracking}``, ``{operator}``, ``{station}``, ``{time}`` placeholders."""

    order_id: str
    tracking: tuple[str, ...]
    operator: str
    station: str
    time_text: str
    line1: str = "Order {order} · Tracking {tracking}"
    line2: str = "Operator {operator} · Station {station} · {time}"

    def lines(self) -> tuple[str, str]:
        values = {
            "order": clean_text(self.order_id),
            "tracking": ", ".join(clean_text(t) for t in self.tracking) or "—",
            "operator": clean_text(self.operator),
            "station": clean_text(self.station),
            "time": self.time_text,
        }
        return self.line1.format(**values), self.line2.format(**values)

    def qr_payload(self) -> str:
        """Order, tracking numbers (comma-separated), operator, station, time: one per line."""
        return "\n".join((
            clean_text(self.order_id), ",".join(clean_text(t) for t in self.tracking),
            clean_text(self.operator), clean_text(self.station), self.time_text,
        ))


def parse_qr_payload(text: str) -> OverlayFacts:
    """The facts back from a decoded overlay QR code (for Lookup and for the tests)."""
    parts = text.split("\n")
    if len(parts) != 5:
        raise ValueError("not a pack evidence stamp")
    order, tracking, operator, station, at = parts
    return OverlayFacts(order, tuple(t for t in tracking.split(",") if t), operator, station, at)
