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
