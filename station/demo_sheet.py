"""What the demo's barcode sheet offers to 'scan': released orders, boxes, and the item
barcodes of the open order (read from the station's own file; the demo only)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Engine, select, text

from station.store.outbox import audit, utcnow_iso
from station.store.tables import barcodes, orders, packaging


@dataclass(frozen=True)
class SheetCode:
    code: str
    label: str


def order_and_box_codes(engine: Engine, limit: int = 6) -> tuple[list[SheetCode], list[SheetCode]]:
    """Totes (or order numbers) of released orders, and every box barcode."""
    with engine.connect() as conn:
        totes = conn.execute(
            select(orders.c.order_id, orders.c.tote, orders.c.carrier)
            .where(orders.c.status == "released").order_by(orders.c.order_id).limit(limit)
        ).all()
        boxes = conn.execute(select(packaging.c.barcode, packaging.c.name)).all()
    return (
        [SheetCode(t.tote or t.order_id, f"{t.order_id} · {t.carrier}") for t in totes],
        [SheetCode(b.barcode, b.name) for b in boxes],
    )


def item_codes(engine: Engine, names: dict[str, str]) -> list[SheetCode]:
    """Every barcode of the SKUs in ``names`` (sku -> display name); packs show their count."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(barcodes.c.code, barcodes.c.sku, barcodes.c.units)
            .where(barcodes.c.sku.in_(list(names))).order_by(barcodes.c.sku, barcodes.c.units)
        ).all()
    return [
        SheetCode(r.code, names.get(r.sku, r.sku) + (f" ×{r.units}" if r.units > 1 else ""))
        for r in rows
    ]


def stage_demo_parcels(engine: Engine) -> None:
    """Parcels labelled earlier in the shift (as the pack and label steps leave them), so the
    lead's screens have a staging lane to hand over."""
    now = utcnow_iso()
    with engine.begin() as conn:
        for order_id, number, grams, packer in (("SO-1005", "SF10000901", 450, "B-PACKER"),
                                                ("SO-1004", "SF10000902", 1730, "B-ADMIN"),
                                                ("SO-1002", "EE20000901CN", 2310, "B-PACKER")):
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
