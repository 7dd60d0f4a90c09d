"""The pull loop: fetch reference data and orders changed since the station's cursor.

Each ``ChangeSet`` page goes to ``apply(changes)`` (given by the caller, e.g. a wrapper of
``station.store.reference.apply_changes``); the cursor in table ``sync_cursor`` moves only
after ``apply`` returned, so a crash re-applies the last page: ``apply`` must be idempotent
(upserts), which also makes central the authority for orders.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from contract import ChangeSet
from station.store import sync_rows
from station.store.uow import StationStore, as_store
from station.sync.errors import CentralError, CentralRejected
from station.sync.loop import WakeableLoop
from station.sync.status import SyncStatus

if TYPE_CHECKING:
    from station.sync.client import CentralClient

log = logging.getLogger(__name__)

_RESTART_CODES = {"cursor_ahead", "invalid_request"}


class PullLoop(WakeableLoop):
    """Keeps the station's copy of central data current, page by page, in change order."""

    thread_name = "pull-loop"

    def __init__(
        self,
        store: StationStore | Engine,
        client: CentralClient,
        apply: Callable[[ChangeSet], None],
        status: SyncStatus | None = None,
        *,
        name: str = "central",
        interval_s: float = 30.0,
        page_size: int = 500,
        max_pages: int = 10_000,
    ) -> None:
        self.store = as_store(store)
        self.client = client
        self.apply = apply
        self.status = status or SyncStatus()
        self.name = name
        self.interval_s = interval_s
        self.page_size = page_size
        self.max_pages = max_pages
        super().__init__()

    def cursor(self) -> str | None:
        return self.store.read(lambda conn: sync_rows.cursor(conn, self.name))

    def _save_cursor(self, cursor: str | None) -> None:
        self.store.run(lambda conn: sync_rows.set_cursor(conn, self.name, cursor))

    def pull_once(self) -> int:
        """Fetch and apply every waiting page; returns how many pages were applied."""
        pages = 0
        restarted = False
        cursor = self.cursor()
        while pages < self.max_pages:
            try:
                changes = self.client.changes(cursor, limit=self.page_size)
            except CentralRejected as exc:
                # The server does not know our cursor (its database was replaced): start over.
                if exc.code in _RESTART_CODES and cursor is not None and not restarted:
                    log.warning("cursor %s refused (%s); pulling everything again", cursor, exc)
                    restarted, cursor = True, None
                    self._save_cursor(None)
                    continue
                raise
            self.apply(changes)
            self._save_cursor(changes.cursor)
            cursor = changes.cursor
            pages += 1
            if not changes.more:
                break
        self.status.update(online=True, reason=None, last_pulled_at=datetime.now(UTC))
        return pages

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self.pull_once()
            except CentralError as exc:
                self.status.update(online=False, reason=exc.reason, last_error=str(exc))
            except Exception as exc:  # apply() failed: keep the loop, show the problem
                log.exception("applying central changes failed")
                self.status.update(last_error=str(exc))
            self._pause(self.interval_s)
