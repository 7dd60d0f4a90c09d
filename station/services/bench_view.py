"""What the pack screen shows, as immutable values the bench builds after every action.

The pack session lives in the core and changes there; the window never reads it directly.
Every figure here (expected weight, allowed band, label state) comes from the core's rules,
so the UI paints and decides nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from station.domain.model import Operator, Sku
from station.domain.packing import check_weight, effective_tolerance
from station.domain.session import PackSession
from station.domain.verdict import Verdict


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


@dataclass(frozen=True)
class ScanResult:
    """One answer of the core, with the view after it. ``raw`` is what was scanned."""

    verdict: Verdict
    view: PackView
    raw: str | None = None


@dataclass(frozen=True)
class LabelState:
    """A closed parcel's label as the store has it."""

    tracking: str | None = None
    printed: bool = False
    voided: tuple[str, ...] = ()
    error: str | None = None
    printing: bool = False


def build_view(
    operator: Operator | None,
    session: PackSession | None,
    labels: dict[int, LabelState] | None = None,
    staging_lane: str | None = None,
    pending: str | None = None,
) -> PackView:
    """Snapshot of the operator and the session (call where the session lives)."""
    base = {
        "operator": operator.badge if operator else None,
        "operator_name": operator.name if operator else None,
        "role": str(operator.role) if operator else None,
        "pending": pending,
    }
    if session is None:
        return PackView(**base)  # type: ignore[arg-type]
    order = session.order
    lots: dict[str, list[str]] = {}
    serials: dict[str, list[str]] = {}
    for parcel in session.parcels:
        for sku, lot, _units in parcel.lots:
            lots.setdefault(sku, []).append(lot)
        for sku, serial in parcel.serials:
            serials.setdefault(sku, []).append(serial)
    lines = tuple(
        LineView(
            p.sku,
            _display_name(session.skus.get(p.sku), p.name),
            p.ordered,
            p.packed,
            tuple(dict.fromkeys(lots.get(p.sku, ()))),
            tuple(serials.get(p.sku, ())),
        )
        for p in session.lines()
    )
    labels = labels or {}
    parcels = tuple(
        ParcelView(
            p.parcel_no, p.box_code, sum(p.items.values()), p.expected_g, p.actual_g, p.closed,
            p.override_by, label.tracking, label.printed, label.voided, label.error,
            label.printing,
        )
        for p in session.parcels
        for label in (labels.get(p.parcel_no, LabelState()),)
    )
    box = session.suggested_box()
    current = session.current
    expected = current.expected_g if current is not None else None
    allowed = None
    if current is not None and expected is not None:
        tol = effective_tolerance(order, current.items, session.skus, session.default_tolerance)
        allowed = check_weight(expected, expected, tol).allowed_g
    customer = ""
    if order.recipient is not None:
        customer = f"{order.recipient.name}, {order.recipient.city}"
    return PackView(
        **base,
        order_id=order.order_id,
        customer=customer,
        carrier=order.carrier,
        service=order.service,
        cutoff=order.cutoff[:16].replace("T", " "),
        state=str(session.state),
        lines=lines,
        parcels=parcels,
        suggested_box=box.name if box is not None else None,
        expected_g=expected,
        allowed_g=allowed,
        staging_lane=staging_lane,
    )


def _display_name(sku: Sku | None, fallback: str) -> str:
    """English name, with the Chinese one beside it when the product has one."""
    if sku is None:
        return fallback
    return f"{sku.name} / {sku.name_zh}" if sku.name_zh else sku.name
