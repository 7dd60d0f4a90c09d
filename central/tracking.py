"""Tracking records and timelines; each new tracking event is queued for the seller's webhook."""

from __future__ import annotations

import json
import time

from sqlalchemy import Connection, bindparam, insert, select

from central import tables as t
from central.clock import now_iso, parse_iso
from central.errors import not_found
from contract import (
    OrderHistory,
    OrderHistoryEntry,
    OrderStatus,
    Tracking,
    TrackingEvent,
)

# Prebuilt: every label a carrier sells records its first event here, inside the label's
# transaction (known-traps: a statement built per call costs ~4x a prebuilt one).
_EVENT_BY_KEY = select(t.tracking_events.c.id).where(
    t.tracking_events.c.event_key == bindparam("key")
)
_INSERT_EVENT = insert(t.tracking_events)
_WEBHOOK_TARGET = (
    select(
        t.tracking_numbers.c.carrier,
        t.orders.c.order_id,
        t.sellers.c.code,
        t.sellers.c.webhook_url,
    )
    .select_from(
        t.tracking_numbers.join(t.orders, t.orders.c.order_id == t.tracking_numbers.c.order_id)
        .join(t.sellers, t.sellers.c.code == t.orders.c.seller)
    )
    .where(t.tracking_numbers.c.number == bindparam("number"))
)
_INSERT_DELIVERY = insert(t.webhook_deliveries)


def add_tracking_event(
    conn: Connection,
    number: str,
    status: str,
    *,
    at: str | None = None,
    location: str | None = None,
    note: str | None = None,
) -> bool:
    """Record ``status`` for a tracking number once (key ``number:status``); queue the webhook.

    Returns False when that status was already recorded (a replay changes nothing).
    """
    # carriers' words are data from outside: cut to the columns, never a failed transaction
    status, location = status[:40], (location or None) and location[:200]
    at = (at or None) and at[:40]
    key = f"{number}:{status}"
    if conn.scalar(_EVENT_BY_KEY, {"key": key}):
        return False
    at = at or now_iso()
    conn.execute(
        _INSERT_EVENT,
        {"number": number, "event_key": key, "at": at, "status": status, "location": location,
         "note": note},
    )
    _queue_webhook(conn, key, number, status, at, location, note)
    return True


def _queue_webhook(
    conn: Connection,
    key: str,
    number: str,
    status: str,
    at: str,
    location: str | None,
    note: str | None,
) -> None:
    row = conn.execute(_WEBHOOK_TARGET, {"number": number}).first()
    if row is None or not row.webhook_url:
        return
    body = {
        "event_key": key,
        "tracking_number": number,
        "carrier": row.carrier,
        "order_id": row.order_id,
        "status": status,
        "at": at,
        "location": location,
        "note": note,
    }
    conn.execute(
        _INSERT_DELIVERY,
        {
            "event_key": key,
            "seller": row.code,
            "url": row.webhook_url,
            "body": json.dumps(body, ensure_ascii=False, separators=(",", ":")),
            "attempts": 0,
            "next_attempt_at": time.time(),
        },
    )


def queue_webhooks_of(conn: Connection, number: str) -> None:
    """Queue the webhooks of events recorded before the number was linked to its order."""
    queued = set(
        conn.scalars(
            select(t.webhook_deliveries.c.event_key).where(
                t.webhook_deliveries.c.event_key.like(f"{number}:%")
            )
        )
    )
    for row in conn.execute(select(t.tracking_events).where(t.tracking_events.c.number == number)):
        if row.event_key not in queued:
            _queue_webhook(conn, row.event_key, number, row.status, row.at, row.location, row.note)


def timeline(conn: Connection, number: str) -> Tracking | None:
    """The tracking timeline of a number, or None when nobody knows the number."""
    head = conn.execute(
        select(t.tracking_numbers).where(t.tracking_numbers.c.number == number)
    ).first()
    if head is None or head.order_id is None:
        return None
    rows = conn.execute(
        select(t.tracking_events)
        .where(t.tracking_events.c.number == number)
        .order_by(t.tracking_events.c.at, t.tracking_events.c.id)
    ).all()
    events = [
        TrackingEvent(at=parse_iso(r.at), status=r.status, location=r.location, note=r.note)
        for r in rows
    ]
    status = "voided" if head.voided else (events[-1].status if events else "label_created")
    return Tracking(
        tracking_number=number,
        carrier=head.carrier,
        order_id=head.order_id,
        status=status,
        events=events,
    )


def tracking_for_warehouse(conn: Connection, number: str, warehouse: str | None) -> Tracking:
    """Timeline for a station: only numbers of its own warehouse (others look unknown)."""
    owner = conn.scalar(
        select(t.tracking_numbers.c.warehouse).where(t.tracking_numbers.c.number == number)
    )
    found = timeline(conn, number) if owner == warehouse else None
    if found is None:
        raise not_found(f"Tracking number {number}")
    return found


def order_history(conn: Connection, order_id: str, warehouse: str | None) -> OrderHistory:
    order = conn.execute(
        select(t.orders.c.status, t.orders.c.warehouse).where(t.orders.c.order_id == order_id)
    ).first()
    if order is None or order.warehouse != warehouse:
        raise not_found(f"Order {order_id}")
    rows = conn.execute(
        select(t.events)
        .where(t.events.c.order_id == order_id, t.events.c.status == "accepted")
        .order_by(t.events.c.id)
    ).all()
    entries = [
        OrderHistoryEntry(
            at=parse_iso(r.occurred_at),
            kind=r.kind,
            station=r.station,
            detail=json.loads(r.payload),
        )
        for r in rows
    ]
    numbers = conn.scalars(
        select(t.tracking_numbers.c.number)
        .where(t.tracking_numbers.c.order_id == order_id)
        .order_by(t.tracking_numbers.c.parcel_no, t.tracking_numbers.c.number)
    ).all()
    tracking = [tl for n in numbers if (tl := timeline(conn, n)) is not None]
    return OrderHistory(
        order_id=order_id, status=OrderStatus(order.status), events=entries, tracking=tracking
    )
