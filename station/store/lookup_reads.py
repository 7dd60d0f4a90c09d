"""Lookup's reads: which orders a scan or a typed name names, and each order's history rows.

Plain SQL on the DB-API cursor (a lead's lookup over a million parcels stays in the low
milliseconds, see bench/bench_lead.py); the service turns the rows into history lines.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from station.domain.recipients import looks_like_phone, name_key
from station.store import parcel_reads

MATCH_LIMIT = 20  # a pick list longer than this asks for more of the name or number
_BY_NAME_SQL = ("SELECT order_id FROM orders WHERE recipient_key >= ? AND recipient_key < ? "
            "ORDER BY recipient_key, order_id LIMIT ?")
_BY_PHONE_SQL = ("SELECT order_id FROM orders WHERE phone_tail = ? AND phone_digits LIKE ? "
             "ORDER BY order_id DESC LIMIT ?")
_ORDER_SQL = ("SELECT order_id, warehouse, status, carrier, service, recipient, tote, pick_list "
          "FROM orders WHERE order_id = ?")
_BY_TOTE_SQL = "SELECT order_id FROM orders WHERE tote = ? OR pick_list = ? ORDER BY order_id"
_SKU_SQL = "SELECT sku FROM skus WHERE sku = ? UNION SELECT sku FROM barcodes WHERE code = ?"
_SKU_ORDERS_SQL = (
    "SELECT DISTINCT s.order_id FROM scans c JOIN pack_sessions s ON s.id = c.session_id "
    "WHERE c.sku = ? ORDER BY c.id DESC LIMIT 50"
)
_SESSIONS_SQL = ("SELECT id, station, operator, state, opened_at, ended_at FROM pack_sessions "
             "WHERE order_id = ? ORDER BY id")
_SCANS_SQL = (
    "SELECT c.at, c.operator, c.type, c.raw, c.sku, c.units, c.lot, c.serial, c.box_code, "
    "c.grams, c.expected_g, c.within, c.by FROM scans c "
    "JOIN pack_sessions s ON s.id = c.session_id WHERE s.order_id = ? ORDER BY c.id"
)
_AUDIT_SQL = ("SELECT at, operator, action, detail FROM audit WHERE subject = ? AND action IN "
          "('weight_override', 'short_pick', 'order_stopped', 'manual_quantity') ORDER BY id")
_HANDOVER_SQL = (
    "SELECT mp.scanned_at, mp.scanned_by, mp.tracking_number, m.manifest_id, m.carrier, "
    "m.status, m.closed_at, m.closed_by FROM manifest_parcels mp "
    "JOIN manifests m ON m.manifest_id = mp.manifest_id "
    "JOIN parcels p ON p.id = mp.parcel_id WHERE p.order_id = ? ORDER BY mp.scanned_at"
)


def _db(conn: Connection) -> Any:
    return conn.connection.dbapi_connection


def resolve(conn: Connection, code: str) -> tuple[str, list[str]]:
    """What ``code`` is (tracking, order, tote, sku, phone, recipient, unknown) and the orders
    it names."""
    db = _db(conn)
    order = parcel_reads.order_of_tracking(conn, code)
    if order is not None:
        return "tracking", [order]
    voided = parcel_reads.voided_label_order(conn, code)
    if voided:
        return "tracking", [voided]
    order_id, _, parcel = code.rpartition("/")  # "SO-1001/2": parcel 2 of an order
    for candidate in (code, order_id if parcel.isdigit() else ""):
        if candidate and db.execute(_ORDER_SQL, (candidate,)).fetchone():
            return "order", [candidate]
    totes = [r[0] for r in db.execute(_BY_TOTE_SQL, (code, code))]
    if totes:
        return "tote", totes
    sku = db.execute(_SKU_SQL, (code, code)).fetchone()
    if sku:
        return "sku", [r[0] for r in db.execute(_SKU_ORDERS_SQL, (sku[0],))]
    digits = looks_like_phone(code)
    if digits is not None:  # the whole number, or its last four digits
        found = [r[0] for r in db.execute(_BY_PHONE_SQL, (
            digits[-4:], f"%{digits}", MATCH_LIMIT))]
        if found:
            return "phone", found
    key = name_key(code)
    if key:  # the name, or its beginning
        found = [r[0] for r in db.execute(_BY_NAME_SQL, (key, key + "\U0010ffff",
                                                        MATCH_LIMIT))]
        if found:
            return "recipient", found
    return "unknown", []


def order_row(conn: Connection, order_id: str) -> Any:
    """(order_id, warehouse, status, carrier, service, recipient JSON, tote, pick_list)."""
    return _db(conn).execute(_ORDER_SQL, (order_id,)).fetchone()


def sessions(conn: Connection, order_id: str) -> list[Any]:
    """(id, station, operator, state, opened_at, ended_at) of each pack session."""
    return list(_db(conn).execute(_SESSIONS_SQL, (order_id,)))


def scans(conn: Connection, order_id: str) -> list[Any]:
    return list(_db(conn).execute(_SCANS_SQL, (order_id,)))


def audit_rows(conn: Connection, order_id: str) -> list[Any]:
    """(at, operator, action, detail JSON) of the overrides, short picks and stops."""
    return list(_db(conn).execute(_AUDIT_SQL, (order_id,)))


def handovers(conn: Connection, order_id: str) -> list[Any]:
    """(scanned_at, scanned_by, tracking, manifest, carrier, status, closed_at, closed_by)."""
    return list(_db(conn).execute(_HANDOVER_SQL, (order_id,)))
