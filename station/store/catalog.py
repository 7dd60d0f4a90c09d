"""Reference data read side: the barcode/box/order/badge look-ups the scan classifier needs
(prebuilt Core statements, they run on every scan) and loaders of domain values."""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Row, bindparam, or_, select

from station.domain.model import (
    Address,
    Dimensions,
    Operator,
    Order,
    OrderLine,
    OrderStatus,
    Packaging,
    PackKind,
    Role,
    Sku,
    SkuBarcode,
    Tolerance,
)
from station.store.tables import barcodes, operators, order_lines, orders, packaging, parcels, skus

# Prebuilt once: SQLAlchemy caches their compiled form, so a look-up is one execute.
_BARCODE = select(barcodes.c.sku, barcodes.c.kind, barcodes.c.units).where(
    barcodes.c.code == bindparam("code")
)
_BOX = select(packaging.c.code).where(
    packaging.c.barcode == bindparam("code"), packaging.c.active.is_(True)
)
_ORDER_BY_CODE = select(orders.c.order_id, orders.c.tote, orders.c.pick_list).where(
    or_(
        orders.c.order_id == bindparam("code"),
        orders.c.tote == bindparam("code"),
        orders.c.pick_list == bindparam("code"),
    )
).order_by(orders.c.updated_at.desc())
_BADGE = select(operators.c.badge).where(
    operators.c.badge == bindparam("code"), operators.c.active.is_(True)
)
_PARCEL = select(parcels.c.order_id).where(parcels.c.tracking_number == bindparam("code"))
_ORDER = select(orders).where(orders.c.order_id == bindparam("order_id"))
_ORDER_STATUS = select(orders.c.status).where(orders.c.order_id == bindparam("order_id"))
_LINES = (
    select(order_lines.c.line_no, order_lines.c.sku, order_lines.c.quantity)
    .where(order_lines.c.order_id == bindparam("order_id"))
    .order_by(order_lines.c.line_no)
)
_SKUS = select(skus).where(skus.c.sku.in_(bindparam("skus", expanding=True)))
_SKU_BARCODES = select(barcodes).where(barcodes.c.sku.in_(bindparam("skus", expanding=True)))
_PACKAGING = select(packaging).where(packaging.c.active.is_(True))
_BOX_BY_CODE = select(packaging).where(packaging.c.code == bindparam("code"))
_OPERATOR = select(operators).where(operators.c.badge == bindparam("badge"))


def _pct(text: str | None) -> Decimal | None:
    return Decimal(text) if text is not None else None


class Catalog:
    """Look-ups on one connection. Implements :class:`station.scan.CodeLookup`."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # --- CodeLookup
    def barcode(self, code: str) -> SkuBarcode | None:
        row = self.conn.execute(_BARCODE, {"code": code}).first()
        return SkuBarcode(code, row.sku, PackKind(row.kind), row.units) if row else None

    def box_by_barcode(self, code: str) -> str | None:
        return self.conn.execute(_BOX, {"code": code}).scalar()

    def order_by_code(self, code: str) -> tuple[str, str] | None:
        row = self.conn.execute(_ORDER_BY_CODE, {"code": code}).first()
        if row is None:
            return None
        kind = "order" if row.order_id == code else "tote" if row.tote == code else "pick_list"
        return row.order_id, kind

    def operator_by_badge(self, code: str) -> str | None:
        return self.conn.execute(_BADGE, {"code": code}).scalar()

    def order_by_parcel(self, code: str) -> str | None:
        return self.conn.execute(_PARCEL, {"code": code}).scalar()

    # --- domain loaders
    def order(self, order_id: str) -> Order | None:
        row = self.conn.execute(_ORDER, {"order_id": order_id}).first()
        if row is None:
            return None
        lines = tuple(
            OrderLine(r.line_no, r.sku, r.quantity)
            for r in self.conn.execute(_LINES, {"order_id": order_id})
        )
        return Order(
            order_id=row.order_id,
            status=OrderStatus(row.status),
            carrier=row.carrier,
            service=row.service,
            lines=lines,
            tote=row.tote,
            pick_list=row.pick_list,
            tolerance=Tolerance(row.tol_g, _pct(row.tol_pct)),
            warehouse=row.warehouse,
            recipient=_address(row.recipient),
            sender=_address(row.sender),
            cutoff=row.cutoff or "",
        )

    def order_status(self, order_id: str) -> str | None:
        return self.conn.execute(_ORDER_STATUS, {"order_id": order_id}).scalar()

    def skus(self, codes: Iterable[str]) -> dict[str, Sku]:
        wanted = sorted(set(codes))
        if not wanted:
            return {}
        by_sku: dict[str, list[SkuBarcode]] = {}
        for b in self.conn.execute(_SKU_BARCODES, {"skus": wanted}):
            by_sku.setdefault(b.sku, []).append(
                SkuBarcode(b.code, b.sku, PackKind(b.kind), b.units)
            )
        return {
            r.sku: _sku(r, tuple(by_sku.get(r.sku, ())))
            for r in self.conn.execute(_SKUS, {"skus": wanted})
        }

    def packaging(self) -> list[Packaging]:
        return [_box(r) for r in self.conn.execute(_PACKAGING)]

    def box(self, code: str) -> Packaging | None:
        row = self.conn.execute(_BOX_BY_CODE, {"code": code}).first()
        return _box(row) if row else None

    def operator(self, badge: str) -> tuple[Operator, str | None] | None:
        """The operator and their PIN hash, or None if the badge is unknown."""
        row = self.conn.execute(_OPERATOR, {"badge": badge}).first()
        if row is None:
            return None
        return Operator(row.badge, row.name, Role(row.role), bool(row.active)), row.pin_hash


def _sku(r: Row, codes: tuple[SkuBarcode, ...]) -> Sku:
    return Sku(
        sku=r.sku,
        name=r.name,
        name_zh=r.name_zh,
        unit_weight_g=r.unit_weight_g,
        dimensions=Dimensions(r.length_mm, r.width_mm, r.height_mm),
        requires_lot=bool(r.requires_lot),
        requires_serial=bool(r.requires_serial),
        bulk=bool(r.bulk),
        tolerance=Tolerance(r.tol_g, _pct(r.tol_pct)),
        barcodes=codes,
        active=bool(r.active),
    )


def _box(r: Row) -> Packaging:
    return Packaging(
        code=r.code,
        name=r.name,
        barcode=r.barcode,
        inner=Dimensions(r.inner_length_mm, r.inner_width_mm, r.inner_height_mm),
        tare_g=r.tare_g,
        max_load_g=r.max_load_g,
        filler_g=r.filler_g,
        active=bool(r.active),
    )


def _address(stored: str | None) -> Address | None:
    """An address stored as JSON; None when missing or unreadable (display data only)."""
    if not stored:
        return None
    try:
        data = json.loads(stored)
    except ValueError:
        return None
    return Address.from_mapping(data) if isinstance(data, dict) else None


# Fixed SQL on the DB-API connection: every lead call checks the role (lookups included).
_ROLE_SQL = "SELECT role FROM operators WHERE badge = ? AND active = 1"


def active_role(conn: Connection, badge: str) -> str | None:
    """The role of an active operator's badge, else None."""
    db: Any = conn.connection.dbapi_connection
    row = db.execute(_ROLE_SQL, (badge,)).fetchone()
    return None if row is None else str(row[0])
