"""Property test of the outbox sender: whatever mix of queueing and failed deliveries (lost
before or after the server stored the batch, refused as too large), every event ends up
stored once and each order's events are stored in the order they were queued.

The server here is a fake that subclasses the real client and keeps the server's rules
(one row per idempotency key, a replay gets the first result), so hypothesis can explore
thousands of interleavings quickly; the real server is exercised by the chaos test.
"""

from __future__ import annotations

import contextlib
import itertools
import tempfile
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from synckit import station_db

from contract import EventBatch, EventBatchResult, EventKind, EventResult
from station.store.outbox import enqueue_event
from station.sync.client import CentralClient, CentralRejected, CentralUnavailable
from station.sync.sender import OutboxSender


class FakeCentral(CentralClient):
    def __init__(self) -> None:
        super().__init__("http://127.0.0.1:9", "token")
        self.stored: dict[str, str] = {}  # key -> order id, in arrival order
        self.next_fault = "none"

    def post_events(self, batch: EventBatch) -> EventBatchResult:
        fault, self.next_fault = self.next_fault, "none"
        if fault == "before":
            raise CentralUnavailable("lost before the server")
        if fault == "too_large" and len(batch.events) > 1:
            raise CentralRejected("too large", status=413, code="payload_too_large")
        results = []
        for event in batch.events:
            self.stored.setdefault(event.idempotency_key, event.order_id or "")
            results.append(EventResult(idempotency_key=event.idempotency_key, status="accepted"))
        if fault == "after":
            raise CentralUnavailable("answer lost after the server stored the batch")
        return EventBatchResult(results=results)


class SenderMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = tempfile.TemporaryDirectory()
        self.engine = station_db(Path(self.tmp.name) / "station.sqlite3")
        self.central = FakeCentral()
        self.sender = OutboxSender(self.engine, self.central, "ST-01", batch_size=7)
        self.queued: list[tuple[str, str]] = []
        self.counter = itertools.count()

    @rule(orders=st.lists(st.sampled_from(["SO-1", "SO-2", "SO-3"]), min_size=1, max_size=12))
    def queue(self, orders):
        with self.engine.begin() as conn:
            for order in orders:
                key = enqueue_event(conn, EventKind.PACK_STARTED,
                                    {"order_id": order, "operator": f"P{next(self.counter)}"},
                                    order_id=order)
                self.queued.append((key, order))

    @rule(fault=st.sampled_from(["none", "before", "after", "too_large"]))
    def send(self, fault):
        self.central.next_fault = fault
        with contextlib.suppress(CentralUnavailable, CentralRejected):
            self.sender.send_batch()

    @invariant()
    def stored_once_in_order_per_order(self):
        stored = list(self.central.stored.items())
        assert len({k for k, _ in stored}) == len(stored)
        position = {key: i for i, (key, _) in enumerate(self.queued)}
        for order in ("SO-1", "SO-2", "SO-3"):
            keys = [position[k] for k, o in stored if o == order]
            expected = [i for i, (_, o) in enumerate(self.queued) if o == order][: len(keys)]
            assert keys == expected  # a prefix of the order's events, in queue order

    def teardown(self):
        self.central.next_fault = "none"
        self.sender.batch_size = 500
        self.sender.flush()
        assert list(self.central.stored) == [k for k, _ in self.queued]
        assert self.sender.backlog() == 0
        self.engine.dispose()
        self.central.close()
        self.tmp.cleanup()


TestSenderStates = SenderMachine.TestCase
TestSenderStates.settings = settings(max_examples=25, stateful_step_count=15, deadline=None)
