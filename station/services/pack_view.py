"""The pack screen's snapshot (:class:`~station.services.bench_view.PackView`), built from the
operator, the pack session and each parcel's label state after every bench action."""

from __future__ import annotations

from station.domain.model import Operator, Sku
from station.domain.packing import check_weight, effective_tolerance
from station.domain.session import PackSession
from station.services.bench_view import LabelState, LineView, PackView, ParcelView


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
            label.printing, label.billed_g,
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
