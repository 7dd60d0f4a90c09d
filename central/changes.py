"""``GET /v1/changes``: what a station must know, changed after its cursor, in ``seq`` order.

The cursor is the change counter's value as a decimal string ("0" or empty: from the start).
Rows are read up to the counter value seen first (``high``): every lower ``seq`` is committed,
because the counter row's lock orders the writers' commits.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, Table, and_, select

from central import tables as t
from central.auth import Caller
from central.errors import ApiProblem, invalid
from contract import ChangeSet

MAX_CURSOR_DIGITS = 18


def parse_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    if not cursor.isdigit() or len(cursor) > MAX_CURSOR_DIGITS:
        raise invalid(
            "The cursor is not one this server gave out; start again without 'since'."
        )
    return int(cursor)


def read_changes(conn: Connection, caller: Caller, since: int, limit: int,
                 online_only: frozenset[str] = frozenset()) -> ChangeSet:
    """One page of changes for the calling station (only its warehouse's data).
    ``online_only``: carriers whose labels central buys from the carrier's API: stations
    must never print a pool number for them."""
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
        # Every changed operator, whatever its warehouse now: one moved away or deactivated
        # must reach the stations of its old warehouse as a removal (see _operator_for).
        ("operators", t.operators, None),
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
            cols += [t.operators.c.stations, t.operators.c.warehouse]
        rows = conn.execute(select(*cols).where(cond).order_by(table.c.seq).limit(limit + 1))
        for row in rows:
            data = json.loads(row.data)
            if table is t.orders:
                data["status"] = row.status
            if table is t.carriers and data.get("code") in online_only:
                data["offline_policy"] = "online_only"
            if table is t.operators:
                data = _operator_for(data, row.stations, row.warehouse, caller)
            found.append((int(row.seq), name, data))
    found.sort(key=lambda item: item[0])
    more = len(found) > limit
    page = found[:limit]
    cursor = page[-1][0] if more else high
    grouped: dict[str, list[dict[str, Any]]] = {name: [] for name, _, _ in scoped}
    for _, name, data in page:
        grouped[name].append(data)
    return ChangeSet.model_validate({"cursor": str(cursor), "more": more, **grouped})


def _operator_for(data: dict[str, Any], stations: str | None, warehouse: str | None,
                  caller: Caller) -> dict[str, Any]:
    """What a station may know of an operator: the PIN hash only if the operator is scoped to
    it (its warehouse, or a station list naming it), never an admin's. An operator of another
    warehouse (moved away) arrives as a removal: inactive, no name, no PIN hash."""
    if warehouse is not None and warehouse != caller.warehouse:
        return {"badge": data["badge"], "name": "", "role": data.get("role", "packer"),
                "pin_hash": None, "active": False}
    listed = stations is not None and caller.station in json.loads(stations)
    allowed = stations is None or listed
    # Saved without a warehouse: the badge works everywhere, its PIN hash goes to no station
    # unless the operator is listed for it (a hash must not reach every warehouse's benches).
    scoped = listed or (warehouse is not None and stations is None)
    if data.get("role") == "admin" or not scoped:
        data = {**data, "pin_hash": None}
    if not allowed:
        data["active"] = False
    return data
