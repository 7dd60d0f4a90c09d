"""Labels before bulk ingest, inside one central process.

A packer waits at the bench for ``POST /v1/shipments``; a station's backlog of events does not
wait for anyone. Fifty stations draining a backlog at once kept the database (SQLite's one
writer) and the interpreter busy, and a label request waited behind them (1.9 s p99 on SQLite,
0.66 s on PostgreSQL in ``make load``). So ingest works in chunks and, before each chunk,
makes way while any label request is being served (at most ``max_wait_s``, so a stream of
labels can never stall ingest for good).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from starlette.types import ASGIApp, Receive, Scope, Send

LABEL_PATH = "/v1/shipments"


class LabelFirst:
    def __init__(self, max_wait_s: float = 1.0) -> None:
        self._changed = threading.Condition()
        self._labels = 0
        self.max_wait_s = max_wait_s

    @contextmanager
    def label(self) -> Iterator[None]:
        """Around serving one label request."""
        with self._changed:
            self._labels += 1
        try:
            yield
        finally:
            with self._changed:
                self._labels -= 1
                self._changed.notify_all()

    def make_way(self) -> None:
        """Before a chunk of bulk work: wait while labels are being served."""
        with self._changed:
            self._changed.wait_for(lambda: self._labels == 0, timeout=self.max_wait_s)


class LabelFirstMiddleware:
    """Counts a label request from its arrival (before its token is checked and its body
    read), so that ingest makes way for all of it."""

    def __init__(self, app: ASGIApp, first: LabelFirst) -> None:
        self.app = app
        self.first = first

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and scope["path"] == LABEL_PATH:
            with self.first.label():
                await self.app(scope, receive, send)
            return
        await self.app(scope, receive, send)
