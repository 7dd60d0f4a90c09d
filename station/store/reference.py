"""Write side of reference data: upsert what the central API sent (``ChangeSet``) into the
station's tables. The sync pull loop calls :func:`apply_changes` inside its transaction, with
the new cursor, so a crash never leaves half a change set."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Table, and_, case, delete, or_, select
from sqlalchemy.dialects.sqlite import insert

from contract import ChangeSet, OrderStatus
from station.domain.recipients import name_key, phone_digits
from station.store.outbox import utcnow_iso
from station.store.tables import (
    barcodes,
    carrier_services,
    carriers,
    locations,
    operators,
    order_lines,
    orders,
    packaging,
    skus,
)


def _upsert(
    conn: Connection,
    table: Table,
    rows: list[dict[str, Any]],
    keys: list[str],
    keep: dict[str, Callable[[Any], Any]] | None = None,
) -> None:
    """Insert or update ``rows``; ``keep[col](stmt)`` gives the SQL for a column that must not
    be overwritten blindly."""
    if not rows:
        return
    stmt = insert(table)
    updates = {c: stmt.excluded[c] for c in rows[0] if c not in keys}
    for col, expr in (keep or {}).items():
        updates[col] = expr(stmt)
    if updates:
        conn.execute(stmt.on_conflict_do_update(index_elements=keys, set_=updates), rows)
    else:
        conn.execute(stmt.on_conflict_do_nothing(index_elements=keys), rows)


def _pct(value: Any) -> str | None:
    return None if value is None else str(value)


def _bench_status_wins(stmt: Any) -> Any:
    """The bench is the authority for what happened there: an order packed or shipped here
    stays so when central, not yet caught up with our events, still says "released".
    Central's cancel or intercept always wins."""
    done = (OrderStatus.PACKED.value, OrderStatus.SHIPPED.value)
    return case(
        (
            and_(
                or_(orders.c.status == done[0], orders.c.status == done[1]),
                stmt.excluded.status == OrderStatus.RELEASED.value,
            ),
            orders.c.status,
        ),
        else_=stmt.excluded.status,
    )


def apply_changes(conn: Connection, changes: ChangeSet) -> dict[str, int]:
    """Upsert products (+barcodes), packaging, carriers (+services), operators and orders
    (+lines). Pool segments are not handled here (the label/carrier side owns them).
    Returns how many of each kind were applied. Call inside a transaction."""
    if changes.products:
        _upsert(conn, skus, [
            {
                "sku": p.sku, "name": p.name, "name_zh": p.name_zh,
                "unit_weight_g": p.unit_weight_g, "length_mm": p.length_mm,
                "width_mm": p.width_mm, "height_mm": p.height_mm,
                "requires_lot": p.requires_lot, "requires_serial": p.requires_serial,
                "bulk": p.bulk, "tol_g": p.weight_tolerance_g,
                "tol_pct": _pct(p.weight_tolerance_pct), "active": p.active,
            }
            for p in changes.products
        ], ["sku"])
        # The product's barcode list is complete: drop codes it no longer has.
        conn.execute(delete(barcodes).where(barcodes.c.sku.in_([p.sku for p in changes.products])))
        _upsert(conn, barcodes, [
            {"code": b.code, "sku": p.sku, "kind": b.kind, "units": b.units}
            for p in changes.products for b in p.barcodes
        ], ["code"])
    _upsert(conn, packaging, [
        {
            "code": b.code, "name": b.name, "barcode": b.barcode,
            "inner_length_mm": b.inner_length_mm, "inner_width_mm": b.inner_width_mm,
            "inner_height_mm": b.inner_height_mm, "tare_g": b.tare_g,
            "max_load_g": b.max_load_g, "filler_g": b.filler_g, "active": b.active,
        }
        for b in changes.packaging
    ], ["code"])
    if changes.carriers:
        _upsert(conn, carriers, [
            {
                "code": c.code, "name": c.name, "name_zh": c.name_zh,
                "tracking_format": c.tracking_format, "mask_recipient": c.mask_recipient,
                "staging_lane": c.staging_lane, "dim_divisor": c.dim_divisor,
                "offline_policy": c.offline_policy,
            }
            for c in changes.carriers
        ], ["code"])
        conn.execute(delete(carrier_services).where(
            carrier_services.c.carrier.in_([c.code for c in changes.carriers])
        ))
        _upsert(conn, carrier_services, [
            {"carrier": c.code, "code": s.code, "name": s.name}
            for c in changes.carriers for s in c.services
        ], ["carrier", "code"])
    _upsert(conn, operators, [
        {"badge": o.badge, "name": o.name, "role": o.role, "pin_hash": o.pin_hash,
         "active": o.active}
        for o in changes.operators
    ], ["badge"])
    if changes.orders:
        now = utcnow_iso()
        _upsert(conn, orders, [
            {
                "order_id": o.order_id, "warehouse": o.warehouse, "status": str(o.status),
                "carrier": o.carrier, "service": o.service,
                "recipient": o.recipient.model_dump_json(),
                "sender": o.sender.model_dump_json() if o.sender else None,
                "tote": o.tote, "pick_list": o.pick_list,
                "cutoff": o.cutoff.isoformat() if o.cutoff else None,
                "tol_g": o.weight_tolerance_g, "tol_pct": _pct(o.weight_tolerance_pct),
                "updated_at": now,
                "recipient_key": name_key(o.recipient.name),
                "phone_digits": phone_digits(o.recipient.phone),
                "phone_tail": phone_digits(o.recipient.phone)[-4:],
            }
            for o in changes.orders
        ], ["order_id"], keep={"status": _bench_status_wins})
        conn.execute(delete(order_lines).where(
            order_lines.c.order_id.in_([o.order_id for o in changes.orders])
        ))
        _upsert(conn, order_lines, [
            {"order_id": o.order_id, "line_no": ln.line_no, "sku": ln.sku,
             "quantity": ln.quantity}
            for o in changes.orders for ln in o.lines
        ], ["order_id", "line_no"])
    _upsert(conn, locations, [
        {"code": loc.code, "kind": loc.kind, "name": loc.name, "active": loc.active}
        for loc in changes.locations
    ], ["code"])
    return {
        "products": len(changes.products), "packaging": len(changes.packaging),
        "carriers": len(changes.carriers), "operators": len(changes.operators),
        "orders": len(changes.orders),
    }


def order_recipient(conn: Connection, order_id: str) -> dict[str, Any] | None:
    """The stored recipient address of an order (JSON of ``contract.Address``), for labels."""
    row = conn.execute(
        orders.select().with_only_columns(orders.c.recipient).where(orders.c.order_id == order_id)
    ).first()
    return json.loads(row.recipient) if row else None


def tracking_format_of(conn: Connection, carrier: str) -> str:
    """The carrier's tracking-number format as this station knows it ("none" if unknown)."""
    fmt = conn.execute(
        select(carriers.c.tracking_format).where(carriers.c.code == carrier)
    ).scalar_one_or_none()
    return fmt or "none"
