"""What the pack screen shows, as immutable values the bench builds after every action
(:func:`station.services.pack_view.build_view`). Plain values only: the window imports this
module at start-up, before the core is loaded.

The pack session lives in the core and changes there; the window never reads it directly.
Every figure here (expected weight, allowed band, label state) comes from the core's rules,
so the UI paints and decides nothing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LineView:
    sku: str
    name: str
    ordered: int
    packed: int
    lots: tuple[str, ...] = ()
    serials: tuple[str, ...] = ()

    @property
    def done(self) -> bool:
        return self.packed >= self.ordered


@dataclass(frozen=True)
class ParcelView:
    number: int
    box: str | None
    items: int
    expected_g: int | None
    actual_g: int | None
    closed: bool
    override_by: str | None = None
    tracking: str | None = None
    printed: bool = False
    voided: tuple[str, ...] = ()
    label_error: str | None = None  # why the last print failed: scan REPRINT
    printing: bool = False
    billed_g: int | None = None  # what the carrier bills (max of actual and DIM weight)


@dataclass(frozen=True)
class PackView:
    """What the pack screen shows. ``order_id`` None: no order open."""

    operator: str | None = None
    operator_name: str | None = None
    role: str | None = None
    order_id: str | None = None
    customer: str = ""
    carrier: str = ""
    service: str = ""
    cutoff: str = ""
    state: str = ""
    lines: tuple[LineView, ...] = ()
    parcels: tuple[ParcelView, ...] = ()
    suggested_box: str | None = None
    expected_g: int | None = None
    allowed_g: int | None = None
    staging_lane: str | None = None
    pending: str | None = None  # a scan-only action waiting for its next scan (void)

    @property
    def weighing(self) -> bool:
        return self.state in ("weighing", "weight_stop")

    @property
    def failed_labels(self) -> tuple[int, ...]:
        """Closed parcels whose label did not come out (scan REPRINT to print them)."""
        return tuple(p.number for p in self.parcels
                     if p.closed and not p.printed and not p.printing and p.label_error)


HELD_PREFIX = "held: "  # label_error of a label the printer keeps in its buffer


@dataclass(frozen=True)
class LabelState:
    """A closed parcel's label as the store has it."""

    tracking: str | None = None
    printed: bool = False
    voided: tuple[str, ...] = ()
    error: str | None = None
    printing: bool = False
    billed_g: int | None = None
