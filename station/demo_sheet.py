"""What the demo's barcode sheet offers to 'scan': released orders, boxes, and the item
barcodes of the open order (read from the station's own file through its store; the demo
only)."""

from __future__ import annotations

from dataclasses import dataclass

from station.store import demo_rows
from station.store.outbox import utcnow_iso
from station.store.uow import StationStore


@dataclass(frozen=True)
class SheetCode:
    code: str
    label: str


def order_and_box_codes(store: StationStore,
                        limit: int = 6) -> tuple[list[SheetCode], list[SheetCode]]:
    """Totes (or order numbers) of released orders, and every box barcode."""
    totes, boxes = store.read(lambda conn: (demo_rows.released_totes(conn, limit),
                                            demo_rows.boxes(conn)))
    return (
        [SheetCode(t.tote or t.order_id, f"{t.order_id} · {t.carrier}") for t in totes],
        [SheetCode(b.barcode, b.name) for b in boxes],
    )


def item_codes(store: StationStore, names: dict[str, str]) -> list[SheetCode]:
    """Every barcode of the SKUs in ``names`` (sku -> display name); packs show their count."""
    rows = store.read(lambda conn: demo_rows.item_barcodes(conn, list(names)))
    return [
        SheetCode(r.code, names.get(r.sku, r.sku) + (f" ×{r.units}" if r.units > 1 else ""))
        for r in rows
    ]


def stage_demo_parcels(store: StationStore) -> None:
    """Parcels labelled earlier in the shift (as the pack and label steps leave them), so the
    lead's screens have a staging lane to hand over."""
    now = utcnow_iso()
    store.run(lambda conn: demo_rows.stage_parcels(conn, now))
