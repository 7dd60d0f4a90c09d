"""The central database: SQLite file by default, PostgreSQL by URL (a fleet of stations).

SQLite: WAL + ``synchronous=FULL`` and ``BEGIN IMMEDIATE`` on every transaction, so two
uvicorn workers (two processes) queue for the write lock instead of failing with "database is
locked" half-way through a read-then-write transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")


def normalise_url(url: str) -> str:
    """Accept a plain file path as a SQLite database; map ``postgresql://`` to psycopg 3."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    # Let us issue BEGIN ourselves (pysqlite's implicit BEGIN is deferred).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=15000")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    # Readers (``reading(engine)``) need no write lock; WAL gives them a snapshot.
    readonly = conn.get_execution_options().get("central_readonly", False)
    conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")


REQUEST_THREADS = 40  # anyio's default thread limiter, which runs FastAPI's sync endpoints


def create_central_engine(url: str) -> Engine:
    """An engine for ``url`` (SQLite path/URL or PostgreSQL URL) with our connection settings."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # One connection per request thread: FastAPI runs sync endpoints on anyio's pool of
    # REQUEST_THREADS threads, so a smaller pool made requests wait, time out and answer 500.
    # A wait that still times out (a database at its limits) answers 503 with Retry-After.
    return create_engine(url, pool_size=REQUEST_THREADS, max_overflow=4, pool_timeout=10,
                         pool_pre_ping=True)


def reading(engine: Engine) -> Connection:
    """A connection for reads only: on SQLite it does not queue for the write lock."""
    return engine.connect().execution_options(central_readonly=True)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One transaction: commit on success, roll back on any exception."""
    with factory() as session, session.begin():
        yield session


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Create or upgrade the central schema (safe to call on every start)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    command.upgrade(cfg, revision)
