"""Guards of the unauthenticated tracking page: protective headers and a per-client limit.

Tracking numbers are sequential, so anyone can walk them; the page shows no personal data,
and the limit makes walking a range slow. Memory stays bounded: at most ``max_clients``
addresses are remembered, the least recently seen are forgotten first.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class RateLimiter:
    """Token bucket per client address: ``burst`` at once, then ``per_minute`` a minute."""

    def __init__(self, per_minute: int = 30, burst: int = 10, max_clients: int = 10_000) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.max_clients = max_clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # tokens, at
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._buckets)

    def allow(self, client: str, now: float | None = None) -> bool:
        """Take one token of ``client``'s bucket; False when it is empty."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, at = self._buckets.pop(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - at) * self.rate)
            allowed = tokens >= 1.0
            self._buckets[client] = (tokens - 1.0 if allowed else tokens, now)
            while len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)
            return allowed

    def retry_after(self, client: str) -> int:
        """Whole seconds until ``client`` has a token again."""
        with self._lock:
            tokens, _ = self._buckets.get(client, (self.burst, 0.0))
        return max(1, math.ceil((1.0 - tokens) / self.rate)) if self.rate > 0 else 60


class SharedRateLimiter:
    """The same token bucket, kept in the database: every central process behind the proxy
    takes from one bucket per client (per process, 4 workers gave 38 answers instead of 10).
    Rows of clients not seen for ``forget_s`` are deleted now and then."""

    def __init__(self, engine: Any, per_minute: int = 30, burst: int = 10,
                 forget_s: float = 900.0, clock: Callable[[], float] = time.time) -> None:
        self.engine = engine
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.forget_s = forget_s
        self.clock = clock
        self._calls = 0

    def allow(self, client: str) -> bool:
        from sqlalchemy import delete, insert, select, update

        from central import tables as t
        from central.deps import run_in_tx

        client = client[:64]
        now = self.clock()
        self._calls += 1
        prune = self._calls % 500 == 0

        def take(conn: Any) -> bool:
            if prune:
                old = now - self.forget_s
                conn.execute(delete(t.rate_buckets).where(t.rate_buckets.c.at < old))
            row = conn.execute(select(t.rate_buckets.c.tokens, t.rate_buckets.c.at)
                               .where(t.rate_buckets.c.client == client)
                               .with_for_update()).first()
            tokens = self.burst if row is None else min(
                self.burst, row.tokens + max(0.0, now - row.at) * self.rate)
            allowed = tokens >= 1.0
            left = tokens - 1.0 if allowed else tokens
            if row is None:
                conn.execute(insert(t.rate_buckets).values(client=client, tokens=left, at=now))
            else:
                conn.execute(update(t.rate_buckets).where(t.rate_buckets.c.client == client)
                             .values(tokens=left, at=now))
            return allowed

        return bool(run_in_tx(self.engine, take))

    def retry_after(self, client: str) -> int:
        from sqlalchemy import select

        from central import tables as t

        with self.engine.connect() as conn:
            tokens = conn.scalar(select(t.rate_buckets.c.tokens)
                                 .where(t.rate_buckets.c.client == client[:64]))
        tokens = self.burst if tokens is None else float(tokens)
        return max(1, math.ceil((1.0 - tokens) / self.rate)) if self.rate > 0 else 60
