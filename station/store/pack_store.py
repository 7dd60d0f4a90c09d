"""Durable record of pack sessions: each decided action's events are inserted (one prebuilt
Core INSERT per event) and committed before the verdict is shown; replaying them rebuilds a
session after a restart or a ``kill -9``."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from station.domain.events import EventType, SessionEvent
from station.store.outbox import utcnow_iso
from station.store.tables import pack_sessions, parcels

_EVENT_FIELDS = [f.name for f in fields(SessionEvent) if f.name != "type"]

_SCAN_COLUMNS = ["session_id", "seq", "at", "operator", "type", *_EVENT_FIELDS]
_INSERT_SCAN_SQL = "INSERT INTO scans ({}) VALUES ({})".format(
    ", ".join(f'"{c}"' for c in _SCAN_COLUMNS), ", ".join("?" for _ in _SCAN_COLUMNS)
)
_INSERT_SESSION = insert(pack_sessions)
_END_SESSION = (
    update(pack_sessions)
    .where(pack_sessions.c.id == bindparam("sid"))
    .values(state=bindparam("state"), ended_at=bindparam("ended_at"))
)
_OPEN_SESSION = (
    select(pack_sessions.c.id, pack_sessions.c.order_id)
    .where(pack_sessions.c.station == bindparam("station"), pack_sessions.c.ended_at.is_(None))
    .order_by(pack_sessions.c.id.desc())
    .limit(1)
)
_SELECT_EVENTS_SQL = "SELECT {} FROM scans WHERE session_id = ? ORDER BY seq".format(
    ", ".join(f'"{c}"' for c in ["type", *_EVENT_FIELDS])
)
_INSERT_PARCEL = insert(parcels)
_READY_PARCELS = (
    select(parcels)
    .where(parcels.c.session_id == bindparam("sid"), parcels.c.status == "ready")
    .order_by(parcels.c.parcel_no)
)
_SESSION_PARCELS = (
    select(parcels.c.parcel_no, parcels.c.tracking_number, parcels.c.actual_g)
    .where(parcels.c.session_id == bindparam("sid"))
    .order_by(parcels.c.parcel_no)
)


def create_session(conn: Connection, order_id: str, station: str, operator: str) -> int:
    """A new pack session row; returns its id. Call inside the transaction of its events."""
    result = conn.execute(
        _INSERT_SESSION,
        {"order_id": order_id, "station": station, "operator": operator,
         "state": "scanning", "opened_at": utcnow_iso()},
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def insert_events(
    conn: Connection,
    session_id: int,
    first_seq: int,
    events: tuple[SessionEvent, ...] | list[SessionEvent],
    operator: str | None,
) -> None:
    """Record events with consecutive sequence numbers starting at ``first_seq``.

    This is the hot path of every accepted scan, so the INSERT goes straight to the DBAPI
    cursor of ``conn`` (same transaction, prebuilt SQL): SQLAlchemy's per-statement work
    would otherwise be a large share of a fast WAL commit.
    """
    at = utcnow_iso()
    rows = [
        (session_id, first_seq + offset, at, operator, event.type.value,
         *[getattr(event, name) for name in _EVENT_FIELDS])
        for offset, event in enumerate(events)
    ]
    dbapi: Any = conn.connection.dbapi_connection
    dbapi.executemany(_INSERT_SCAN_SQL, rows)


def set_state(conn: Connection, session_id: int, state: str, ended: bool) -> None:
    if ended:
        conn.execute(_END_SESSION, {"sid": session_id, "state": state, "ended_at": utcnow_iso()})
    else:  # also a session back on the bench (labels that waited): open again
        conn.execute(_END_SESSION, {"sid": session_id, "state": state, "ended_at": None})


WAITING_PREFIX = "waiting: "  # label_error of a parcel whose label waits for central


def clear_waiting_marks(conn: Connection, session_id: int) -> None:
    """The order is back on the bench: its waiting parcels are due to label again."""
    conn.execute(
        update(parcels)
        .where(parcels.c.session_id == session_id, parcels.c.status == "ready",
               parcels.c.label_error.like(WAITING_PREFIX + "%"))
        .values(label_error=None))


def waiting_sessions(conn: Connection, station: str) -> list[tuple[int, str]]:
    """(session id, order id) of this station's orders whose labels wait for central, oldest
    first."""
    rows = conn.execute(
        select(pack_sessions.c.id, pack_sessions.c.order_id)
        .where(pack_sessions.c.station == station, pack_sessions.c.state == "label_waiting")
        .order_by(pack_sessions.c.id))
    return [(r.id, r.order_id) for r in rows]


def open_session(conn: Connection, station: str) -> tuple[int, str] | None:
    """(session id, order id) of this station's unfinished session, if any."""
    row = conn.execute(_OPEN_SESSION, {"station": station}).first()
    return (row.id, row.order_id) if row else None


def load_events(conn: Connection, session_id: int) -> list[SessionEvent]:
    """A session's events in order. Raw DBAPI read: resume after a restart reads thousands
    of rows, and SQLAlchemy's row objects would double the time."""
    dbapi: Any = conn.connection.dbapi_connection
    out = []
    make, types = SessionEvent, EventType
    for row in dbapi.execute(_SELECT_EVENTS_SQL, (session_id,)):
        data = {name: value for name, value in zip(_EVENT_FIELDS, row[1:], strict=True)
                if value is not None}
        for flag in ("within", "then_new"):
            if flag in data:
                data[flag] = bool(data[flag])
        out.append(make(types(row[0]), **data))
    return out


def insert_parcel(
    conn: Connection,
    session_id: int,
    order_id: str,
    parcel_no: int,
    *,
    box_code: str | None,
    expected_g: int | None,
    actual_g: int | None,
    override_by: str | None,
    override_reason: str | None,
    items: list[dict[str, Any]],
) -> None:
    """A parcel closed at the bench, ready for its label (the label step sets tracking)."""
    conn.execute(
        _INSERT_PARCEL,
        {
            "session_id": session_id, "order_id": order_id, "parcel_no": parcel_no,
            "box_code": box_code, "expected_g": expected_g, "actual_g": actual_g,
            "override_by": override_by, "override_reason": override_reason,
            "items": json.dumps(items, ensure_ascii=False), "status": "ready",
            "tracking_number": None, "closed_at": utcnow_iso(),
        },
    )


def ready_parcels(conn: Connection, session_id: int) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in conn.execute(_READY_PARCELS, {"sid": session_id})]


def session_parcels(conn: Connection, session_id: int) -> list[tuple[int, str | None, int | None]]:
    return [
        (r.parcel_no, r.tracking_number, r.actual_g)
        for r in conn.execute(_SESSION_PARCELS, {"sid": session_id})
    ]


def labelled_parcels(conn: Connection, session_id: int) -> list[int]:
    """Parcels of the session whose label was printed (their numbers are live)."""
    return [int(n) for n in conn.execute(
        select(parcels.c.parcel_no).where(parcels.c.session_id == session_id,
                                          parcels.c.status == "labelled"))]


def void_ready_parcels(conn: Connection, session_id: int) -> None:
    """Parcels closed in a session that will not ship now (hold, back to pick, cancelled)
    must never get a label: mark the unlabelled ones void."""
    conn.execute(
        update(parcels)
        .where(parcels.c.session_id == session_id, parcels.c.status == "ready")
        .values(status="void")
    )
