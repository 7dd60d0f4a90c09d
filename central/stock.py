"""Stock by SKU and location: locations, minimums, receipts and returns that move it, the
return check a bench asks before it opens a return, and the stock report with replenishment
alerts that stations show.

Receipts and returns arrive as bench events through ``POST /v1/events``; ``central.ingest``
stores each idempotency key once, so these appliers run once per event. A receipt is also
unique per inbound notice and a return per ``return_id``: the same goods are never counted twice
even if a station replays them under a new key.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from central import tables as t
from central.auth import Caller
from central.clock import now_iso
from central.errors import ApiProblem, not_found
from central.ingest_labels import Rejected
from central.wms import dumps, next_seq
from contract import (
    Location,
    OrderLine,
    OrderStatus,
    ParcelItem,
    QcMoved,
    ReceiptPosted,
    ReplenishmentAlert,
    ReturnCheck,
    ReturnPosted,
    StockLevel,
    StockReport,
)


# ---------------------------------------------------------------- WMS side
def save_location(conn: Connection, warehouse: str, location: Location) -> int:
    """Create or change a location of ``warehouse``; stations pull it with their changes."""
    if conn.scalar(select(t.warehouses.c.code).where(t.warehouses.c.code == warehouse)) is None:
        raise not_found(f"Warehouse {warehouse}")
    seq = next_seq(conn)
    values = {"kind": location.kind, "data": dumps(location), "seq": seq}
    where = (t.locations.c.warehouse == warehouse, t.locations.c.code == location.code)
    if conn.execute(update(t.locations).where(*where).values(**values)).rowcount == 0:
        conn.execute(insert(t.locations).values(warehouse=warehouse, code=location.code, **values))
    return seq


def set_minimum(conn: Connection, warehouse: str, sku: str, minimum: int) -> None:
    """The available quantity below which central raises a replenishment alert."""
    if conn.scalar(select(t.warehouses.c.code).where(t.warehouses.c.code == warehouse)) is None:
        raise not_found(f"Warehouse {warehouse}")
    where = (t.stock_minimums.c.warehouse == warehouse, t.stock_minimums.c.sku == sku)
    if conn.execute(update(t.stock_minimums).where(*where).values(minimum=minimum)).rowcount == 0:
        conn.execute(insert(t.stock_minimums).values(warehouse=warehouse, sku=sku,
                                                     minimum=minimum))


def save_rma(conn: Connection, rma: str, order_id: str) -> None:
    """A return the seller authorised: the bench may open it by this RMA number."""
    warehouse = conn.scalar(select(t.orders.c.warehouse).where(t.orders.c.order_id == order_id))
    if warehouse is None:
        raise not_found(f"Order {order_id}")
    conn.execute(t.rmas.delete().where(t.rmas.c.rma == rma))
    conn.execute(insert(t.rmas).values(rma=rma, order_id=order_id, warehouse=warehouse))


def _add_stock(conn: Connection, warehouse: str, location: str, sku: str, units: int) -> None:
    where = (
        t.stock.c.warehouse == warehouse,
        t.stock.c.location == location,
        t.stock.c.sku == sku,
    )
    done = conn.execute(
        update(t.stock).where(*where).values(quantity=t.stock.c.quantity + units)
    )
    if done.rowcount == 0:
        conn.execute(insert(t.stock).values(
            warehouse=warehouse, location=location, sku=sku, quantity=units))


def stock_report(conn: Connection, warehouse: str, sku: str | None = None) -> StockReport:
    """Quantities by SKU and location, and alerts where available stock is below minimum."""
    query = select(t.stock.c.sku, t.stock.c.location, t.stock.c.quantity).where(
        t.stock.c.warehouse == warehouse, t.stock.c.quantity != 0
    )
    if sku:
        query = query.where(t.stock.c.sku == sku)
    levels = [
        StockLevel(sku=r.sku, location=r.location, quantity=int(r.quantity))
        for r in conn.execute(query.order_by(t.stock.c.sku, t.stock.c.location))
    ]
    held = set(conn.scalars(select(t.locations.c.code).where(  # quarantine, QC hold
        t.locations.c.warehouse == warehouse, t.locations.c.kind != "bin")))
    available: dict[str, int] = defaultdict(int)
    for level in levels:
        if level.location not in held:
            available[level.sku] += level.quantity
    alerts = []
    minimums = select(t.stock_minimums.c.sku, t.stock_minimums.c.minimum).where(
        t.stock_minimums.c.warehouse == warehouse
    )
    if sku:
        minimums = minimums.where(t.stock_minimums.c.sku == sku)
    for row in conn.execute(minimums.order_by(t.stock_minimums.c.sku)):
        have = available.get(row.sku, 0)
        if have < row.minimum:
            alerts.append(ReplenishmentAlert(
                sku=row.sku, available=have, minimum=int(row.minimum),
                shortfall=int(row.minimum) - have))
    return StockReport(warehouse=warehouse, levels=levels, alerts=alerts)


# ---------------------------------------------------------------- returns: the check
def _returned(conn: Connection, order_id: str) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for data in conn.scalars(select(t.returns.c.data).where(t.returns.c.order_id == order_id)):
        for item in json.loads(data)["items"]:
            out[item["sku"]] += int(item["quantity"])
    return dict(out)


def return_check(conn: Connection, caller: Caller, code: str) -> ReturnCheck:
    """The shipped order of ``code`` (tracking number, order number or RMA).

    409 ``not_shipped`` for an order that never left; 404 when nothing is known by that code
    in the caller's warehouse: an order of another warehouse looks unknown, as on every other
    read (its id and warehouse are not another warehouse's business).
    """
    rma = None
    order_id = conn.scalar(select(t.orders.c.order_id).where(t.orders.c.order_id == code))
    if order_id is None:
        order_id = conn.scalar(
            select(t.tracking_numbers.c.order_id).where(t.tracking_numbers.c.number == code))
    if order_id is None:
        order_id = conn.scalar(select(t.rmas.c.order_id).where(t.rmas.c.rma == code))
        rma = code if order_id is not None else None
    if order_id is None:
        raise not_found(f"No order, tracking number or RMA {code}")
    row = conn.execute(select(t.orders.c.warehouse, t.orders.c.status, t.orders.c.data).where(
        t.orders.c.order_id == order_id)).one()
    if row.warehouse != caller.warehouse:
        raise not_found(f"No order, tracking number or RMA {code}")
    if row.status != OrderStatus.SHIPPED:
        raise ApiProblem(409, "not_shipped",
                         f"Order {order_id} has not shipped (it is {row.status}).")
    data = json.loads(row.data)
    numbers = list(conn.scalars(select(t.tracking_numbers.c.number).where(
        t.tracking_numbers.c.order_id == order_id, t.tracking_numbers.c.voided.is_(False)
    ).order_by(t.tracking_numbers.c.number)))
    return ReturnCheck(
        order_id=order_id,
        carrier=data["carrier"],
        tracking_numbers=numbers,
        rma=rma,
        lines=[OrderLine.model_validate(ln) for ln in data["lines"]],
        returned=[ParcelItem(sku=s, quantity=q) for s, q in _returned(conn, order_id).items()],
    )


# ---------------------------------------------------------------- event appliers
def _location_kind(conn: Connection, warehouse: str, code: str) -> str | None:
    return conn.scalar(select(t.locations.c.kind).where(
        t.locations.c.warehouse == warehouse, t.locations.c.code == code))


def apply_receipt(conn: Connection, caller: Caller, p: ReceiptPosted) -> None:
    """Add the received units to stock at their locations (over-deliveries stay out)."""
    assert caller.warehouse is not None and caller.station is not None
    notice = conn.execute(select(t.inbound_notices.c.data, t.inbound_notices.c.warehouse).where(
        t.inbound_notices.c.notice_id == p.notice_id)).first()
    if notice is None or notice.warehouse != caller.warehouse:
        raise Rejected(f"Inbound notice {p.notice_id} is not known in warehouse "
                       f"{caller.warehouse}.")
    if conn.scalar(select(t.receipts.c.receipt_id).where(
            t.receipts.c.notice_id == p.notice_id)) is not None:
        raise Rejected(f"Inbound notice {p.notice_id} was already received.")
    announced: dict[str, int] = defaultdict(int)
    for line in json.loads(notice.data)["lines"]:
        announced[line["sku"]] += int(line["quantity"])
    received: dict[str, int] = defaultdict(int)
    for line in p.lines:  # a SKU listed twice is summed: never more than announced in all
        received[line.sku] += line.received
    for sku_code, units in received.items():
        if units > announced.get(sku_code, 0):
            raise Rejected(f"{units} units of {sku_code} are more than notice "
                           f"{p.notice_id} announced.")
    for line in p.lines:
        if line.received and not line.location:
            raise Rejected(f"{line.sku} was received without a put-away location.")
        if line.received and _location_kind(
                conn, caller.warehouse, line.location or "") not in ("bin", "qc_hold"):
            raise Rejected(f"Location {line.location} is not a storage bin or QC hold of "
                           f"warehouse {caller.warehouse}.")
    for line in p.lines:
        if line.received and line.location:
            _add_stock(conn, caller.warehouse, line.location, line.sku, line.received)
    conn.execute(insert(t.receipts).values(
        receipt_id=p.receipt_id, notice_id=p.notice_id, warehouse=caller.warehouse,
        station=caller.station, data=dumps(p), received_at=now_iso()))
    short = {sku: n - received.get(sku, 0) for sku, n in announced.items()
             if n > received.get(sku, 0)}
    if short:
        _backorder(conn, caller.warehouse, p.notice_id, json.loads(notice.data), short)


def apply_qc_move(conn: Connection, caller: Caller, p: QcMoved) -> None:
    """Units leave a QC hold for a bin (passed) or the quarantine (failed). The hold must
    have them: a move of units central never saw there is refused, never made up."""
    assert caller.warehouse is not None
    if _location_kind(conn, caller.warehouse, p.from_location) != "qc_hold":
        raise Rejected(f"Location {p.from_location} is not a QC hold of warehouse "
                       f"{caller.warehouse}.")
    want = "bin" if p.passed else "quarantine"
    if _location_kind(conn, caller.warehouse, p.to_location) != want:
        raise Rejected(f"Goods that {'passed' if p.passed else 'failed'} QC go to a {want}; "
                       f"{p.to_location} is not one.")
    held = stock_of(conn, caller.warehouse, p.sku, p.from_location)
    if held < p.quantity:
        raise Rejected(f"QC hold {p.from_location} has {held} units of {p.sku}, not "
                       f"{p.quantity}.")
    _add_stock(conn, caller.warehouse, p.from_location, p.sku, -p.quantity)
    _add_stock(conn, caller.warehouse, p.to_location, p.sku, p.quantity)


def backorder_id(conn: Connection, notice_id: str) -> str:
    """``<root>-BO<n>``: the next backorder of a notice's root (a backorder of a backorder is
    numbered on the root, so the ids do not grow)."""
    root = re.sub(r"-BO\d+$", "", notice_id)[:56]
    taken = conn.execute(select(t.inbound_notices.c.notice_id).where(
        t.inbound_notices.c.notice_id.like(f"{root}-BO%"))).scalars().all()
    numbers = [int(m.group(1)) for n in taken if (m := re.search(r"-BO(\d+)$", n))]
    return f"{root}-BO{max(numbers, default=0) + 1}"


def _backorder(conn: Connection, warehouse: str, notice_id: str, data: dict[str, Any],
               short: dict[str, int]) -> None:
    """The units a receipt did not find stay announced: a backorder notice for the rest."""
    from central.wms import save_inbound_notice
    from contract import InboundLine, InboundNotice

    order = [line["sku"] for line in data.get("lines", [])]
    lines = [InboundLine(sku=sku, quantity=short[sku])
             for sku in dict.fromkeys(order) if sku in short]
    save_inbound_notice(conn, InboundNotice(
        notice_id=backorder_id(conn, notice_id), warehouse=warehouse,
        supplier=data.get("supplier"), lines=lines))


def apply_return(conn: Connection, caller: Caller, p: ReturnPosted, status: OrderStatus) -> None:
    """Restock or quarantine the returned units and tell the seller (webhook)."""
    assert caller.warehouse is not None and caller.station is not None
    if status != OrderStatus.SHIPPED:
        raise Rejected(f"Order {p.order_id} has not shipped; it cannot be returned.")
    if conn.scalar(select(t.returns.c.return_id).where(
            t.returns.c.return_id == p.return_id)) is not None:
        raise Rejected(f"Return {p.return_id} was already recorded.")
    data = json.loads(conn.scalar(select(t.orders.c.data).where(
        t.orders.c.order_id == p.order_id)) or "{}")
    shipped: dict[str, int] = defaultdict(int)
    for line in data.get("lines", []):
        shipped[line["sku"]] += int(line["quantity"])
    already = _returned(conn, p.order_id)
    now: dict[str, int] = defaultdict(int)
    for item in p.items:
        now[item.sku] += item.quantity
        if (item.condition == "resellable") != (item.disposition == "restock"):
            raise Rejected(f"{item.condition} goods of {item.sku} cannot be {item.disposition}d.")
        want = "bin" if item.disposition == "restock" else "quarantine"
        if _location_kind(conn, caller.warehouse, item.location) != want:
            raise Rejected(f"Location {item.location} is not a {want} location of warehouse "
                           f"{caller.warehouse}.")
    for sku_code, units in now.items():
        if units + already.get(sku_code, 0) > shipped.get(sku_code, 0):
            raise Rejected(f"More units of {sku_code} are returned than order {p.order_id} "
                           "shipped.")
    for item in p.items:
        _add_stock(conn, caller.warehouse, item.location, item.sku, item.quantity)
    at = now_iso()
    conn.execute(insert(t.returns).values(
        return_id=p.return_id, order_id=p.order_id, warehouse=caller.warehouse,
        station=caller.station, decision=p.decision, data=dumps(p), received_at=at))
    _notify_seller(conn, p, at)


def _notify_seller(conn: Connection, p: ReturnPosted, at: str) -> None:
    seller = conn.execute(
        select(t.sellers.c.code, t.sellers.c.webhook_url)
        .select_from(t.orders.join(t.sellers, t.sellers.c.code == t.orders.c.seller))
        .where(t.orders.c.order_id == p.order_id)
    ).first()
    if seller is None or not seller.webhook_url:
        return
    key = f"return:{p.return_id}"
    body = {
        "event_key": key,
        "kind": "return",
        "order_id": p.order_id,
        "return_id": p.return_id,
        "rma": p.rma,
        "decision": p.decision,
        "items": [i.model_dump(mode="json") for i in p.items],
        "return_label": p.return_label,
        "at": at,
    }
    conn.execute(insert(t.webhook_deliveries).values(
        event_key=key, seller=seller.code, url=seller.webhook_url,
        body=json.dumps(body, ensure_ascii=False, separators=(",", ":")),
        attempts=0, next_attempt_at=time.time()))


def stock_of(conn: Connection, warehouse: str, sku: str, location: str) -> int:
    """Units of ``sku`` at ``location`` (0 when none): for tests and the admin."""
    value = conn.scalar(select(func.coalesce(func.sum(t.stock.c.quantity), 0)).where(
        t.stock.c.warehouse == warehouse, t.stock.c.sku == sku, t.stock.c.location == location))
    return int(value or 0)
