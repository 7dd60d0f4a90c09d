"""Rows of the handover: manifests and the parcels scanned onto them (migration 0005).

Plain functions on a connection, called inside the service's one transaction per use case.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select, text

from station.domain.handover import ManifestHead, ManifestLine, ManifestStatus
from station.store import tables

_HEAD_COLS = ("manifest_id, carrier, pickup, warehouse, status, opened_by, opened_at, "
              "closed_by, closed_at, reopened")
_HEAD_SQL = f"SELECT {_HEAD_COLS} FROM manifests WHERE manifest_id = ?"
_OPEN_SQL = f"SELECT {_HEAD_COLS} FROM manifests WHERE status = 'open' ORDER BY opened_at"
_INSERT_HEAD_SQL = (
    "INSERT INTO manifests (manifest_id, carrier, pickup, warehouse, station, status, "
    "opened_by, opened_at, reopened) VALUES (?, ?, ?, ?, ?, 'open', ?, ?, 0)"
)
_INSERT_LINE_SQL = (
    "INSERT INTO manifest_parcels (manifest_id, tracking_number, parcel_id, weight_g, "
    "scanned_by, scanned_at) VALUES (?, ?, ?, ?, ?, ?)"
)
_LINES_SQL = (
    "SELECT mp.tracking_number, p.order_id, p.parcel_no, mp.weight_g, mp.scanned_by, "
    "mp.scanned_at FROM manifest_parcels mp JOIN parcels p ON p.id = mp.parcel_id "
    "WHERE mp.manifest_id = ? ORDER BY mp.scanned_at, mp.tracking_number"
)
_COUNT_SQL = "SELECT count(*) FROM manifest_parcels WHERE manifest_id = ?"
_NUMBERS_SQL = "SELECT tracking_number FROM manifest_parcels WHERE manifest_id = ?"
_SEQ_SQL = "SELECT count(*) FROM manifests WHERE manifest_id LIKE ?"
_RECIPIENTS_SQL = (
    "SELECT p.tracking_number, o.recipient FROM manifest_parcels mp "
    "JOIN parcels p ON p.id = mp.parcel_id JOIN orders o ON o.order_id = p.order_id "
    "WHERE mp.manifest_id = ?"
)


def _db(conn: Connection) -> Any:
    return conn.connection.dbapi_connection


def _head(row: Any) -> ManifestHead:
    return ManifestHead(row[0], row[1], row[2], row[3], ManifestStatus(row[4]), row[5], row[6],
                        row[7], row[8], int(row[9] or 0))


def head(conn: Connection, manifest_id: str) -> ManifestHead | None:
    row = _db(conn).execute(_HEAD_SQL, (manifest_id,)).fetchone()
    return _head(row) if row else None


def open_heads(conn: Connection) -> list[ManifestHead]:
    return [_head(r) for r in _db(conn).execute(_OPEN_SQL)]


def next_manifest_id(conn: Connection, station: str, day: str) -> str:
    """``MF-<station>-<yyyymmdd>-<nn>``: readable on the sheet, unique per station."""
    prefix = f"MF-{station}-{day}-"
    n = int(_db(conn).execute(_SEQ_SQL, (prefix + "%",)).fetchone()[0]) + 1
    return f"{prefix}{n:02d}"


def insert_head(conn: Connection, manifest_id: str, carrier: str, pickup: str, warehouse: str,
                station: str, by: str, at: str) -> None:
    _db(conn).execute(_INSERT_HEAD_SQL, (manifest_id, carrier, pickup, warehouse, station,
                                         by, at))


def add_line(conn: Connection, manifest_id: str, tracking: str, parcel_id: int,
             weight_g: int | None, by: str, at: str) -> None:
    _db(conn).execute(_INSERT_LINE_SQL, (manifest_id, tracking, parcel_id, weight_g, by, at))


def add_lines(conn: Connection, manifest_id: str,
              parcels: list[tuple[str, int, int | None]], by: str, at: str) -> None:
    """Several parcels (tracking, parcel id, weight) onto a manifest at once (a bag)."""
    _db(conn).executemany(_INSERT_LINE_SQL, [(manifest_id, tracking, pid, grams, by, at)
                                             for tracking, pid, grams in parcels])


def lines(conn: Connection, manifest_id: str) -> list[ManifestLine]:
    return [ManifestLine(*r) for r in _db(conn).execute(_LINES_SQL, (manifest_id,))]


def count(conn: Connection, manifest_id: str) -> int:
    return int(_db(conn).execute(_COUNT_SQL, (manifest_id,)).fetchone()[0])


def tracking_numbers(conn: Connection, manifest_id: str) -> list[str]:
    return [r[0] for r in _db(conn).execute(_NUMBERS_SQL, (manifest_id,))]


def remove_stopped(conn: Connection, manifest_id: str) -> list[str]:
    """Take parcels of cancelled or intercepted orders off an open manifest; their numbers."""
    db = _db(conn)
    numbers = [r[0] for r in db.execute(
        "SELECT mp.tracking_number FROM manifest_parcels mp JOIN parcels p ON p.id = "
        "mp.parcel_id JOIN orders o ON o.order_id = p.order_id WHERE mp.manifest_id = ? "
        "AND o.status IN ('cancelled', 'intercepted') ORDER BY mp.tracking_number",
        (manifest_id,))]
    for number in numbers:
        db.execute("DELETE FROM manifest_parcels WHERE manifest_id = ? AND tracking_number = ?",
                   (manifest_id, number))
    return numbers


def set_closed(conn: Connection, manifest_id: str, by: str, at: str) -> None:
    _db(conn).execute(
        "UPDATE manifests SET status = 'closed', closed_by = ?, closed_at = ? "
        "WHERE manifest_id = ?", (by, at, manifest_id))


def set_reopened(conn: Connection, manifest_id: str) -> None:
    _db(conn).execute(
        "UPDATE manifests SET status = 'open', closed_by = NULL, closed_at = NULL, "
        "reopened = reopened + 1 WHERE manifest_id = ?", (manifest_id,))


def recipients(conn: Connection, manifest_id: str) -> dict[str, dict[str, Any]]:
    """Recipient address (as stored JSON) per tracking number, for the printed sheet."""
    return {r[0]: json.loads(r[1]) for r in _db(conn).execute(_RECIPIENTS_SQL, (manifest_id,))}


def carriers(conn: Connection) -> list[Any]:
    """Every carrier this station knows (code, name, name_zh...), by code."""
    return list(conn.execute(select(tables.carriers).order_by(tables.carriers.c.code)).all())


def close_detail(conn: Connection, manifest_id: str) -> str | None:
    """The audit detail (JSON) of the manifest's last close."""
    return conn.execute(text(
        "SELECT detail FROM audit WHERE action = 'manifest_closed' AND subject = :m "
        "ORDER BY id DESC LIMIT 1"), {"m": manifest_id}).scalar_one_or_none()
