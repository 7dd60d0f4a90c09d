"""Push tracking events to sellers' webhooks: signed, retried with backoff, at least once.

Signature: header ``X-Station-Signature: sha256=<hex>`` = HMAC-SHA256 with the seller's
secret over ``<X-Station-Timestamp>.<raw body>``. ``X-Station-Event-Key`` (also in the body as
``event_key``) is stable across retries: the receiver drops a key it has already processed.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import random
import threading
import time
from typing import Any

import requests
from sqlalchemy import Engine, select, update

from central import tables as t
from central.clock import now_iso
from central.db import reading

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 12


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The signature header value a receiver recomputes to trust a delivery."""
    if not secret:
        raise ValueError("a webhook is never signed with an empty secret")
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


class WebhookDispatcher:
    """A background thread that delivers due webhook rows; several processes may run one."""

    def __init__(
        self,
        engine: Engine,
        *,
        poll_s: float = 0.5,
        base_delay_s: float = 1.0,
        max_delay_s: float = 600.0,
        timeout_s: float = 5.0,
    ) -> None:
        self._engine = engine
        self._poll = poll_s
        self._base = base_delay_s
        self._max = max_delay_s
        self._timeout = timeout_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._http = requests.Session()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="webhooks", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._http.close()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                busy = self.deliver_due()
            except Exception:  # keep the dispatcher alive; the next poll retries
                log.exception("webhook dispatch failed")
                busy = 0
            if not busy:
                self._stop.wait(self._poll)

    def deliver_due(self, limit: int = 50) -> int:
        """Try every due delivery once; returns how many were tried."""
        now = time.time()
        with reading(self._engine) as conn:
            due = conn.execute(
                select(t.webhook_deliveries, t.sellers.c.webhook_secret)
                .join(t.sellers, t.sellers.c.code == t.webhook_deliveries.c.seller)
                .where(
                    t.webhook_deliveries.c.delivered_at.is_(None),
                    t.webhook_deliveries.c.next_attempt_at <= now,
                    t.webhook_deliveries.c.attempts < MAX_ATTEMPTS,
                )
                .order_by(t.webhook_deliveries.c.id)
                .limit(limit)
            ).all()
            conn.rollback()
        for row in due:
            if self._stop.is_set():
                break
            if self._claim(row.id, row.next_attempt_at):
                self._deliver(row)
        return len(due)

    def _claim(self, row_id: int, seen_due: float) -> bool:
        # Optimistic lease: whoever moves next_attempt_at first owns this attempt.
        lease = time.time() + self._timeout * 3
        with self._engine.begin() as conn:
            done = conn.execute(
                update(t.webhook_deliveries)
                .where(
                    t.webhook_deliveries.c.id == row_id,
                    t.webhook_deliveries.c.next_attempt_at == seen_due,
                )
                .values(next_attempt_at=lease)
            )
        return done.rowcount == 1

    def _deliver(self, row: Any) -> None:
        if not row.webhook_secret:  # stored before secrets were required: never send unsigned
            with self._engine.begin() as conn:
                conn.execute(
                    update(t.webhook_deliveries)
                    .where(t.webhook_deliveries.c.id == row.id)
                    .values(attempts=MAX_ATTEMPTS, last_error="the seller has no webhook secret")
                )
            return
        body = row.body.encode()
        stamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json",
            "X-Station-Event-Key": row.event_key,
            "X-Station-Timestamp": stamp,
            "X-Station-Signature": sign(row.webhook_secret, stamp, body),
        }
        error: str | None = None
        try:
            answer = self._http.post(row.url, data=body, headers=headers, timeout=self._timeout)
            if not 200 <= answer.status_code < 300:
                error = f"HTTP {answer.status_code}"
        except requests.RequestException as exc:
            error = f"{type(exc).__name__}: {exc}"[:500]
        attempts = row.attempts + 1
        with self._engine.begin() as conn:
            if error is None:
                values = {"attempts": attempts, "delivered_at": now_iso(), "last_error": None}
            else:
                delay = min(self._max, self._base * 2 ** (attempts - 1))
                values = {
                    "attempts": attempts,
                    "last_error": error,
                    "next_attempt_at": time.time() + delay * random.uniform(0.5, 1.0),
                }
            conn.execute(
                update(t.webhook_deliveries)
                .where(t.webhook_deliveries.c.id == row.id)
                .values(**values)
            )
