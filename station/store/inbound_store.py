"""Store side of receiving and returns: open documents, their facts in order, locations.

Call inside the caller's transaction; the services commit each fact with its audit row and,
on close, its outbox event in one unit of work.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from sqlalchemy import Connection, func, insert, select, update

from contract import OrderLine, ReturnCheck
from station.domain.model import OrderStatus
from station.domain.receiving import FactType, ReceiptFact
from station.domain.returns import ReturnFact, ReturnFactType
from station.store.outbox import utcnow_iso
from station.store.tables import (
    barcodes,
    locations,
    operators,
    order_lines,
    orders,
    parcels,
    receipt_scans,
    receipts,
    return_scans,
    returns,
    skus,
)


def location_kind(conn: Connection, code: str) -> str | None:
    """``bin`` or ``quarantine`` for an active location of this warehouse, else None."""
    return conn.execute(
        select(locations.c.kind).where(locations.c.code == code, locations.c.active.is_(True))
    ).scalar_one_or_none()


def quarantine_location(conn: Connection) -> str | None:
    return conn.execute(
        select(locations.c.code).where(locations.c.kind == "quarantine").order_by(locations.c.code)
    ).scalars().first()


def sku_of_code(conn: Connection, code: str) -> tuple[str, int] | None:
    """(SKU, units) of a product barcode, or of a SKU label (its Code 128 is the SKU)."""
    row = conn.execute(
        select(barcodes.c.sku, barcodes.c.units).where(barcodes.c.code == code)
    ).first()
    if row is not None:
        return row.sku, row.units
    sku = conn.execute(select(skus.c.sku).where(skus.c.sku == code)).scalar_one_or_none()
    return (sku, 1) if sku else None


def product_names(conn: Connection, codes: list[str]) -> dict[str, tuple[str, str | None]]:
    rows = conn.execute(
        select(skus.c.sku, skus.c.name, skus.c.name_zh).where(skus.c.sku.in_(codes))
    )
    return {r.sku: (r.name, r.name_zh) for r in rows}


def without_unit_barcode(conn: Connection, codes: list[str]) -> set[str]:
    """SKUs among ``codes`` that have no unit barcode: they need SKU labels at receiving."""
    have = set(conn.execute(
        select(barcodes.c.sku).where(barcodes.c.sku.in_(codes), barcodes.c.kind == "unit")
    ).scalars())
    return set(codes) - have


def sku_of_spellings(conn: Connection, spellings: list[str]) -> tuple[str, int] | None:
    """(sku, units) of the first spelling of a scanned code that names a product."""
    for spelling in spellings:
        hit = sku_of_code(conn, spelling)
        if hit is not None:
            return hit
    return None


def operator_role(conn: Connection, badge: str) -> tuple[str, bool] | None:
    row = conn.execute(
        select(operators.c.role, operators.c.active).where(operators.c.badge == badge)
    ).first()
    return (row.role, bool(row.active)) if row else None


# ---------------------------------------------------------------- receipts
def open_receipt(conn: Connection, station: str) -> tuple[int, str, str, str] | None:
    """(pk, receipt_id, notice_id, notice JSON) of this station's open receipt."""
    row = conn.execute(
        select(receipts.c.id, receipts.c.receipt_id, receipts.c.notice_id, receipts.c.notice)
        .where(receipts.c.station == station, receipts.c.ended_at.is_(None))
        .order_by(receipts.c.id.desc())
    ).first()
    return (row.id, row.receipt_id, row.notice_id, row.notice) if row else None


def receipt_done(conn: Connection, notice_id: str) -> bool:
    """True when this station already closed a receipt of ``notice_id``."""
    return conn.execute(
        select(receipts.c.id).where(receipts.c.notice_id == notice_id,
                                    receipts.c.ended_at.is_not(None))
    ).first() is not None


def insert_receipt(conn: Connection, receipt_id: str, notice_id: str, station: str,
                   operator: str, notice_json: str) -> int:
    done = conn.execute(insert(receipts).values(
        receipt_id=receipt_id, notice_id=notice_id, station=station, operator=operator,
        notice=notice_json, opened_at=utcnow_iso(),
    ))
    assert done.inserted_primary_key is not None
    return int(done.inserted_primary_key[0])


def receipt_facts(conn: Connection, pk: int) -> list[ReceiptFact]:
    rows = conn.execute(
        select(receipt_scans).where(receipt_scans.c.receipt == pk).order_by(receipt_scans.c.seq)
    )
    return [ReceiptFact(FactType(r.type), r.sku, r.units, r.location, r.raw, r.lot, r.expiry)
            for r in rows]


_INSERT_RECEIPT_FACT = (  # fixed SQL: a counted unit's hot path
    "INSERT INTO receipt_scans (receipt, seq, at, operator, type, raw, sku, units, location, "
    "lot, expiry) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def last_receipt_seq(conn: Connection, pk: int) -> int:
    return int(conn.execute(
        select(func.coalesce(func.max(receipt_scans.c.seq), 0)).where(receipt_scans.c.receipt == pk)
    ).scalar_one())


def add_receipt_facts(conn: Connection, pk: int, facts: tuple[ReceiptFact, ...],
                      operator: str, seq: int | None = None) -> None:
    """Append ``facts`` after sequence number ``seq`` (the last one written; read from the
    store when the caller does not keep it)."""
    if seq is None:
        seq = last_receipt_seq(conn, pk)
    at = utcnow_iso()
    for i, f in enumerate(facts, 1):
        # driver-level SQL: no statement to build, and a refusal still arrives wrapped
        # (StoreUnavailable for the bench), not as a bare sqlite3 error
        conn.exec_driver_sql(_INSERT_RECEIPT_FACT, (pk, seq + i, at, operator, str(f.type),
                                                    f.raw, f.sku, f.units, f.location, f.lot,
                                                    f.expiry))
        if f.type is FactType.FINISHED:
            conn.execute(update(receipts).where(receipts.c.id == pk).values(ended_at=at))


def receipt_codes(conn: Connection, codes: list[str]) -> dict[str, tuple[str, int]]:
    """Every barcode of ``codes``' products (and each SKU itself, its SKU label) with the SKU
    and units it counts: a receipt resolves its own items without a query."""
    out = {sku: (sku, 1) for sku in conn.execute(
        select(skus.c.sku).where(skus.c.sku.in_(codes))).scalars()}
    for row in conn.execute(select(barcodes.c.code, barcodes.c.sku, barcodes.c.units)
                            .where(barcodes.c.sku.in_(codes))):
        out[row.code] = (row.sku, row.units)
    return out


# ---------------------------------------------------------------- returns
def open_return(conn: Connection, station: str) -> tuple[int, str, str] | None:
    """(pk, return_id, check JSON) of this station's open return."""
    row = conn.execute(
        select(returns.c.id, returns.c.return_id, returns.c.check)
        .where(returns.c.station == station, returns.c.ended_at.is_(None))
        .order_by(returns.c.id.desc())
    ).first()
    return (row.id, row.return_id, row.check) if row else None


def returned_here(conn: Connection, order_id: str) -> dict[str, int]:
    """Units per SKU of ``order_id`` this station already recorded in closed returns."""
    out: dict[str, int] = {}
    rows = conn.execute(
        select(return_scans.c.sku, return_scans.c.units)
        .select_from(return_scans.join(returns, returns.c.id == return_scans.c.return_pk))
        .where(returns.c.order_id == order_id, returns.c.ended_at.is_not(None),
               return_scans.c.type == str(ReturnFactType.ITEM))
    )
    for r in rows:
        out[r.sku] = out.get(r.sku, 0) + r.units
    return out


def synced_return_ids(conn: Connection, order_id: str) -> list[str]:
    return list(conn.execute(
        select(returns.c.return_id).where(returns.c.order_id == order_id,
                                          returns.c.ended_at.is_not(None))
    ).scalars())


def insert_return(conn: Connection, return_id: str, order_id: str, station: str, operator: str,
                  check_json: str) -> int:
    done = conn.execute(insert(returns).values(
        return_id=return_id, order_id=order_id, station=station, operator=operator,
        check=check_json, opened_at=utcnow_iso(),
    ))
    assert done.inserted_primary_key is not None
    return int(done.inserted_primary_key[0])


def return_facts(conn: Connection, pk: int) -> list[ReturnFact]:
    rows = conn.execute(
        select(return_scans).where(return_scans.c.return_pk == pk).order_by(return_scans.c.seq)
    )
    return [
        ReturnFact(ReturnFactType(r.type), r.sku, r.units, r.reason, r.condition, r.location,
                   r.decision, r.label, r.raw, r.operator, r.grade)
        for r in rows
    ]


def add_return_facts(conn: Connection, pk: int, facts: tuple[ReturnFact, ...],
                     operator: str) -> None:
    seq = conn.execute(
        select(func.coalesce(func.max(return_scans.c.seq), 0))
        .where(return_scans.c.return_pk == pk)
    ).scalar_one()
    at = utcnow_iso()
    for i, f in enumerate(facts, 1):
        conn.execute(insert(return_scans).values(
            return_pk=pk, seq=seq + i, at=at, operator=f.by or operator, type=str(f.type),
            raw=f.raw, sku=f.sku, units=f.units, reason=f.reason, condition=f.condition,
            location=f.location, decision=f.decision, label=f.label, grade=f.grade))
        if f.type in (ReturnFactType.FINISHED, ReturnFactType.CANCELLED):
            conn.execute(update(returns).where(returns.c.id == pk).values(ended_at=at))


def fact_dict(fact: ReceiptFact | ReturnFact) -> dict[str, object]:
    """A fact for an audit row's detail (None fields left out)."""
    return {k: v for k, v in asdict(fact).items() if v not in (None, 0)}


def loads(text: str) -> dict[str, object]:
    return dict(json.loads(text))


def last_bins(conn: Connection, skus: list[str]) -> dict[str, str]:
    """Where each of ``skus`` was put away last at this station (earlier receipts)."""
    rows = conn.execute(
        select(receipt_scans.c.sku, receipt_scans.c.location)
        .where(receipt_scans.c.type == "put_away", receipt_scans.c.sku.in_(skus),
               receipt_scans.c.location.is_not(None))
        .order_by(receipt_scans.c.id)
    )
    return {r.sku: r.location for r in rows}


def lot_skus(conn: Connection, codes: list[str]) -> frozenset[str]:
    """The SKUs among ``codes`` whose units are received with their lot."""
    return frozenset(conn.execute(select(skus.c.sku).where(
        skus.c.sku.in_(codes), skus.c.requires_lot.is_(True))).scalars())


def local_return_check(conn: Connection, code: str) -> ReturnCheck | str | None:
    """Offline: the station's own copy of the order. None if unknown, "not_shipped" if it
    is known but central never said it shipped."""
    order_id = conn.execute(select(orders.c.order_id).where(
        (orders.c.order_id == code) | (orders.c.tote == code))).scalar_one_or_none()
    if order_id is None:
        order_id = conn.execute(select(parcels.c.order_id).where(
            parcels.c.tracking_number == code)).scalars().first()
    if order_id is None:
        return None
    row = conn.execute(select(orders.c.status, orders.c.carrier).where(
        orders.c.order_id == order_id)).one()
    if row.status != OrderStatus.SHIPPED:
        return "not_shipped"
    lines = conn.execute(select(order_lines).where(order_lines.c.order_id == order_id)).all()
    numbers = list(conn.execute(select(parcels.c.tracking_number).where(
        parcels.c.order_id == order_id, parcels.c.tracking_number.is_not(None))).scalars())
    return ReturnCheck(order_id=order_id, carrier=row.carrier, tracking_numbers=numbers,
                       lines=[OrderLine(line_no=r.line_no, sku=r.sku, quantity=r.quantity)
                              for r in lines])
