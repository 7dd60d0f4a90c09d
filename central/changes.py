"""``GET /v1/changes``: what a station must know, changed after its cursor, in ``seq`` order.

The cursor is the change counter's value as a decimal string ("0" or empty: from the start).
Rows are read up to the counter value seen first (``high``): every lower ``seq`` is committed,
because the counter row's lock orders the writers' commits.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, Table, and_, or_, select

from central import tables as t
from central.auth import Caller
from central.errors import ApiProblem, invalid
from station.sync.contract import ChangeSet

MAX_CURSOR_DIGITS = 18


def parse_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    if not cursor.isdigit() or len(cursor) > MAX_CURSOR_DIGITS:
        raise invalid(
            "The cursor is not one this server gave out; start again without 'since'."
        )
    return int(cursor)


def read_changes(conn: Connection, caller: Caller, since: int, limit: int) -> ChangeSet:
    """One page of changes for the calling station (only its warehouse's data)."""
    high = int(conn.scalar(select(t.change_counter.c.value)) or 0)
    if since > high:
        raise ApiProblem(
            409,
            "cursor_ahead",
            "The cursor is ahead of this server (was its database replaced?). "
            "Pull again from the start.",
        )
    scoped: list[tuple[str, Table, Any]] = [
        ("products", t.products, None),
        ("packaging", t.packaging, None),
        ("carriers", t.carriers, None),
        (
            "operators",
            t.operators,
            or_(t.operators.c.warehouse.is_(None), t.operators.c.warehouse == caller.warehouse),
        ),
        ("orders", t.orders, t.orders.c.warehouse == caller.warehouse),
        ("pool_segments", t.pool_segments, t.pool_segments.c.station == caller.station),
        ("locations", t.locations, t.locations.c.warehouse == caller.warehouse),
    ]
    found: list[tuple[int, str, dict[str, Any]]] = []
    for name, table, scope in scoped:
        cond = and_(table.c.seq > since, table.c.seq <= high)
        if scope is not None:
            cond = and_(cond, scope)
        cols = [table.c.seq, table.c.data]
        if table is t.orders:
            cols.append(t.orders.c.status)
        if table is t.operators:
            cols.append(t.operators.c.stations)
        rows = conn.execute(select(*cols).where(cond).order_by(table.c.seq).limit(limit + 1))
        for row in rows:
            data = json.loads(row.data)
            if table is t.orders:
                data["status"] = row.status
            if table is t.operators:
                data = _operator_for(data, row.stations, caller)
            found.append((int(row.seq), name, data))
    found.sort(key=lambda item: item[0])
    more = len(found) > limit
    page = found[:limit]
    cursor = page[-1][0] if more else high
    grouped: dict[str, list[dict[str, Any]]] = {name: [] for name, _, _ in scoped}
    for _, name, data in page:
        grouped[name].append(data)
    return ChangeSet.model_validate({"cursor": str(cursor), "more": more, **grouped})


def _operator_for(data: dict[str, Any], stations: str | None, caller: Caller) -> dict[str, Any]:
    """What a station may know of an operator: the PIN hash only if the operator may log in
    there, and never an admin's (admins do not log in at a bench with a PIN)."""
    allowed = stations is None or caller.station in json.loads(stations)
    if data.get("role") == "admin" or not allowed:
        data = {**data, "pin_hash": None}
    if not allowed:
        data["active"] = False
    return data
