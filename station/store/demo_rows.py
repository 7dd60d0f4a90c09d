"""The demo's own reads and writes of the station file: what its barcode sheet offers to
'scan', and the parcels staged for the lead's screens (the demo and screenshots only)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select, text

from station.store.outbox import audit
from station.store.tables import barcodes, orders, packaging

STAGED = (("SO-1005", "SF10000901", 450, "B-PACKER"), ("SO-1004", "SF10000902", 1730, "B-ADMIN"),
          ("SO-1002", "EE20000901CN", 2310, "B-PACKER"))


def released_totes(conn: Connection, limit: int) -> list[Any]:
    """(order_id, tote, carrier) of released orders."""
    return list(conn.execute(
        select(orders.c.order_id, orders.c.tote, orders.c.carrier)
        .where(orders.c.status == "released").order_by(orders.c.order_id).limit(limit)
    ).all())


def boxes(conn: Connection) -> list[Any]:
    return list(conn.execute(select(packaging.c.barcode, packaging.c.name)).all())


def item_barcodes(conn: Connection, skus: list[str]) -> list[Any]:
    """(code, sku, units) of every barcode of ``skus``."""
    return list(conn.execute(
        select(barcodes.c.code, barcodes.c.sku, barcodes.c.units)
        .where(barcodes.c.sku.in_(skus)).order_by(barcodes.c.sku, barcodes.c.units)
    ).all())


def stage_parcels(conn: Connection, now: str) -> None:
    """Parcels labelled earlier in the shift, as the pack and label steps leave them."""
    for order_id, number, grams, packer in STAGED:
        sid = conn.execute(text(
            "INSERT INTO pack_sessions (order_id, station, operator, state, opened_at, "
            "ended_at) VALUES (:o, 'ST-01', :p, 'finished', :t, :t) RETURNING id"),
            {"o": order_id, "p": packer, "t": now}).scalar_one()
        conn.execute(text(
            "INSERT INTO parcels (session_id, order_id, parcel_no, box_code, expected_g, "
            "actual_g, items, status, tracking_number, closed_at) VALUES (:s, :o, 1, 'M', "
            ":g, :g, :i, 'labelled', :n, :t)"),
            {"s": sid, "o": order_id, "g": grams, "n": number, "t": now,
             "i": json.dumps([{"sku": "MUG-01", "quantity": 1}])})
        audit(conn, "label_printed", packer, order_id, parcel_no=1, tracking=number)
