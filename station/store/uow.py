"""The station's one writer: a single connection to the SQLite file and the lock around it.

Every use case of a bench (scan, weigh, label, void...) runs its writes as one unit of work
through :meth:`StationStore.transaction`. The pack lane and the print lane of the window
share this object, so SQLite never sees two writers from one station process and a unit of
work is never interleaved with another. Transactions start with ``BEGIN IMMEDIATE``: the
write lock is taken up front, so another process (a second station sharing the file, the
tracking pool of a test) waits instead of failing half-way.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from station.store.db import describe_db_error

T = TypeVar("T")


class StoreError(Exception):
    """The database refused the unit of work; nothing of it was written."""


class StationStore:
    """One station process's write connection (thread-safe: callers are serialised)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.conn: Connection = engine.connect()
        self.lock = threading.RLock()

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    @contextmanager
    def transaction(self, immediate: bool = True) -> Iterator[Connection]:
        """One unit of work: committed on a clean exit, rolled back on any exception.

        ``immediate`` takes the write lock up front (a unit that writes); a read-only unit
        passes False and keeps reading while another program holds the write lock (WAL).
        Nested calls join the outer transaction (the outer one commits).
        """
        with self.lock:
            if self.conn.in_transaction():
                yield self.conn
                return
            try:
                self.conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
            except (SQLAlchemyError, sqlite3.Error) as exc:
                self._reset()
                raise StoreError(describe_db_error(exc)) from exc
            try:
                yield self.conn
            except BaseException:
                self._reset()
                raise
            try:
                self.conn.commit()
            except (SQLAlchemyError, sqlite3.Error) as exc:
                self._reset()
                raise StoreError(describe_db_error(exc)) from exc

    def run(self, fn: Callable[[Connection], T], immediate: bool = True) -> T:
        """``fn(conn)`` as one unit of work; a database failure becomes :class:`StoreError`."""
        try:
            with self.transaction(immediate) as conn:
                return fn(conn)
        except (SQLAlchemyError, sqlite3.Error) as exc:
            raise StoreError(describe_db_error(exc)) from exc

    def read(self, fn: Callable[[Connection], T]) -> T:
        """``fn(conn)`` reading only: it does not wait for another writer."""
        return self.run(fn, immediate=False)

    def _reset(self) -> None:
        try:
            self.conn.rollback()
        except (SQLAlchemyError, sqlite3.Error):
            self.conn.invalidate()
            self.conn = self.engine.connect()


def as_store(store: StationStore | Engine) -> StationStore:
    """The station's store; an engine (a test, a tool on its own file) gets a store of its
    own. A running station hands every service the bench's one store."""
    return store if isinstance(store, StationStore) else StationStore(store)
