"""Small builders of domain values for the core's unit tests (no database)."""

from __future__ import annotations

from decimal import Decimal

from station.domain import (
    Dimensions,
    Order,
    OrderLine,
    OrderStatus,
    Packaging,
    PackKind,
    Sku,
    SkuBarcode,
    Tolerance,
)


def sku(code: str, grams: int = 100, dims=(100, 80, 50), *, lot=False, serial=False,
        bulk=False, tol_g=None, tol_pct=None, case_units: int | None = None) -> Sku:
    codes = [SkuBarcode(f"EAN-{code}", code)]
    if case_units:
        codes.append(SkuBarcode(f"CASE-{code}", code, PackKind.CASE, case_units))
    return Sku(code, f"Item {code}", grams, Dimensions(*dims), requires_lot=lot,
               requires_serial=serial, bulk=bulk,
               tolerance=Tolerance(tol_g, Decimal(tol_pct) if tol_pct else None),
               barcodes=tuple(codes))


def box(code: str, dims, tare: int, max_load: int = 10_000, filler: int = 0) -> Packaging:
    return Packaging(code, f"Box {code}", f"PKG-{code}", Dimensions(*dims), tare, max_load,
                     filler)


BOXES = [box("S", (200, 150, 100), 80, 3000, 10), box("M", (350, 260, 200), 180, 8000, 20),
         box("L", (600, 400, 350), 450, 20000, 40)]


def order(lines: dict[str, int], status=OrderStatus.RELEASED, tol_g=None, tol_pct=None,
          order_id="SO-1") -> Order:
    return Order(order_id, status, "SF", "STD",
                 tuple(OrderLine(i + 1, s, q) for i, (s, q) in enumerate(lines.items())),
                 tote="T-" + order_id, pick_list="PL-" + order_id,
                 tolerance=Tolerance(tol_g, Decimal(tol_pct) if tol_pct else None))
