"""What the UI shows about sync: online or not, how many events wait, the last problem.

Sync threads update it; listeners are called on the updating thread (the UI bridges them to
its own thread with a queued signal).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime


@dataclass(frozen=True)
class SyncSnapshot:
    online: bool | None = None  # None: not tried yet; True only when the last call succeeded
    backlog: int = 0  # outbox events not yet accepted by the central API
    last_error: str | None = None
    # Why central is not online (CentralError.reason): unreachable, timeout, server_error,
    # rate_limited, wrong_address, token_refused, no_token, refused, bad_answer, tls.
    reason: str | None = None
    rejected: int = 0  # events central refused for good: each one is an exception for a lead
    last_sent_at: datetime | None = None
    last_pulled_at: datetime | None = None


class SyncStatus:
    """Thread-safe holder of the latest :class:`SyncSnapshot`, with change listeners."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._snapshot = SyncSnapshot()
        self._listeners: list[Callable[[SyncSnapshot], None]] = []

    @property
    def snapshot(self) -> SyncSnapshot:
        with self._lock:
            return self._snapshot

    def subscribe(self, listener: Callable[[SyncSnapshot], None]) -> None:
        """Call ``listener(snapshot)`` after every change."""
        with self._lock:
            self._listeners.append(listener)

    def update(self, **changes: object) -> None:
        with self._lock:
            new = replace(self._snapshot, **changes)  # type: ignore[arg-type]
            if new == self._snapshot:
                return
            self._snapshot = new
            listeners = list(self._listeners)
        for listener in listeners:
            listener(new)
