"""What a recorded pack event writes besides itself: outbox events for the central API
(contract payloads), audit rows, and the parcels ready to label. Called by the packing
service inside the transaction of the event."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Connection

from contract import (
    EventKind,
    PackCompleted,
    PackedParcel,
    PackStarted,
    ParcelCreated,
    ParcelItem,
    ShortPick,
    WeightOverride,
)
from station.domain.events import EventType, SessionEvent
from station.domain.model import OrderStatus
from station.domain.session import PackSession, Parcel
from station.store import label_store, pack_store
from station.store.outbox import audit, enqueue_event


def record_side_effects(
    conn: Connection,
    session: PackSession,
    session_id: int,
    event: SessionEvent,
    closing: Parcel | None,
    who: str | None,
) -> None:
    """Outbox events, audit rows and parcel rows that go with ``event`` (already applied to
    ``session``; ``closing`` is the parcel that was open before it). Same transaction."""
    order_id = session.order.order_id
    t = event.type
    if t is EventType.OPENED:
        enqueue_event(conn, EventKind.PACK_STARTED,
                      PackStarted(order_id=order_id, operator=who or "?"), order_id)
    elif t is EventType.WRONG_ITEM:
        audit(conn, "wrong_item", who, order_id, sku=event.sku, raw=event.raw)
    elif t is EventType.ACKNOWLEDGED:
        audit(conn, "wrong_item_acknowledged", event.by or who, order_id,
              via="lead" if event.by else "order_barcode")
    elif t is EventType.WEIGHT_OVERRIDDEN:
        assert closing is not None
        enqueue_event(conn, EventKind.WEIGHT_OVERRIDE, WeightOverride(
            order_id=order_id, parcel_no=closing.parcel_no,
            expected_g=closing.expected_g or 0, actual_g=closing.actual_g or 0,
            reason=event.reason or "", lead=event.by or "?",
        ), order_id)
        audit(conn, "weight_override", event.by, order_id, parcel=closing.parcel_no,
              expected_g=closing.expected_g, actual_g=closing.actual_g, reason=event.reason)
    elif t is EventType.PARCEL_CLOSED:
        assert closing is not None
        items = _parcel_items(closing)
        pack_store.insert_parcel(
            conn, session_id, order_id, closing.parcel_no, box_code=closing.box_code,
            expected_g=closing.expected_g, actual_g=closing.actual_g,
            override_by=closing.override_by, override_reason=closing.override_reason,
            items=[i.model_dump() for i in items],
        )
        enqueue_event(conn, EventKind.PARCEL_CREATED, ParcelCreated(
            order_id=order_id, parcel_no=closing.parcel_no, box_code=closing.box_code,
            items=items,
        ), order_id)
    elif t is EventType.SHORT_PICK_DECIDED:
        missing = [ParcelItem(sku=s, quantity=n) for s, n in session.remaining.items()]
        decision = event.decision or "hold"
        enqueue_event(conn, EventKind.SHORT_PICK, ShortPick(
            order_id=order_id, decision=cast(Any, decision), lead=event.by or "?",
            missing=missing,
        ), order_id)
        audit(conn, "short_pick", event.by, order_id, decision=decision)
        if decision != "ship_partial":  # held or back to picking: nothing ships now
            pack_store.void_ready_parcels(conn, session_id)
    elif t is EventType.ORDER_STOPPED:
        audit(conn, "order_stopped", who, order_id, status=event.decision)
        pack_store.void_ready_parcels(conn, session_id)
    elif t is EventType.PUT_ASIDE:
        audit(conn, "order_put_aside", event.by, order_id, reason=event.decision)
        pack_store.void_ready_parcels(conn, session_id)
    elif t is EventType.LABEL_WAITING:  # off the bench, parcels on the waiting shelf
        audit(conn, "order_label_waiting", event.by, order_id, carrier=session.order.carrier)
    elif t is EventType.LABEL_RESUMED:
        audit(conn, "order_label_resumed", event.by, order_id)
    elif t is EventType.FINISHED:
        packed = [
            PackedParcel(parcel_no=no, tracking_number=tracking, weight_g=grams)
            for no, tracking, grams in pack_store.session_parcels(conn, session_id)
        ]
        enqueue_event(conn, EventKind.PACK_COMPLETED, PackCompleted(
            order_id=order_id, operator=who or "?",
            partial=session.short_pick_decision == "ship_partial", parcels=packed,
        ), order_id)
        label_store.set_order_status(conn, order_id, OrderStatus.PACKED.value)

def _parcel_items(parcel: Parcel) -> list[ParcelItem]:
    return [
        ParcelItem(
            sku=sku,
            quantity=units,
            lots=sorted({lot for s, lot, _ in parcel.lots if s == sku}),
            serials=[serial for s, serial in parcel.serials if s == sku],
        )
        for sku, units in parcel.items.items()
    ]
