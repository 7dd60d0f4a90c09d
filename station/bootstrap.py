"""Wiring in one place: the sync parts of a station (client, outbox sender, pull loop, pool).

Nothing here connects at import time; :meth:`SyncParts.start` starts the two sync threads.
The UI (or a headless runner) builds one and subscribes to ``status`` for the status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from station.carriers.pool import TrackingPool
from station.store.reference import apply_changes
from station.sync.client import CentralClient
from station.sync.contract import ChangeSet
from station.sync.pull import PullLoop
from station.sync.sender import OutboxSender
from station.sync.status import SyncStatus


def central_applier(engine: Engine, pool: TrackingPool) -> Callable[[ChangeSet], None]:
    """Apply one pulled page: reference data and orders (upserts), then new pool segments."""

    def apply(changes: ChangeSet) -> None:
        with engine.begin() as conn:
            apply_changes(conn, changes)
        formats = {c.code: c.tracking_format for c in changes.carriers}
        for segment in changes.pool_segments:
            fmt = formats.get(segment.carrier) or _stored_format(engine, segment.carrier)
            pool.add_segment(segment, fmt)  # a segment pulled again is a no-op

    return apply


def _stored_format(engine: Engine, carrier: str) -> str:
    from sqlalchemy import select

    from station.store.tables import carriers

    with engine.connect() as conn:
        fmt = conn.execute(
            select(carriers.c.tracking_format).where(carriers.c.code == carrier)
        ).scalar_one_or_none()
    return fmt or "none"


@dataclass
class SyncParts:
    client: CentralClient
    sender: OutboxSender
    pull: PullLoop
    pool: TrackingPool
    status: SyncStatus

    def start(self) -> None:
        self.pull.start()
        self.sender.start()

    def stop(self) -> None:
        self.sender.stop(timeout_s=5)
        self.pull.stop(timeout_s=5)
        self.client.close()


def build_sync(
    engine: Engine,
    station_id: str,
    url: str,
    token: str,
    *,
    pull_interval_s: float = 15.0,
    max_delay_s: float = 30.0,
    idle_poll_s: float = 2.0,
    client_options: dict[str, Any] | None = None,
) -> SyncParts:
    """Client, sender, pull loop and pool for one station database."""
    status = SyncStatus()
    client = CentralClient(url, token, **(client_options or {}))
    pool = TrackingPool(engine, station_id)
    sender = OutboxSender(
        engine, client, station_id, status, max_delay_s=max_delay_s, idle_poll_s=idle_poll_s
    )
    pull = PullLoop(
        engine, client, central_applier(engine, pool), status, interval_s=pull_interval_s
    )
    return SyncParts(client, sender, pull, pool, status)
