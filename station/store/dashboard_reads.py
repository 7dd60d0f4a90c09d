"""The lead's dashboard reads: the day's work per carrier and packer, the exceptions and their
states, work per local hour and each carrier's next cut-off.

Plain SQL on the DB-API cursor (a dashboard over a busy day stays fast, see
bench/bench_lead.py). Timestamps are UTC ISO strings, so the local hour is SQLite's
``strftime('%H', at, '<offset> minutes')`` (SQLite reads the ``+00:00`` suffix).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, insert

from station.store.tables import exception_states

_PACKED_SQL = (
    "SELECT o.carrier, s.operator, count(*) FROM parcels p "
    "JOIN orders o ON o.order_id = p.order_id JOIN pack_sessions s ON s.id = p.session_id "
    "WHERE p.closed_at >= ? AND p.closed_at < ? GROUP BY o.carrier, s.operator"
)
_LABELLED_SQL = (
    # The label step may run without an operator: the parcel's packer then gets the label.
    "SELECT o.carrier, COALESCE(a.operator, (SELECT s.operator FROM pack_sessions s "
    "WHERE s.order_id = a.subject ORDER BY s.id DESC LIMIT 1)) AS who, count(*) FROM audit a "
    "JOIN orders o ON o.order_id = a.subject WHERE a.at >= ? AND a.at < ? "
    "AND a.action = 'label_printed' GROUP BY o.carrier, who"
)
_HANDED_SQL = (
    "SELECT m.carrier, s.operator, count(*) FROM manifest_parcels mp "
    "JOIN manifests m ON m.manifest_id = mp.manifest_id JOIN parcels p ON p.id = mp.parcel_id "
    "JOIN pack_sessions s ON s.id = p.session_id "
    "WHERE m.status = 'closed' AND m.closed_at >= ? AND m.closed_at < ? "
    "GROUP BY m.carrier, s.operator"
)
EXCEPTION_ACTIONS = ("weight_override", "short_pick", "label_voided", "order_stopped",
                     "handover_refused", "manifest_reopened", "order_put_aside",
                     "handover_held_back")
# The day's exceptions, and any older one nobody has resolved yet.
_EXCEPTIONS_SQL = (
    "SELECT a.id, a.at, a.operator, a.action, a.subject, a.detail, x.state, x.by, x.reason "
    "FROM audit a LEFT JOIN exception_states x ON x.key = 'audit:' || a.id "
    f"WHERE a.action IN ({', '.join('?' * len(EXCEPTION_ACTIONS))}) "
    "AND a.at >= ? AND a.at < ? AND (a.at >= ? OR x.state IS NULL OR x.state != 'resolved') "
    "ORDER BY a.at"
)
# Events central refused for good: listed whatever their day until a lead deals with them
# (a refused label_voided leaves a number live at central).
# Packed orders whose labels wait for central (online-only carrier, network down): on the
# waiting shelf until PRINT-WAITING prints them, whatever the day.
_LABEL_WAITING_SQL = (
    "SELECT s.ended_at, s.operator, s.order_id, o.carrier FROM pack_sessions s "
    "JOIN orders o ON o.order_id = s.order_id WHERE s.state = 'label_waiting' ORDER BY s.id"
)
_REJECTED_SQL = (
    "SELECT o.id, o.sent_at, o.kind, o.order_id, o.last_error, x.state, x.by, x.reason "
    "FROM outbox o LEFT JOIN exception_states x ON x.key = 'outbox:' || o.id "
    "WHERE o.result = 'rejected' ORDER BY o.id"
)
_STATE_OF = "SELECT state FROM exception_states WHERE key = ?"
_KEY_EXISTS = {
    "audit": "SELECT 1 FROM audit WHERE id = ? AND action IN ({})".format(
        ", ".join("?" * len(EXCEPTION_ACTIONS))),
    "outbox": "SELECT 1 FROM outbox WHERE id = ? AND result = 'rejected'",
}
_HOURLY_SQL = {
    "packed": "SELECT strftime('%H', closed_at, ?), count(*) FROM parcels "
              "WHERE closed_at >= ? AND closed_at < ? GROUP BY 1",
    "labelled": "SELECT strftime('%H', at, ?), count(*) FROM audit WHERE action = "
                "'label_printed' AND at >= ? AND at < ? GROUP BY 1",
    "handed_over": "SELECT strftime('%H', mp.scanned_at, ?), count(*) FROM manifest_parcels mp "
                   "JOIN manifests m ON m.manifest_id = mp.manifest_id WHERE m.status = "
                   "'closed' AND mp.scanned_at >= ? AND mp.scanned_at < ? GROUP BY 1",
}
# Per carrier: the earliest cut-off still ahead (or just missed) of an order that has not
# shipped, and what stands between now and it.
_NEXT_CUTOFF_SQL = (
    "SELECT carrier, min(cutoff) FROM orders WHERE cutoff IS NOT NULL AND cutoff >= ? "
    "AND cutoff < ? AND status IN ('released', 'packed') GROUP BY carrier ORDER BY carrier"
)
_NOT_PACKED_SQL = ("SELECT count(*) FROM orders o WHERE o.carrier = ? AND o.status = "
                   "'released' AND o.cutoff IS NOT NULL AND o.cutoff <= ? AND NOT EXISTS "
                   "(SELECT 1 FROM parcels p WHERE p.order_id = o.order_id)")
_NOT_HANDED_SQL = (
    "SELECT count(*) FROM parcels p JOIN orders o ON o.order_id = p.order_id "
    "WHERE o.carrier = ? AND p.status = 'labelled' AND o.cutoff IS NOT NULL AND o.cutoff <= ? "
    "AND o.status NOT IN ('cancelled', 'intercepted') AND NOT EXISTS (SELECT 1 FROM "
    "manifest_parcels mp JOIN manifests m ON m.manifest_id = mp.manifest_id "
    "WHERE mp.parcel_id = p.id AND m.status = 'closed')"
)


def _db(conn: Connection) -> Any:
    return conn.connection.dbapi_connection


def day_counts(conn: Connection, lo: str, hi: str) -> list[tuple[str, str, str | None, int]]:
    """(what, carrier, packer, n): parcels packed, labels printed and parcels handed over
    between ``lo`` and ``hi``."""
    db = _db(conn)
    return [(field, carrier, packer, int(n))
            for field, sql in (("packed", _PACKED_SQL), ("labelled", _LABELLED_SQL),
                               ("handed_over", _HANDED_SQL))
            for carrier, packer, n in db.execute(sql, (lo, hi))]


def exceptions(conn: Connection, oldest: str, lo: str, hi: str) -> list[Any]:
    """(id, at, operator, action, subject, detail, state, by, reason) of the day's exceptions
    and of older ones not resolved since ``oldest``."""
    return list(_db(conn).execute(_EXCEPTIONS_SQL, (*EXCEPTION_ACTIONS, oldest, hi, lo)))


def rejected_events(conn: Connection) -> list[Any]:
    """(id, sent_at, kind, order_id, error, state, by, reason) of events central refused."""
    return list(_db(conn).execute(_REJECTED_SQL))


def labels_waiting(conn: Connection) -> list[Any]:
    """(ended_at, operator, order_id, carrier) of packed orders waiting for their label."""
    return list(_db(conn).execute(_LABEL_WAITING_SQL))


def exception_exists(conn: Connection, kind: str, ident: int) -> bool:
    params = (ident, *EXCEPTION_ACTIONS) if kind == "audit" else (ident,)
    return _db(conn).execute(_KEY_EXISTS[kind], params).fetchone() is not None


def exception_state(conn: Connection, key: str) -> str | None:
    row = _db(conn).execute(_STATE_OF, (key,)).fetchone()
    return None if row is None else str(row[0])


def set_exception_state(conn: Connection, key: str, state: str, by: str, at: str,
                        reason: str) -> None:
    conn.execute(delete(exception_states).where(exception_states.c.key == key))
    conn.execute(insert(exception_states).values(key=key, state=state, by=by, at=at,
                                                 reason=reason))


def hourly(conn: Connection, modifier: str, lo: str, hi: str) -> dict[str, list[Any]]:
    """(local hour, n) per kind of work between ``lo`` and ``hi``."""
    db = _db(conn)
    return {field: list(db.execute(sql, (modifier, lo, hi)))
            for field, sql in _HOURLY_SQL.items()}


def next_cutoffs(conn: Connection, lo: str, hi: str) -> list[Any]:
    """(carrier, earliest cut-off) of unshipped orders due between ``lo`` and ``hi``."""
    return list(_db(conn).execute(_NEXT_CUTOFF_SQL, (lo, hi)).fetchall())


def not_done_by(conn: Connection, carrier: str, cutoff: str) -> tuple[int, int]:
    """(orders not packed, labelled parcels not handed over) of ``carrier`` due by then."""
    db = _db(conn)
    return (int(db.execute(_NOT_PACKED_SQL, (carrier, cutoff)).fetchone()[0]),
            int(db.execute(_NOT_HANDED_SQL, (carrier, cutoff)).fetchone()[0]))
