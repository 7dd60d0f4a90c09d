"""Pull the carriers' tracking for parcels they have not delivered yet (SF's route pull),
beside their pushes: a push lost on the way (SF does not resend) is caught at the next pull.

Every ``poll_s`` (default 15 minutes) the numbers bought from a carrier with a ``track``
operation in the last 30 days, not voided and not yet delivered, are asked in batches of 10;
each event reaches the timeline (Lookup, the buyer page, the seller's webhook) once, whether
it came by push or by pull (``add_tracking_event`` keys it by number and status).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, and_, exists, select

from central import tables as t
from central.background import PollingWorker
from central.carriers.base import CarrierAdapter
from central.tracking import add_tracking_event

log = logging.getLogger(__name__)
N, E = t.tracking_numbers, t.tracking_events


class CarrierTracker(PollingWorker):
    name = "carrier-tracking"
    wait_first = True  # the pushes come first; a pull round at start would only repeat them

    def __init__(self, engine: Engine, carriers: Mapping[str, CarrierAdapter],
                 poll_s: float = 900.0, days: int = 30, per_round: int = 500) -> None:
        super().__init__(poll_s)
        self.engine = engine
        self.carriers = {c: a for c, a in carriers.items() if hasattr(a, "track")}
        self.days = days
        self.per_round = per_round

    def wanted(self) -> bool:
        return bool(self.carriers)

    def run_once(self) -> int:
        """One round; returns how many new events reached the timelines."""
        since = (datetime.now(UTC) - timedelta(days=self.days)).isoformat()
        delivered = exists().where(and_(E.c.number == N.c.number, E.c.status == "delivered"))
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(N.c.number, N.c.carrier).where(
                    N.c.carrier.in_(list(self.carriers)), N.c.source == "central",
                    N.c.voided.is_(False), N.c.created_at >= since, ~delivered)
                .order_by(N.c.created_at).limit(self.per_round)).all()
        by_carrier: dict[str, list[str]] = {}
        for row in rows:
            by_carrier.setdefault(row.carrier, []).append(row.number)
        stored = 0
        for carrier, numbers in by_carrier.items():
            adapter = self.carriers[carrier]
            for i in range(0, len(numbers), 10):
                problem, events = adapter.track(numbers[i:i + 10])
                if problem is not None:
                    log.warning("%s tracking pull: %s", carrier, problem.message)
                    break  # the carrier is away or refuses: try again next round
                with self.engine.begin() as conn:
                    for e in events:
                        stored += add_tracking_event(
                            conn, e["number"], e["status"], at=e["at"] or None,
                            location=e["location"] or None, note=e["note"])
        return stored
