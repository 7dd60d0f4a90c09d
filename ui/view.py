"""Immutable snapshots of the core's pack session, built on the store lane, painted on the GUI.

The session object lives on the store worker and changes there; the screen never reads it
directly. After each call an operation builds a :class:`PackView` (plain values, no rules:
every figure comes from the core) and hands it to the GUI thread.
"""

from __future__ import annotations

import json
import weakref
from dataclasses import dataclass, field
from typing import Any

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
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def weighing(self) -> bool:
        return self.state in ("weighing", "weight_stop")


@dataclass(frozen=True)
class ScanResult:
    """One answer of the core, with the view after it. ``raw`` is what was scanned."""

    verdict: Verdict
    view: PackView
    raw: str | None = None


# Per service (one store), per order: headers are read once.
_HEADERS: weakref.WeakKeyDictionary[Any, dict[str, dict[str, str]]] = weakref.WeakKeyDictionary()


def _header(service: Any, order_id: str) -> dict[str, str]:
    """Recipient and cut-off are not part of the domain order: read them once per order,
    inside the service's own read transaction (its connection is used by one thread only)."""
    cache = _HEADERS.setdefault(service, {})
    if order_id in cache:
        return cache[order_id]

    def read() -> Any:
        from sqlalchemy import select

        from station.store.tables import orders

        return service._conn.execute(
            select(orders.c.recipient, orders.c.cutoff).where(orders.c.order_id == order_id)
        ).first()

    try:
        row = service._in_transaction(read)
    except Exception:  # display only: a missing column must not break packing
        return {}
    if row is None:
        return {}
    out = {"cutoff": (row.cutoff or "")[:16].replace("T", " ")}
    try:
        recipient = json.loads(row.recipient)
        out["customer"] = f"{recipient.get('name', '')}, {recipient.get('city', '')}"
    except (TypeError, ValueError):
        pass
    if len(cache) > 256:
        cache.clear()
    cache[order_id] = out
    return out


def build_view(service: Any, extra: dict[str, Any] | None = None) -> PackView:
    """Snapshot the service's operator and session. Call on the store lane only."""
    operator = service.operator
    base: dict[str, Any] = {
        "operator": operator.badge if operator else None,
        "operator_name": operator.name if operator else None,
        "role": str(operator.role) if operator else None,
        "extra": dict(extra or {}),
    }
    session = service.session
    if session is None:
        return PackView(**base)
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
    extra = extra or {}
    labels = extra.get("labels", {}) if extra.get("labels_order") == order.order_id else {}
    parcels = tuple(
        ParcelView(
            p.parcel_no,
            p.box_code,
            sum(p.items.values()),
            p.expected_g,
            p.actual_g,
            p.closed,
            p.override_by,
            labels.get(p.parcel_no, {}).get("tracking"),
            bool(labels.get(p.parcel_no, {}).get("printed")),
            tuple(labels.get(p.parcel_no, {}).get("voided", ())),
        )
        for p in session.parcels
    )
    box = session.suggested_box()
    current = session.current
    expected = current.expected_g if current is not None else None
    allowed = None
    if current is not None and expected is not None:
        try:
            from station.domain.packing import check_weight, effective_tolerance

            tol = effective_tolerance(
                order, current.items, session.skus, session.default_tolerance
            )
            allowed = check_weight(expected, expected, tol).allowed_g
        except (ImportError, KeyError, TypeError):
            allowed = None
    return PackView(
        **base,
        order_id=order.order_id,
        carrier=order.carrier,
        service=order.service,
        state=str(session.state),
        lines=lines,
        parcels=parcels,
        suggested_box=box.name if box is not None else None,
        expected_g=expected,
        allowed_g=allowed,
        staging_lane=(extra or {}).get("staging_lane"),
        **dict[str, Any](_header(service, order.order_id)),
    )


def _display_name(sku: Any, fallback: str) -> str:
    """English name, with the Chinese one beside it when the product has one."""
    if sku is None:
        return fallback
    zh = getattr(sku, "name_zh", None)
    return f"{sku.name} / {zh}" if zh else sku.name
