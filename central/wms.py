"""WMS-side services: reference data, orders, pool segments, inbound notices.

Every change of data stations pull gets a fresh value of the change counter (``seq``) in the
same transaction; see ``central.tables``.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import Connection, Table, bindparam, insert, or_, select, update

from central import tables as t
from central.clock import now_iso
from central.errors import ApiProblem, conflict, not_found
from central.number_space import block
from central.schemas import CentralRange, InboundNotice, OrderRelease, Seller, Station, Warehouse
from contract import (
    Carrier,
    Contract,
    Operator,
    OrderStatus,
    Packaging,
    PoolSegment,
    Product,
)

CENTRAL = "(central)"  # the "station" recorded for decisions taken by the WMS
MAX_NUMBER = 10**18  # serials are stored as 64-bit integers


def next_seq(conn: Connection) -> int:
    """Take the next change sequence number (locks the counter row until commit)."""
    value = conn.execute(
        update(t.change_counter)
        .where(t.change_counter.c.id == 1)
        .values(value=t.change_counter.c.value + 1)
        .returning(t.change_counter.c.value)
    ).scalar_one()
    return int(value)


def dumps(model: Contract | dict[str, Any]) -> str:
    data = model.model_dump(mode="json") if isinstance(model, Contract) else model
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _upsert(conn: Connection, table: Table, key: str, values: dict[str, Any]) -> None:
    pk = next(iter(table.primary_key.columns))
    if conn.execute(update(table).where(pk == key).values(**values)).rowcount == 0:
        conn.execute(insert(table).values({pk.name: key, **values}))


def _upsert_reference(
    conn: Connection, table: Table, key: str, model: Contract, **extra: Any
) -> int:
    seq = next_seq(conn)
    _upsert(conn, table, key, {"data": dumps(model), "seq": seq, **extra})
    return seq


def _require(conn: Connection, table: Table, key: str, what: str) -> None:
    pk = next(iter(table.primary_key.columns))
    if conn.scalar(select(pk).where(pk == key)) is None:
        raise not_found(what)


def save_warehouse(conn: Connection, wh: Warehouse) -> None:
    _upsert(conn, t.warehouses, wh.code, {"name": wh.name})


def save_station(conn: Connection, st: Station) -> None:
    _require(conn, t.warehouses, st.warehouse, f"Warehouse {st.warehouse}")
    _upsert(conn, t.stations, st.name, {"warehouse": st.warehouse})


def save_seller(conn: Connection, seller: Seller) -> None:
    _upsert(
        conn,
        t.sellers,
        seller.code,
        {
            "name": seller.name,
            "webhook_url": str(seller.webhook_url) if seller.webhook_url else None,
            "webhook_secret": seller.webhook_secret,
        },
    )


def save_product(conn: Connection, product: Product) -> int:
    return _upsert_reference(conn, t.products, product.sku, product)


def save_packaging(conn: Connection, box: Packaging) -> int:
    return _upsert_reference(conn, t.packaging, box.code, box)


def save_carrier(conn: Connection, carrier: Carrier) -> int:
    return _upsert_reference(conn, t.carriers, carrier.code, carrier)


def save_central_range(conn: Connection, carrier: str, rng: CentralRange) -> None:
    _require(conn, t.carriers, carrier, f"Carrier {carrier}")
    if rng.end < rng.start:
        raise ApiProblem(422, "invalid_range", "The range ends before it starts.")
    if rng.end >= MAX_NUMBER:
        raise ApiProblem(422, "invalid_range", "Tracking serial numbers stop at 10^18.")
    _check_no_overlap(conn, carrier, rng.prefix, rng.suffix, rng.start, rng.end,
                      width=rng.width, skip_central=True)
    _upsert(
        conn,
        t.central_ranges,
        carrier,
        {
            "prefix": rng.prefix,
            "suffix": rng.suffix,
            "width": rng.width,
            "next": rng.start,
            "end": rng.end,
        },
    )


def save_operator(
    conn: Connection,
    operator: Operator,
    warehouse: str | None,
    stations: list[str] | None = None,
) -> int:
    """Create or update an operator of ``warehouse`` (None: every warehouse), allowed at
    ``stations`` (None: every station of it). Without a ``pin_hash`` the stored one is kept."""
    if warehouse is not None:
        _require(conn, t.warehouses, warehouse, f"Warehouse {warehouse}")
    if operator.pin_hash is None:
        stored = conn.scalar(
            select(t.operators.c.data).where(t.operators.c.badge == operator.badge)
        )
        kept = json.loads(stored).get("pin_hash") if stored is not None else None
        if kept:
            operator = operator.model_copy(update={"pin_hash": kept})
    scope = json.dumps(sorted(set(stations))) if stations is not None else None
    return _upsert_reference(
        conn, t.operators, operator.badge, operator, warehouse=warehouse, stations=scope
    )


def set_operator_pin(conn: Connection, badge: str, pin: str, min_length: int) -> int:
    """Hash and store an operator's new PIN; refuse one shorter than ``min_length``."""
    if len(pin) < min_length:
        raise ApiProblem(
            422, "pin_too_short", f"A PIN needs at least {min_length} characters."
        )
    stored = conn.scalar(select(t.operators.c.data).where(t.operators.c.badge == badge))
    if stored is None:
        raise not_found(f"Operator {badge}")
    from argon2 import PasswordHasher

    data = json.loads(stored)
    data["pin_hash"] = PasswordHasher().hash(pin)
    seq = next_seq(conn)
    conn.execute(
        update(t.operators).where(t.operators.c.badge == badge).values(data=dumps(data), seq=seq)
    )
    return seq


def release_order(conn: Connection, release: OrderRelease) -> int:
    """Create or update an order released to its warehouse (not once it is packed/shipped)."""
    _require(conn, t.warehouses, release.warehouse, f"Warehouse {release.warehouse}")
    if release.seller is not None:
        _require(conn, t.sellers, release.seller, f"Seller {release.seller}")
    carrier = conn.scalar(select(t.carriers.c.data).where(t.carriers.c.code == release.carrier))
    if carrier is None:
        raise not_found(f"Carrier {release.carrier}")
    services = {s["code"] for s in json.loads(carrier)["services"]}
    if release.service not in services:
        raise ApiProblem(
            422, "unknown_service", f"Carrier {release.carrier} has no service {release.service}."
        )
    current = conn.execute(
        select(t.orders.c.status, t.orders.c.warehouse).where(
            t.orders.c.order_id == release.order_id
        )
    ).first()
    if current is not None and current.status not in (OrderStatus.RELEASED,):
        raise conflict(
            f"Order {release.order_id} is already {current.status}; it can no longer be changed."
        )
    if current is not None and current.warehouse != release.warehouse:
        raise conflict(f"Order {release.order_id} belongs to another warehouse.")
    order = release.model_dump(mode="json", exclude={"seller", "status"})
    seq = next_seq(conn)
    values = {
        "warehouse": release.warehouse,
        "seller": release.seller,
        "status": OrderStatus.RELEASED.value,
        "data": dumps(order),
        "seq": seq,
        "updated_at": now_iso(),
    }
    if current is None:
        conn.execute(insert(t.orders).values(order_id=release.order_id, **values))
    else:
        # Guarded: a cancellation or a pack that committed since the read above wins.
        changed = conn.execute(
            update(t.orders).where(t.orders.c.order_id == release.order_id,
                                   t.orders.c.status == OrderStatus.RELEASED.value,
                                   t.orders.c.warehouse == release.warehouse)
            .values(**values))
        if changed.rowcount == 0:
            raise conflict(
                f"Order {release.order_id} changed meanwhile; it can no longer be changed.")
    record_central_event(conn, release.order_id, "order_released", {"warehouse": release.warehouse})
    return seq


# The only ways an order's status moves. Bench facts move it forward (released -> packed ->
# shipped) and never out of cancelled/intercepted; a decision stops it unless it shipped.
_FORWARD = {
    OrderStatus.PACKED: (OrderStatus.RELEASED,),
    OrderStatus.SHIPPED: (OrderStatus.RELEASED, OrderStatus.PACKED),
}
_STOPPABLE = (OrderStatus.RELEASED, OrderStatus.PACKED, OrderStatus.CANCELLED,
              OrderStatus.INTERCEPTED)


def move_order(conn: Connection, order_id: str, to: OrderStatus,
               allowed_from: tuple[OrderStatus, ...]) -> OrderStatus | None:
    """Compare-and-set: move the order to ``to`` only if its status *now* (the row as the
    database holds it, not as this request read it earlier) is one of ``allowed_from``.

    Returns the status the order has afterwards (None: no such order). On PostgreSQL the
    UPDATE's WHERE is re-checked on the newest row version after a concurrent writer commits,
    so a cancellation that lands while a batch is being ingested is never overwritten.
    """
    done = conn.execute(
        update(t.orders)
        .where(t.orders.c.order_id == order_id,
               t.orders.c.status.in_([s.value for s in allowed_from]))
        .values(status=to.value, seq=next_seq(conn), updated_at=now_iso())
    )
    if done.rowcount:
        return to
    now = conn.scalar(select(t.orders.c.status).where(t.orders.c.order_id == order_id))
    return OrderStatus(now) if now is not None else None


def advance_order(conn: Connection, order_id: str, to: OrderStatus) -> OrderStatus | None:
    """A bench fact (packed, shipped): forward only, never from cancelled or intercepted."""
    return move_order(conn, order_id, to, _FORWARD[to])


def advance_orders(conn: Connection, order_ids: list[str], to: OrderStatus) -> None:
    """:func:`advance_order` for many orders in one statement (a batch's packed orders): a
    block of change sequence numbers, then one compare-and-set UPDATE per order, executed
    as one ``executemany``."""
    ids = list(dict.fromkeys(order_ids))
    if not ids:
        return
    top = int(conn.execute(
        update(t.change_counter).where(t.change_counter.c.id == 1)
        .values(value=t.change_counter.c.value + len(ids))
        .returning(t.change_counter.c.value)).scalar_one())
    now = now_iso()
    conn.execute(
        update(t.orders)
        .where(t.orders.c.order_id == bindparam("oid"),
               or_(*(t.orders.c.status == s.value for s in _FORWARD[to])))
        .values(status=to.value, seq=bindparam("new_seq"), updated_at=now),
        [{"oid": oid, "new_seq": top - len(ids) + 1 + i} for i, oid in enumerate(ids)],
    )


def decide_order(conn: Connection, order_id: str, status: OrderStatus, reason: str) -> int:
    """Cancel or intercept an order. A shipped order cannot be stopped any more."""
    if status not in (OrderStatus.CANCELLED, OrderStatus.INTERCEPTED):
        raise ApiProblem(
            422, "invalid_status", "An order can only be set to cancelled or intercepted here."
        )
    now = move_order(conn, order_id, status, _STOPPABLE)
    if now is None:
        raise not_found(f"Order {order_id}")
    if now != status:
        raise conflict(f"Order {order_id} has already shipped; it cannot be {status}.")
    record_central_event(conn, order_id, f"order_{status}", {"reason": reason})
    seq = select(t.orders.c.seq).where(t.orders.c.order_id == order_id)
    return int(conn.execute(seq).scalar_one())


def record_central_event(conn: Connection, order_id: str, kind: str, detail: dict) -> None:
    now = now_iso()
    conn.execute(
        insert(t.events).values(
            station=CENTRAL,
            idempotency_key=uuid.uuid4().hex,
            kind=kind,
            order_id=order_id,
            occurred_at=now,
            received_at=now,
            payload=json.dumps(detail, ensure_ascii=False),
            status="accepted",
        )
    )


def _format_of(conn: Connection, carrier: str) -> str:
    data = conn.scalar(select(t.carriers.c.data).where(t.carriers.c.code == carrier))
    return str(json.loads(data).get("tracking_format", "none")) if data else "none"


def _check_no_overlap(
    conn: Connection,
    carrier: str,
    prefix: str,
    suffix: str,
    start: int,
    end: int,
    *,
    width: int,
    skip_segment: str | None = None,
    skip_central: bool = False,
) -> None:
    """Refuse a block whose printed numbers another block of the carrier can print too,
    however either is written (``EE2`` + 7 digits is ``EE`` + 8 digits starting with 2)."""
    fmt = _format_of(conn, carrier)
    new = block(fmt, prefix, suffix, width, start, end)
    rows = conn.execute(
        select(t.pool_segments.c.segment_id, t.pool_segments.c.data)
        .where(t.pool_segments.c.carrier == carrier)
    ).all()
    for row in rows:
        seg = json.loads(row.data)
        if row.segment_id == skip_segment:
            continue
        other = block(fmt, seg["prefix"], seg["suffix"], seg["width"], seg["start"], seg["end"])
        if new.overlaps(other):
            raise conflict(
                f"Numbers {prefix}{start}..{end}{suffix} overlap pool segment "
                f"{row.segment_id} of {carrier}: both print some of the same numbers."
            )
    rng = conn.execute(
        select(t.central_ranges).where(t.central_ranges.c.carrier == carrier)
    ).first()
    if skip_central or rng is None:
        return
    central = block(fmt, rng.prefix, rng.suffix, rng.width, 0, rng.end)
    # Numbers up to the central range's end may already have been issued: stay above it.
    if new.key == central.key and new.lo <= central.max_value():
        raise conflict(
            f"Numbers {prefix}{start}..{end}{suffix} are not above the central range of "
            f"{carrier} (which ends at {rng.prefix}{rng.end}{rng.suffix})."
        )


def allocate_pool_segment(conn: Connection, segment: PoolSegment) -> int:
    """Give a station its own block of tracking numbers for printing labels offline."""
    _require(conn, t.carriers, segment.carrier, f"Carrier {segment.carrier}")
    _require(conn, t.stations, segment.station, f"Station {segment.station}")
    if len(segment.segment_id) > 64 or not segment.segment_id:
        raise ApiProblem(422, "invalid_segment", "A segment id has 1 to 64 characters.")
    if segment.end < segment.start:
        raise ApiProblem(422, "invalid_range", "The segment ends before it starts.")
    if segment.end >= MAX_NUMBER:
        raise ApiProblem(422, "invalid_range", "Tracking serial numbers stop at 10^18.")
    if len(str(segment.end)) > segment.width:
        raise ApiProblem(422, "invalid_range", "The segment's numbers do not fit its width.")
    existing = conn.scalar(
        select(t.pool_segments.c.station).where(t.pool_segments.c.segment_id == segment.segment_id)
    )
    if existing is not None:
        raise conflict(f"Pool segment {segment.segment_id} is already allocated to {existing}.")
    _check_no_overlap(
        conn, segment.carrier, segment.prefix, segment.suffix, segment.start, segment.end,
        width=segment.width,
    )
    return _upsert_reference(
        conn,
        t.pool_segments,
        segment.segment_id,
        segment,
        carrier=segment.carrier,
        station=segment.station,
        start=segment.start,
        end=segment.end,
    )


def inbound_notice(conn: Connection, notice_id: str, warehouse: str | None) -> InboundNotice:
    """An inbound notice of the caller's warehouse (others look unknown)."""
    row = conn.execute(
        select(t.inbound_notices.c.data, t.inbound_notices.c.warehouse).where(
            t.inbound_notices.c.notice_id == notice_id
        )
    ).first()
    if row is None or row.warehouse != warehouse:
        raise not_found(f"Inbound notice {notice_id}")
    received = conn.scalar(
        select(t.receipts.c.station).where(t.receipts.c.notice_id == notice_id)
    )
    if received is not None:
        raise ApiProblem(
            409, "already_received", f"Inbound notice {notice_id} was already received "
            f"(station {received})."
        )
    return InboundNotice.model_validate_json(row.data)


def save_inbound_notice(conn: Connection, notice: InboundNotice) -> None:
    _require(conn, t.warehouses, notice.warehouse, f"Warehouse {notice.warehouse}")
    _upsert(
        conn,
        t.inbound_notices,
        notice.notice_id,
        {"warehouse": notice.warehouse, "data": dumps(notice), "created_at": now_iso()},
    )


CLAIM_HOURS = 12  # a bench that never closed its receipt frees the notice after a shift


def claim_inbound_notice(conn: Connection, notice_id: str, warehouse: str | None,
                         station: str) -> InboundNotice:
    """The notice for ``station`` to count, claimed for it: one open receipt per notice at a
    time (before, two benches counted ASN-2002 and the loser's units vanished from stock)."""
    from datetime import UTC, datetime, timedelta

    notice = inbound_notice(conn, notice_id, warehouse)  # 404 / already received first
    row = conn.execute(select(t.notice_claims).where(t.notice_claims.c.notice_id == notice_id)
                       .with_for_update()).first()
    now = datetime.now(UTC)
    if row is not None and row.station != station:
        since = datetime.fromisoformat(row.claimed_at)
        if now - since < timedelta(hours=CLAIM_HOURS):
            raise ApiProblem(
                409, "notice_in_use",
                f"Inbound notice {notice_id} is being received at station {row.station} "
                f"(since {since.strftime('%H:%M')} UTC): count it there, or ask the lead.")
    values = {"station": station, "claimed_at": now.isoformat(timespec="seconds")}
    if row is None:
        conn.execute(insert(t.notice_claims).values(notice_id=notice_id, **values))
    else:
        conn.execute(update(t.notice_claims).where(t.notice_claims.c.notice_id == notice_id)
                     .values(**values))
    return notice
