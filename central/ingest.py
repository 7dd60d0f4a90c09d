"""``POST /v1/events``: store each station event once, apply the kinds the server acts on.

A batch is one transaction. An idempotency key already stored for this station answers with
the result it got the first time and changes nothing. Bench facts never move an order
backwards (packed after shipped stays shipped) and never revive a cancelled order.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, insert, select, update

from central import ownership, stock
from central import tables as t
from central.auth import Caller
from central.carrier_closeouts import owe_closeout
from central.clock import now_iso
from central.errors import ApiProblem
from central.ingest_labels import LabelBatch, Rejected
from central.tracking import add_tracking_event, queue_webhooks_of
from central.wms import advance_order, advance_orders
from contract import (
    PAYLOADS,
    Event,
    EventBatch,
    EventBatchResult,
    EventKind,
    EventResult,
    LabelPrinted,
    LabelVoided,
    ManifestClosed,
    OrderStatus,
    PackCompleted,
    QcMoved,
    ReceiptPosted,
    ReturnPosted,
    ShipmentAbandoned,
)

MAX_KEY = 64  # longest order id / tracking number the server stores
BATCHED_LABELS = True  # False: label_printed row by row (the reference the tests compare)
_RANK = {OrderStatus.RELEASED: 0, OrderStatus.PACKED: 1, OrderStatus.SHIPPED: 2}


# An event the server stores as rejected (with this sentence) and does not act on. Defined
# beside the batched label path, which raises it too.
__all__ = ["Rejected", "ingest"]


MAX_REJECTED_PAYLOAD = 4096  # characters of a rejected event's payload central keeps


def _digest(payload: Any) -> str:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _fingerprint(kind: str, payload: Any, order_id: str | None, at: str) -> tuple[Any, ...]:
    # Everything the station said about the event: a replay must repeat all of it. A rejected
    # event's big payload is kept as its digest only, so the digest is what is compared.
    if isinstance(payload, dict) and "_sha256" in payload and "_truncated" in payload:
        return kind, payload["_sha256"], order_id, at
    return kind, _digest(payload), order_id, at


def _stored_fingerprint(row: Any) -> tuple[Any, ...]:
    return _fingerprint(row.kind, json.loads(row.payload), row.order_id, row.occurred_at)


def _event_fingerprint(event: Event) -> tuple[Any, ...]:
    return _fingerprint(
        str(event.kind), event.payload, _order_ref(event), event.occurred_at.isoformat()
    )


def _kept_payload(text: str, payload: Any, status: str) -> str:
    """What is stored: all of an accepted event; of a rejected one at most a few KB (a
    forged 210 KB batch was kept whole) and the digest a replay is compared with."""
    if status != "rejected" or len(text) <= MAX_REJECTED_PAYLOAD:
        return text
    return json.dumps({"_truncated": len(text), "_sha256": _digest(payload),
                       "_head": text[:MAX_REJECTED_PAYLOAD // 2]}, ensure_ascii=False)


def check_stations(caller: Caller, batch: EventBatch) -> None:
    """Every event of a batch is the calling station's own (else 403, nothing stored)."""
    foreign = {e.station for e in batch.events} - {caller.station}
    if foreign:
        raise ApiProblem(
            403,
            "wrong_station",
            f"This token belongs to station {caller.station}, but the batch has events of "
            f"{', '.join(sorted(foreign))}. Check the station name in its settings.",
        )


def ingest(conn: Connection, caller: Caller, batch: EventBatch) -> EventBatchResult:
    """Store and apply one batch for the calling station; returns one result per event."""
    check_stations(caller, batch)
    keys = [e.idempotency_key for e in batch.events]
    stored = {
        row.idempotency_key: row
        for row in conn.execute(
            select(
                t.events.c.idempotency_key,
                t.events.c.kind,
                t.events.c.payload,
                t.events.c.status,
                t.events.c.error,
                t.events.c.order_id,
                t.events.c.occurred_at,
            ).where(t.events.c.station == caller.station, t.events.c.idempotency_key.in_(keys))
        )
    }
    order_ids = {_order_ref(e) for e in batch.events} - {None}
    statuses: dict[str, tuple[OrderStatus, str]] = {
        row.order_id: (OrderStatus(row.status), row.warehouse)
        for row in conn.execute(
            select(t.orders.c.order_id, t.orders.c.status, t.orders.c.warehouse).where(
                t.orders.c.order_id.in_(order_ids)
            )
        )
    }
    labels = LabelBatch.read(conn, caller.station or "",
                             [e for e in batch.events if e.idempotency_key not in stored])
    in_batch: dict[str, tuple[Event, EventResult]] = {}
    results: list[EventResult] = []
    rows: list[dict[str, Any]] = []
    received = now_iso()
    for event in batch.events:
        key = event.idempotency_key
        payload_text = json.dumps(event.payload, ensure_ascii=False, separators=(",", ":"))
        if key in stored:
            old = stored[key]
            if _stored_fingerprint(old) == _event_fingerprint(event):
                results.append(EventResult(idempotency_key=key, status=old.status, error=old.error))
            else:
                results.append(_reused_key(key))
            continue
        if key in in_batch:  # the same key twice in one batch: same answer as a replay
            first, first_result = in_batch[key]
            same = _event_fingerprint(first) == _event_fingerprint(event)
            results.append(first_result if same else _reused_key(key))
            continue
        if labels.pending and _reads_label_rows(event):
            labels.flush(conn)  # later kinds read the labels' rows from the database
        try:
            _apply(conn, caller, event, statuses, labels if BATCHED_LABELS else None,
                   payload_text)
            result = EventResult(idempotency_key=key, status="accepted")
        except Rejected as exc:
            result = EventResult(idempotency_key=key, status="rejected", error=str(exc))
        in_batch[key] = (event, result)
        results.append(result)
        rows.append(
            {
                "station": caller.station,
                "idempotency_key": key,
                "kind": str(event.kind),
                "order_id": _order_ref(event),
                "occurred_at": event.occurred_at.isoformat(),
                "received_at": received,
                "payload": _kept_payload(payload_text, event.payload, result.status),
                "status": result.status,
                "error": result.error,
            }
        )
    labels.flush(conn)
    advance_orders(conn, labels.packed, OrderStatus.PACKED)
    if rows:
        conn.execute(insert(t.events), rows)
    return EventBatchResult(results=results)


def _reads_label_rows(event: Event) -> bool:
    """Whether applying ``event`` may read rows that staged labels have not written yet.

    A station's backlog alternates label_printed and pack_completed, order by order; flushing
    the labels before each pack_completed wrote them one at a time again (two statements per
    event: PostgreSQL ingest ran at ~2,400 events/s). pack_completed reads only the order's
    status, which the batch keeps in memory; a top-level tracking number is checked against
    the database, so such an event still flushes first."""
    if event.kind == EventKind.LABEL_PRINTED:
        return False
    return not (event.kind == EventKind.PACK_COMPLETED and "tracking_number" not in event.payload)


def _order_ref(event: Event) -> str | None:
    """The order an event is about, if it can be one (orders have ids of <= 64 characters)."""
    ref = event.order_id or event.payload.get("order_id")
    return ref if isinstance(ref, str) and 0 < len(ref) <= MAX_KEY else None


def _check_tracking(conn: Connection, carrier: str, numbers: list[str]) -> None:
    if conn.scalar(select(t.carriers.c.code).where(t.carriers.c.code == carrier)) is None:
        raise Rejected(f"Carrier {carrier[:40]} is not known to the central server.")
    for number in numbers:
        if not 0 < len(number) <= MAX_KEY:
            raise Rejected("A tracking number is empty or longer than 64 characters.")


def _check_label_number(conn: Connection, caller: Caller, p: LabelPrinted) -> None:
    """A printed label's number is the sender's: from its own pool, or issued to its
    warehouse by ``POST /v1/shipments``. A forged number never reaches the tracking table."""
    number = p.tracking_number
    if p.source == "central":
        if not ownership.issued_to(conn, number, caller.warehouse):
            raise Rejected(
                f"Tracking number {number} was not issued by central to warehouse "
                f"{caller.warehouse}."
            )
    elif not ownership.in_pool_of(conn, p.carrier, number, [caller.station or ""]):
        raise Rejected(
            f"Tracking number {number} is not in a pool segment of station {caller.station}."
        )


def _check_number_of_warehouse(conn: Connection, caller: Caller, number: str) -> None:
    """``number`` is known for the sender's warehouse, or lies in a pool of one of its
    stations (its label event may not have arrived yet)."""
    if not 0 < len(number) <= MAX_KEY:
        raise Rejected("A tracking number is empty or longer than 64 characters.")
    row = conn.execute(
        select(t.tracking_numbers.c.warehouse, t.tracking_numbers.c.carrier).where(
            t.tracking_numbers.c.number == number
        )
    ).first()
    if row is not None:
        if row.warehouse != caller.warehouse:
            raise Rejected(f"Tracking number {number} belongs to another warehouse.")
        return
    stations = ownership.stations_of(conn, caller.warehouse)
    carriers = conn.scalars(select(t.carriers.c.code)).all()
    if not any(ownership.in_pool_of(conn, c, number, stations) for c in carriers):
        raise Rejected(f"Tracking number {number} is not known in warehouse {caller.warehouse}.")


def _reused_key(key: str) -> EventResult:
    return EventResult(
        idempotency_key=key,
        status="rejected",
        error=(
            "key_reuse: this idempotency key was already used for a different event (kind, "
            "order, time or payload differ); nothing changed."
        ),
    )


Statuses = dict[str, tuple[OrderStatus, str]]  # order id -> (status, warehouse), per batch


def _order_status(
    conn: Connection, caller: Caller, order_id: str, statuses: Statuses
) -> OrderStatus:
    if order_id not in statuses:
        row = conn.execute(
            select(t.orders.c.status, t.orders.c.warehouse).where(t.orders.c.order_id == order_id)
        ).first()
        if row is None:
            raise Rejected(f"Order {order_id} is not known in warehouse {caller.warehouse}.")
        statuses[order_id] = (OrderStatus(row.status), row.warehouse)
    status, warehouse = statuses[order_id]
    if warehouse != caller.warehouse:
        raise Rejected(f"Order {order_id} is not known in warehouse {caller.warehouse}.")
    return status


def _advance(
    conn: Connection, order_id: str, current: OrderStatus, to: OrderStatus, statuses: Statuses
) -> None:
    if current in _RANK and _RANK[current] < _RANK[to]:
        # ``current`` was read when the batch began; the move itself is a compare-and-set on
        # the row as it is now, so a cancellation committed meanwhile is never overwritten.
        now = advance_order(conn, order_id, to)
        if now is not None:
            statuses[order_id] = (now, statuses[order_id][1])


def _apply(conn: Connection, caller: Caller, event: Event, statuses: Statuses,
           labels: LabelBatch | None, payload_text: str) -> None:
    # Every kind, history-only ones included, may only name orders and tracking numbers of
    # the sender's own warehouse: otherwise it would land in another warehouse's history.
    ref = _order_ref(event)
    if ref is not None:
        _order_status(conn, caller, ref, statuses)
    mentioned = event.payload.get("tracking_number")
    if isinstance(mentioned, str) and event.kind != EventKind.LABEL_PRINTED:
        _check_number_of_warehouse(conn, caller, mentioned)
    notice = event.payload.get("notice_id")
    if isinstance(notice, str):
        owner = conn.scalar(
            select(t.inbound_notices.c.warehouse).where(t.inbound_notices.c.notice_id == notice)
        )
        if owner is not None and owner != caller.warehouse:
            raise Rejected(f"Inbound notice {notice[:64]} is not known in warehouse "
                           f"{caller.warehouse}.")
    model = PAYLOADS.get(event.kind)
    if model is None:  # kinds the server only keeps as history
        return
    try:
        # Strict, from the JSON as sent, like the batch around it: "500" is not 500 grams.
        payload = model.model_validate_json(payload_text, strict=True)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "payload"
        raise Rejected(f"The {event.kind} payload is invalid at {where}: {first['msg']}.") from None
    order_id = getattr(payload, "order_id", None)
    if order_id is not None and event.order_id is not None and order_id != event.order_id:
        raise Rejected("The event's order_id and its payload's order_id differ.")
    status = OrderStatus.RELEASED
    if order_id is not None:
        status = _order_status(conn, caller, order_id, statuses)
    if event.kind == EventKind.PACK_COMPLETED:
        assert isinstance(payload, PackCompleted)
        if labels is not None and status == OrderStatus.RELEASED:
            # Moved with the batch's other packed orders at its end (one statement): forward
            # moves are compare-and-set, so doing them later never changes where they end.
            labels.packed.append(payload.order_id)
            statuses[payload.order_id] = (OrderStatus.PACKED, statuses[payload.order_id][1])
        else:
            _advance(conn, payload.order_id, status, OrderStatus.PACKED, statuses)
    elif event.kind == EventKind.LABEL_PRINTED:
        assert isinstance(payload, LabelPrinted)
        at = event.occurred_at.isoformat()
        if labels is None:  # row by row (kept as the reference of the rules)
            _check_tracking(conn, payload.carrier, [payload.tracking_number])
            _check_label_number(conn, caller, payload)
            if not 1 <= payload.parcel_no <= 9999:
                raise Rejected("The parcel number must be between 1 and 9999.")
            _label_printed(conn, caller, payload, status, at, statuses)
            return
        _label_printed_batched(conn, caller, payload, status, at, statuses, labels)
    elif event.kind == EventKind.LABEL_VOIDED:
        assert isinstance(payload, LabelVoided)
        _label_voided(conn, caller, payload)
    elif event.kind == EventKind.SHIPMENT_ABANDONED:
        assert isinstance(payload, ShipmentAbandoned)
        _shipment_abandoned(conn, caller, payload)
    elif event.kind == EventKind.MANIFEST_CLOSED:
        assert isinstance(payload, ManifestClosed)
        _check_tracking(conn, payload.carrier, payload.tracking_numbers)
        _manifest_closed(conn, caller, payload, event.occurred_at.isoformat(), statuses)
    elif event.kind in (EventKind.RECEIPT, EventKind.RETURN, EventKind.QC_MOVED):
        if isinstance(payload, ReceiptPosted):
            stock.apply_receipt(conn, caller, payload)
        elif isinstance(payload, ReturnPosted):
            stock.apply_return(conn, caller, payload, status)
        elif isinstance(payload, QcMoved):
            stock.apply_qc_move(conn, caller, payload)


def _label_printed_batched(conn: Connection, caller: Caller, p: LabelPrinted,
                           status: OrderStatus, at: str, statuses: Statuses,
                           labels: LabelBatch) -> None:
    """The same rules as :func:`_label_printed`, checked against what the batch read once."""
    number = p.tracking_number
    labels.check_carrier(p.carrier)
    if not 0 < len(number) <= MAX_KEY:
        raise Rejected("A tracking number is empty or longer than 64 characters.")
    if p.source == "central":
        if not labels.issued_to(number, caller.warehouse):
            raise Rejected(f"Tracking number {number} was not issued by central to warehouse "
                           f"{caller.warehouse}.")
    elif not labels.in_own_pool(p.carrier, number):
        raise Rejected(
            f"Tracking number {number} is not in a pool segment of station {caller.station}.")
    if not 1 <= p.parcel_no <= 9999:
        raise Rejected("The parcel number must be between 1 and 9999.")
    if labels.label_printed(p, caller.warehouse, at):
        labels.flush(conn)  # a number a manifest reported first: the row-by-row path
        _label_printed(conn, caller, p, status, at, statuses)
        return
    if labels.shipped(number):
        _advance(conn, p.order_id, status, OrderStatus.SHIPPED, statuses)


def _label_printed(
    conn: Connection,
    caller: Caller,
    p: LabelPrinted,
    status: OrderStatus,
    at: str,
    statuses: Statuses,
) -> None:
    owner = conn.execute(
        select(t.tracking_numbers.c.order_id, t.tracking_numbers.c.warehouse).where(
            t.tracking_numbers.c.number == p.tracking_number
        )
    ).first()
    if owner is not None and (
        owner.order_id not in (None, p.order_id) or owner.warehouse not in (None, caller.warehouse)
    ):
        raise Rejected(f"Tracking number {p.tracking_number} already belongs to another order.")
    _attempt_printed(conn, p)
    values = {
        "carrier": p.carrier,
        "order_id": p.order_id,
        "warehouse": caller.warehouse,
        "parcel_no": p.parcel_no,
        "source": p.source,
    }
    if owner is None:
        conn.execute(
            insert(t.tracking_numbers).values(
                number=p.tracking_number, voided=False, created_at=now_iso(), **values
            )
        )
    elif owner.order_id is None:  # known from a manifest that arrived first
        conn.execute(
            update(t.tracking_numbers)
            .where(t.tracking_numbers.c.number == p.tracking_number)
            .values(**values)
        )
        queue_webhooks_of(conn, p.tracking_number)  # the seller now learns of earlier events
    add_tracking_event(
        conn, p.tracking_number, "label_created", at=at, note=f"{p.carrier} {p.service}"
    )
    shipped = conn.scalar(
        select(t.tracking_events.c.id).where(
            t.tracking_events.c.event_key == f"{p.tracking_number}:shipped"
        )
    )
    if shipped:
        _advance(conn, p.order_id, status, OrderStatus.SHIPPED, statuses)


def _label_voided(conn: Connection, caller: Caller, p: LabelVoided) -> None:
    done = conn.execute(
        update(t.tracking_numbers)
        .where(
            t.tracking_numbers.c.number == p.tracking_number,
            t.tracking_numbers.c.order_id == p.order_id,
        )
        .values(voided=True)
    )
    if done.rowcount == 0:
        raise Rejected(f"Tracking number {p.tracking_number} is not a label of order {p.order_id}.")
    add_tracking_event(conn, p.tracking_number, "voided", note=p.reason)
    _carrier_void_wanted(conn, t.shipment_attempts.c.number == p.tracking_number)


def _carrier_void_wanted(conn: Connection, *where: Any) -> None:
    """A label bought from a carrier's API must be voided there too (central/carrier_voids)."""
    conn.execute(update(t.shipment_attempts)
                 .where(*where, t.shipment_attempts.c.carrier.is_not(None),
                        t.shipment_attempts.c.void_state.is_(None))
                 .values(void_state="wanted"))


def _attempt_printed(conn: Connection, p: LabelPrinted) -> None:
    """Remember that the number of a shipment attempt was printed (it must never be voided
    as abandoned); a number whose attempt the station abandoned cannot be printed."""
    attempt = conn.execute(
        select(t.shipment_attempts.c.attempt_key, t.shipment_attempts.c.abandoned).where(
            t.shipment_attempts.c.number == p.tracking_number
        )
    ).first()
    if attempt is None:
        return
    if attempt.abandoned:
        raise Rejected(
            f"Tracking number {p.tracking_number} belongs to label attempt "
            f"{attempt.attempt_key}, which this station reported abandoned; it was voided "
            "and cannot be printed."
        )
    conn.execute(
        update(t.shipment_attempts)
        .where(t.shipment_attempts.c.number == p.tracking_number)
        .values(printed=True)
    )


def _shipment_abandoned(conn: Connection, caller: Caller, p: ShipmentAbandoned) -> None:
    """The station never got the answer of a ``POST /v1/shipments`` attempt and labelled the
    parcel another way: void the number issued under that key (unless it was reported
    printed), or record the key so a late-arriving request gets no number."""
    key = (
        t.shipment_attempts.c.order_id == p.order_id,
        t.shipment_attempts.c.parcel_no == p.parcel_no,
        t.shipment_attempts.c.attempt_key == p.attempt_key,
    )
    attempt = conn.execute(
        select(
            t.shipment_attempts.c.number,
            t.shipment_attempts.c.printed,
            t.shipment_attempts.c.abandoned,
        ).where(*key)
    ).first()
    if attempt is None:
        conn.execute(
            insert(t.shipment_attempts).values(
                order_id=p.order_id,
                parcel_no=p.parcel_no,
                attempt_key=p.attempt_key,
                warehouse=caller.warehouse,
                number=None,
                printed=False,
                abandoned=True,
                created_at=now_iso(),
                abandoned_at=now_iso(),
            )
        )
        return
    if attempt.abandoned:
        return  # reported twice (under two idempotency keys): nothing more to do
    if attempt.printed:
        raise Rejected(
            f"Tracking number {attempt.number} of label attempt {p.attempt_key} was reported "
            "printed, so it stays valid. If that label is not used, void it (label_voided)."
        )
    conn.execute(
        update(t.shipment_attempts).where(*key).values(abandoned=True, abandoned_at=now_iso())
    )
    # The carrier may have created a waybill under the key even when we never saw it.
    _carrier_void_wanted(conn, *key)
    if attempt.number is not None:
        conn.execute(
            update(t.tracking_numbers)
            .where(t.tracking_numbers.c.number == attempt.number)
            .values(voided=True)
        )
        add_tracking_event(conn, attempt.number, "voided", note="label never printed")


def _manifest_closed(
    conn: Connection, caller: Caller, p: ManifestClosed, at: str, statuses: Statuses
) -> None:
    known = {
        row.number: row
        for row in conn.execute(
            select(
                t.tracking_numbers.c.number,
                t.tracking_numbers.c.order_id,
                t.tracking_numbers.c.warehouse,
            ).where(t.tracking_numbers.c.number.in_(p.tracking_numbers))
        )
    }
    for number, row in known.items():
        if row.warehouse not in (None, caller.warehouse):
            raise Rejected(f"Tracking number {number} belongs to another warehouse.")
    # A number central does not know yet must come from a pool of this warehouse's stations:
    # a manifest must not reserve another station's numbers before their labels arrive.
    stations = ownership.stations_of(conn, caller.warehouse)
    for number in dict.fromkeys(p.tracking_numbers):
        if number not in known and not ownership.in_pool_of(conn, p.carrier, number, stations):
            raise Rejected(
                f"Tracking number {number} is not in a pool segment of warehouse "
                f"{caller.warehouse}."
            )
    location = conn.scalar(
        select(t.warehouses.c.name).where(t.warehouses.c.code == caller.warehouse)
    )
    for number in dict.fromkeys(p.tracking_numbers):
        found = known.get(number)
        if found is None:  # the label event has not arrived yet: remember the number
            conn.execute(
                insert(t.tracking_numbers).values(
                    number=number,
                    carrier=p.carrier,
                    order_id=None,
                    warehouse=caller.warehouse,
                    parcel_no=None,
                    source="pool",
                    voided=False,
                    created_at=now_iso(),
                )
            )
        add_tracking_event(
            conn, number, "shipped", at=at, location=location, note=f"manifest {p.manifest_id}"
        )
        if found is not None and found.order_id is not None:
            status = _order_status(conn, caller, found.order_id, statuses)
            _advance(conn, found.order_id, status, OrderStatus.SHIPPED, statuses)
    if caller.warehouse is not None:
        owe_closeout(conn, caller.warehouse, p.manifest_id, p.carrier, p.tracking_numbers)
