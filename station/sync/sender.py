"""The outbox sender: delivers queued bench events to the central API, exactly once.

Oldest first, in batches, on its own thread. Each event carries the idempotency key it was
queued with, so a batch repeated after a lost answer changes nothing on the server. Sending
strictly in outbox order (one batch at a time, never skipping an unsent row) keeps the events
of an order in the order they happened. A row is marked sent, with the server's result, in
one transaction; failures back off exponentially with jitter.
"""

from __future__ import annotations

import json
import logging
import random
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from sqlalchemy import Engine

from contract import AuditHead, Event, EventBatch
from station.i18n import _
from station.store import sync_rows
from station.store.audit_chain import chain_head
from station.store.uow import StationStore, as_store
from station.sync.errors import CentralAuthError, CentralError, CentralRejected
from station.sync.loop import WakeableLoop
from station.sync.status import SyncStatus

if TYPE_CHECKING:
    from station.sync.client import CentralClient

log = logging.getLogger(__name__)

def _now() -> datetime:
    return datetime.now(UTC)


class OutboxSender(WakeableLoop):
    """Sends the ``outbox`` table to the central API; one instance per station database."""

    thread_name = "outbox-sender"

    def __init__(
        self,
        store: StationStore | Engine,
        client: CentralClient,
        station: str,
        status: SyncStatus | None = None,
        *,
        batch_size: int = 500,
        base_delay_s: float = 0.5,
        max_delay_s: float = 60.0,
        idle_poll_s: float = 5.0,
        rng: random.Random | None = None,
    ) -> None:
        self.store = as_store(store)
        self.client = client
        self.station = station
        self.status = status or SyncStatus()
        self.batch_size = max(1, min(batch_size, 500))
        self.base_delay_s = base_delay_s
        self.max_delay_s = max_delay_s
        self.idle_poll_s = idle_poll_s
        self.failures = 0
        self._anchored: tuple[int, str] | None = None  # the audit head central last accepted
        self._rng = rng or random.Random()
        super().__init__()

    # --- one step ------------------------------------------------------------------------
    def backlog(self) -> int:
        """How many events wait to be accepted by the central API."""
        return self.store.read(sync_rows.backlog)

    def rejected(self) -> int:
        """How many events central refused for good (shown in red; listed for the lead)."""
        return self.store.read(sync_rows.rejected)

    def send_batch(self) -> int:
        """Send the oldest unsent events once; returns how many rows were settled.

        Raises :class:`CentralError` when the batch could not be delivered (nothing settled).
        """
        rows = self.store.read(lambda conn: sync_rows.unsent(conn, self.batch_size))
        if not rows:
            return 0
        events: list[Event] = []
        ids: dict[str, int] = {}
        settled: list[dict[str, Any]] = []
        for row in rows:
            try:
                events.append(
                    Event(
                        idempotency_key=row.idempotency_key,
                        kind=row.kind,
                        station=self.station,
                        occurred_at=datetime.fromisoformat(row.occurred_at),
                        order_id=row.order_id,
                        payload=json.loads(row.payload),
                    )
                )
                ids[row.idempotency_key] = row.id
            except (ValidationError, ValueError) as exc:
                # A row the contract refuses can never be delivered: settle it, loudly.
                settled.append(self._settled(row.id, "rejected", f"not sendable: {exc}"[:500]))
        if events:
            try:
                answer = self.client.post_events(EventBatch(events=events))
            except CentralRejected as exc:
                # Only central's own refusal (its JSON error body) gets here: a proxy's HTML
                # 404 or a wrong address is CentralUnavailable and is retried, never settled.
                if isinstance(exc, CentralAuthError) or len(events) > 1:
                    self._record_failure([r.id for r in rows], str(exc))
                    if not isinstance(exc, CentralAuthError):
                        self.batch_size = max(1, len(events) // 2)  # e.g. body too large
                    raise
                # One event the server refuses outright: settle it so the queue moves on.
                settled.append(self._settled(ids[events[0].idempotency_key], "rejected", str(exc)))
            except CentralError as exc:
                self._record_failure([r.id for r in rows], str(exc))
                raise
            else:
                for result in answer.results:
                    if result.idempotency_key in ids:
                        settled.append(
                            self._settled(
                                ids.pop(result.idempotency_key), result.status, result.error
                            )
                        )
        self.store.run(lambda conn: sync_rows.settle(conn, settled))
        return len(settled)

    @staticmethod
    def _settled(row_id: int, result: str, error: str | None) -> dict[str, Any]:
        return {"id": row_id, "at": _now().isoformat(), "result": result, "error": error}

    def _record_failure(self, row_ids: list[int], error: str) -> None:
        try:
            self.store.run(lambda conn: sync_rows.count_failure(conn, row_ids, error))
        except Exception:  # bookkeeping only; the events are still queued
            log.exception("could not record the failed attempt")

    def anchor_audit(self) -> None:
        """Send the audit chain's head to central when it moved: central keeps it outside this
        file, so a trail rewritten, cut short or emptied here no longer matches it."""
        try:
            head = self.store.read(chain_head)
            if head == self._anchored:
                return
            self.client.put_audit_head(AuditHead(row_id=head[0], row_hash=head[1]))
            self._anchored = head
        except CentralRejected as exc:
            log.error("central refused the audit head: %s", exc)
            self.status.update(last_error=_("The audit trail no longer matches central's "
                                            "anchor: {error}").format(error=exc))
        except Exception:  # central away or the file busy: the next step tries again
            log.debug("audit head not anchored", exc_info=True)

    def flush(self, max_batches: int = 1000) -> int:
        """Send until the outbox is empty (no waiting between batches); returns rows settled.

        Raises :class:`CentralError` on the first failed batch.
        """
        total = 0
        for _batch in range(max_batches):
            done = self.send_batch()
            if done == 0:
                break
            total += done
        return total

    def next_delay(self) -> float:
        """Backoff before the next try: exponential in consecutive failures, jittered."""
        ceiling = min(self.max_delay_s, self.base_delay_s * 2 ** max(0, self.failures - 1))
        return ceiling * self._rng.uniform(0.5, 1.0)

    # --- thread --------------------------------------------------------------------------
    def _run(self) -> None:
        while not self._stopping.is_set():
            delay = self.idle_poll_s
            done = 0  # events accepted by this round
            try:
                done = self.send_batch()
            except CentralError as exc:
                self.failures += 1
                # Online means the last call succeeded: a revoked token or a wrong address is
                # not online, and the status says which.
                self.status.update(online=False, reason=exc.reason, last_error=str(exc))
                delay = self.next_delay()
            except Exception as exc:  # e.g. the database is busy: keep the thread alive
                log.exception("outbox sender step failed")
                self.failures += 1
                self.status.update(last_error=_("Sending events failed: {error}").format(error=exc))
                delay = self.next_delay()
            else:
                if done:
                    self.failures = 0
                    delay = 0
            counts: dict[str, object] = {}
            try:
                counts = {"backlog": self.backlog(), "rejected": self.rejected()}
            except Exception:
                log.exception("could not count the outbox")
            if done:  # with its counts in one update: never "online" beside a stale backlog
                self.status.update(online=True, reason=None, last_error=None,
                                   last_sent_at=_now(), **counts)
            elif counts:
                self.status.update(**counts)
            if self.status.snapshot.online and not self.status.snapshot.backlog:
                self.anchor_audit()  # once the events are in: the head then names them too
            if delay and not self._stopping.is_set():
                self._pause(delay)
