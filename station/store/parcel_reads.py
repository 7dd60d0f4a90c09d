"""Every read (and the two writes) of a parcel's label state that handover, lookup and the
dashboard need, in one small module.

Label state lives in ``parcels.status`` / ``parcels.tracking_number`` (the live label) and
label history in the ``label_printed`` / ``label_reprinted`` / ``label_voided`` audit rows.
When that storage changes, this module is the one place to switch. The hot reads go through
the DB-API connection with fixed SQL (an ORM select costs ~17x here, docs/known-traps.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from station.domain.handover import ManifestLine, ParcelFacts

# The live label of a parcel, its order and the manifest it is on: one indexed probe.
FACTS_SQL = (
    "SELECT p.id, p.order_id, p.parcel_no, p.status, o.carrier, o.warehouse, o.status, "
    "p.actual_g, mp.manifest_id, m.status FROM parcels p "
    "LEFT JOIN orders o ON o.order_id = p.order_id "
    "LEFT JOIN manifest_parcels mp ON mp.parcel_id = p.id "
    "LEFT JOIN manifests m ON m.manifest_id = mp.manifest_id "
    "WHERE p.tracking_number = ? ORDER BY p.id DESC LIMIT 1"
)
_ORDER_OF_SQL = ("SELECT order_id FROM parcels WHERE tracking_number = ? "
                 "ORDER BY id DESC LIMIT 1")
_VOIDED_POOL_SQL = "SELECT reference FROM pool_number WHERE number = ? AND status = 'voided'"
_VOIDED_AUDIT_SQL = (
    "SELECT subject FROM audit WHERE action = 'label_voided' "
    "AND json_extract(detail, '$.tracking') = ? ORDER BY id DESC LIMIT 1"
)
_WAITING_SQL = (
    "SELECT p.tracking_number, p.order_id, p.parcel_no, p.actual_g FROM parcels p "
    "JOIN orders o ON o.order_id = p.order_id "
    "WHERE p.status = 'labelled' AND p.tracking_number IS NOT NULL AND o.carrier = ? "
    "AND o.warehouse = ? AND o.status NOT IN ('cancelled', 'intercepted') "
    "AND NOT EXISTS (SELECT 1 FROM manifest_parcels mp WHERE mp.parcel_id = p.id) "
    "ORDER BY p.id"
)
_WAITING_COUNT_SQL = "SELECT count(*) FROM (" + _WAITING_SQL + ")"
_SHIP_SQL = (
    "UPDATE parcels SET status = 'shipped' WHERE status = 'labelled' AND id IN "
    "(SELECT parcel_id FROM manifest_parcels WHERE manifest_id = ?)"
)
_UNSHIP_SQL = (
    "UPDATE parcels SET status = 'labelled' WHERE status = 'shipped' AND id IN "
    "(SELECT parcel_id FROM manifest_parcels WHERE manifest_id = ?)"
)
_LABEL_HISTORY_SQL = (
    "SELECT at, operator, action, detail FROM audit WHERE subject = ? "
    "AND action IN ('label_printed', 'label_reprinted', 'label_voided') ORDER BY id"
)
_ORDER_PARCELS_SQL = (
    "SELECT id, session_id, parcel_no, box_code, expected_g, actual_g, override_by, "
    "override_reason, items, status, tracking_number, closed_at FROM parcels "
    "WHERE order_id = ? ORDER BY parcel_no, id"
)


def _dbapi(conn: Connection) -> Any:
    return conn.connection.dbapi_connection


def parcel_facts(conn: Connection, tracking_number: str) -> ParcelFacts:
    """What the station knows about ``tracking_number`` for a handover scan."""
    db = _dbapi(conn)
    row = db.execute(FACTS_SQL, (tracking_number,)).fetchone()
    if row is None:
        return ParcelFacts(tracking_number, voided_order=voided_label_order(conn, tracking_number))
    return ParcelFacts(
        tracking_number, parcel_id=row[0], order_id=row[1], parcel_no=row[2], status=row[3],
        carrier=row[4], warehouse=row[5], order_status=row[6], weight_g=row[7],
        manifest_id=row[8], manifest_status=row[9],
    )


def order_of_tracking(conn: Connection, tracking_number: str) -> str | None:
    """The order whose parcel carries ``tracking_number`` as its live (or shipped) label:
    one indexed probe, the lookup's hot path."""
    row = _dbapi(conn).execute(_ORDER_OF_SQL, (tracking_number,)).fetchone()
    return row[0] if row else None


def voided_label_order(conn: Connection, tracking_number: str) -> str | None:
    """The order whose label ``tracking_number`` was voided, or None. Pool numbers are found
    by key; central numbers by their void audit row (a scan only reaches this on a miss)."""
    db = _dbapi(conn)
    try:
        ref = db.execute(_VOIDED_POOL_SQL, (tracking_number,)).fetchone()
    except Exception:  # a station without the pool table: the audit rows still tell
        ref = None
    if ref is not None and ref[0]:
        return str(ref[0]).rsplit("/", 1)[0]
    row = db.execute(_VOIDED_AUDIT_SQL, (tracking_number,)).fetchone()
    return row[0] if row else None


def waiting_parcels(conn: Connection, carrier: str, warehouse: str) -> list[ManifestLine]:
    """Labelled parcels of ``carrier`` that are on no manifest yet: what the driver should
    take. Cancelled and intercepted orders are left out (they must not ship)."""
    return [
        ManifestLine(r[0], r[1], r[2], r[3])
        for r in _dbapi(conn).execute(_WAITING_SQL, (carrier, warehouse))
    ]


def waiting_count(conn: Connection, carrier: str, warehouse: str) -> int:
    return int(_dbapi(conn).execute(_WAITING_COUNT_SQL, (carrier, warehouse)).fetchone()[0])


def mark_shipped(conn: Connection, manifest_id: str) -> int:
    """Parcels of a closed manifest left with the carrier. Returns how many changed."""
    return int(_dbapi(conn).execute(_SHIP_SQL, (manifest_id,)).rowcount)


def unmark_shipped(conn: Connection, manifest_id: str) -> int:
    """A lead reopened the manifest: its parcels are back to labelled until it closes."""
    return int(_dbapi(conn).execute(_UNSHIP_SQL, (manifest_id,)).rowcount)


@dataclass(frozen=True, slots=True)
class LabelHistoryEntry:
    at: str
    operator: str | None
    action: str  # label_printed / label_reprinted / label_voided
    parcel_no: int | None
    tracking_number: str | None
    reason: str | None


def label_history(conn: Connection, order_id: str) -> list[LabelHistoryEntry]:
    """Labels printed, reprinted and voided for an order, oldest first."""
    out = []
    for at, operator, action, detail in _dbapi(conn).execute(_LABEL_HISTORY_SQL, (order_id,)):
        d = json.loads(detail or "{}")
        out.append(LabelHistoryEntry(at, operator, action, d.get("parcel_no"),
                                     d.get("tracking"), d.get("reason")))
    return out


def order_parcels(conn: Connection, order_id: str) -> list[dict[str, Any]]:
    """Every parcel row of an order (all label states), in parcel order."""
    names = ("id", "session_id", "parcel_no", "box_code", "expected_g", "actual_g",
             "override_by", "override_reason", "items", "status", "tracking_number",
             "closed_at")
    return [dict(zip(names, r, strict=True))
            for r in _dbapi(conn).execute(_ORDER_PARCELS_SQL, (order_id,))]
