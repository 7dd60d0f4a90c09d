"""Helpers of the sync tests: a station database with queued events."""

from __future__ import annotations

from sqlalchemy import Engine, select, text

from central import tables as t
from contract import EventKind, PackStarted, WeightOverride
from station.store.db import create_station_engine, upgrade
from station.store.outbox import enqueue_event

ORDERS = [f"SO-{1000 + n}" for n in range(1, 11)]


def station_db(path) -> Engine:
    engine = create_station_engine(path)
    upgrade(engine)
    return engine


def queue_events(engine: Engine, count: int, start: int = 0) -> list[str]:
    """Queue ``count`` events spread over the demo orders; returns their keys in order."""
    keys = []
    with engine.begin() as conn:
        for i in range(start, start + count):
            order = ORDERS[i % len(ORDERS)]
            if i % 2:
                payload = WeightOverride(order_id=order, parcel_no=1, expected_g=500,
                                         actual_g=500 + i, reason=f"step {i}", lead="L001")
                kind = EventKind.WEIGHT_OVERRIDE
            else:
                payload = PackStarted(order_id=order, operator=f"P{i}")
                kind = EventKind.PACK_STARTED
            keys.append(enqueue_event(conn, kind, payload, order_id=order))
    return keys


def outbox_results(engine: Engine) -> list[tuple[str, str | None, str | None]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(
            text("SELECT idempotency_key, sent_at, result FROM outbox ORDER BY id"))]


def server_keys_by_order(central_engine: Engine, station: str = "ST-01") -> dict[str, list[str]]:
    """Keys the server stored for each order, in the order it stored them."""
    rows = {}
    with central_engine.connect() as conn:
        for order_id, key in conn.execute(
            select(t.events.c.order_id, t.events.c.idempotency_key)
            .where(t.events.c.station == station)
            .order_by(t.events.c.id)
        ):
            rows.setdefault(order_id, []).append(key)
    return rows
