"""What the demo's barcode sheet offers to 'scan': released orders, boxes, and the item
barcodes of the open order (read from the station's own file; the demo only)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select

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
