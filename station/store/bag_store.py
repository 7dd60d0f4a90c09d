"""Rows of bags and cages (集包, migration 0013): which parcels are in which bag, its seal.

Plain functions on a connection, called inside the service's one transaction per use case.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from station.domain.handover import ParcelFacts


@dataclass(frozen=True)
class Bag:
    bag_code: str
    carrier: str
    status: str  # open | sealed | handed
    seal: str | None
    manifest_id: str | None
    parcels: int


_BAG_SQL = ("SELECT b.bag_code, b.carrier, b.status, b.seal, b.manifest_id, "
            "(SELECT count(*) FROM bag_parcels bp WHERE bp.bag_code = b.bag_code) "
            "FROM bags b WHERE b.bag_code = ?")
_OPEN_SQL = ("SELECT bag_code FROM bags WHERE carrier = ? AND status = 'open' "
             "ORDER BY opened_at DESC LIMIT 1")
_IN_BAG_SQL = "SELECT bag_code FROM bag_parcels WHERE parcel_id = ?"
_CONTENT_SQL = ("SELECT bp.tracking_number FROM bag_parcels bp WHERE bp.bag_code = ? "
                "ORDER BY bp.bagged_at, bp.tracking_number")
_ON_MANIFEST_SQL = (
    "SELECT b.bag_code, b.seal, count(bp.parcel_id) FROM bags b "
    "LEFT JOIN bag_parcels bp ON bp.bag_code = b.bag_code WHERE b.manifest_id = ? "
    "GROUP BY b.bag_code, b.seal ORDER BY b.bag_code"
)


_FACTS_SQL = (
    "SELECT p.tracking_number, p.id, p.order_id, p.parcel_no, p.status, o.carrier, "
    "o.warehouse, o.status, p.actual_g, mp.manifest_id, m.status FROM bag_parcels bp "
    "JOIN parcels p ON p.id = bp.parcel_id LEFT JOIN orders o ON o.order_id = p.order_id "
    "LEFT JOIN manifest_parcels mp ON mp.parcel_id = p.id "
    "LEFT JOIN manifests m ON m.manifest_id = mp.manifest_id WHERE bp.bag_code = ? "
    "ORDER BY bp.bagged_at, p.tracking_number"
)


def _db(conn: Connection) -> Any:
    return conn.connection.dbapi_connection


def get(conn: Connection, bag_code: str) -> Bag | None:
    row = _db(conn).execute(_BAG_SQL, (bag_code,)).fetchone()
    return Bag(row[0], row[1], row[2], row[3], row[4], int(row[5])) if row else None


def open_bag_of(conn: Connection, carrier: str) -> str | None:
    """The carrier's bag being filled (one at a time per carrier)."""
    row = _db(conn).execute(_OPEN_SQL, (carrier,)).fetchone()
    return row[0] if row else None


def bag_of_parcel(conn: Connection, parcel_id: int) -> str | None:
    row = _db(conn).execute(_IN_BAG_SQL, (parcel_id,)).fetchone()
    return row[0] if row else None


def create(conn: Connection, bag_code: str, carrier: str, by: str, at: str) -> None:
    _db(conn).execute(
        "INSERT INTO bags (bag_code, carrier, status, opened_by, opened_at) "
        "VALUES (?, ?, 'open', ?, ?)", (bag_code, carrier, by, at))


def set_status(conn: Connection, bag_code: str, status: str, seal: str | None = None,
               at: str | None = None, manifest_id: str | None = None) -> None:
    _db(conn).execute(
        "UPDATE bags SET status = ?, seal = ?, sealed_at = ?, manifest_id = ? "
        "WHERE bag_code = ?", (status, seal, at, manifest_id, bag_code))


def add(conn: Connection, bag_code: str, parcel_id: int, tracking: str, weight_g: int | None,
        by: str, at: str) -> None:
    _db(conn).execute(
        "INSERT INTO bag_parcels (bag_code, parcel_id, tracking_number, weight_g, bagged_by, "
        "bagged_at) VALUES (?, ?, ?, ?, ?, ?)", (bag_code, parcel_id, tracking, weight_g, by, at))


def remove(conn: Connection, bag_code: str, parcel_id: int) -> bool:
    cur = _db(conn).execute("DELETE FROM bag_parcels WHERE bag_code = ? AND parcel_id = ?",
                            (bag_code, parcel_id))
    return bool(cur.rowcount)


def content(conn: Connection, bag_code: str) -> list[str]:
    return [r[0] for r in _db(conn).execute(_CONTENT_SQL, (bag_code,))]


def on_manifest(conn: Connection, manifest_id: str) -> list[tuple[str, str | None, int]]:
    """(bag, seal, parcels) of every bag handed over on ``manifest_id``."""
    return [(r[0], r[1], int(r[2])) for r in _db(conn).execute(_ON_MANIFEST_SQL, (manifest_id,))]


def packed_weight(conn: Connection, bag_code: str) -> int:
    """The packed weights of the bag's parcels, summed (re-weighing at the handover)."""
    row = _db(conn).execute("SELECT coalesce(sum(weight_g), 0) FROM bag_parcels "
                            "WHERE bag_code = ?", (bag_code,)).fetchone()
    return int(row[0])


def parcel_facts(conn: Connection, bag_code: str) -> list[ParcelFacts]:
    """What the handover judges of each parcel in the bag, in one query."""
    return [ParcelFacts(r[0], parcel_id=r[1], order_id=r[2], parcel_no=r[3], status=r[4],
                        carrier=r[5], warehouse=r[6], order_status=r[7], weight_g=r[8],
                        manifest_id=r[9], manifest_status=r[10])
            for r in _db(conn).execute(_FACTS_SQL, (bag_code,))]
