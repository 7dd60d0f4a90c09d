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
from station.store.tables import pack_sessions, parcels, scans

_EVENT_FIELDS = [f.name for f in fields(SessionEvent) if f.name != "type"]

_INSERT_SCAN = insert(scans)
_INSERT_SESSION = insert(pack_sessions)
_END_SESSION = (
    update(pack_sessions)
    .where(pack_sessions.c.id == bindparam("sid"))
    .values(state=bindparam("state"), ended_at=bindparam("ended_at"))
)
_SET_STATE = (
    update(pack_sessions)
    .where(pack_sessions.c.id == bindparam("sid"))
    .values(state=bindparam("state"))
)
_OPEN_SESSION = (
    select(pack_sessions.c.id, pack_sessions.c.order_id)
    .where(pack_sessions.c.station == bindparam("station"), pack_sessions.c.ended_at.is_(None))
    .order_by(pack_sessions.c.id.desc())
    .limit(1)
)
_EVENTS = (
    select(scans.c.type, *[scans.c[name] for name in _EVENT_FIELDS])
    .where(scans.c.session_id == bindparam("sid"))
    .order_by(scans.c.seq)
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
    """Record events with consecutive sequence numbers starting at ``first_seq``."""
    at = utcnow_iso()
    for offset, event in enumerate(events):
        row: dict[str, Any] = {name: getattr(event, name) for name in _EVENT_FIELDS}
        row.update(
            session_id=session_id, seq=first_seq + offset, at=at, operator=operator,
            type=event.type.value,
        )
        conn.execute(_INSERT_SCAN, row)


def set_state(conn: Connection, session_id: int, state: str, ended: bool) -> None:
    if ended:
        conn.execute(_END_SESSION, {"sid": session_id, "state": state, "ended_at": utcnow_iso()})
    else:
        conn.execute(_SET_STATE, {"sid": session_id, "state": state})


def open_session(conn: Connection, station: str) -> tuple[int, str] | None:
    """(session id, order id) of this station's unfinished session, if any."""
    row = conn.execute(_OPEN_SESSION, {"station": station}).first()
    return (row.id, row.order_id) if row else None


def load_events(conn: Connection, session_id: int) -> list[SessionEvent]:
    out = []
    for row in conn.execute(_EVENTS, {"sid": session_id}):
        data = {name: row[i + 1] for i, name in enumerate(_EVENT_FIELDS) if row[i + 1] is not None}
        for flag in ("within", "then_new"):
            if flag in data:
                data[flag] = bool(data[flag])
        out.append(SessionEvent(EventType(row[0]), **data))
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
