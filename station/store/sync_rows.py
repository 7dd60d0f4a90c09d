"""What the sync threads read and write in the station file: the outbox rows to send and their
settlement, the pull cursor, and the counts of the health report. Each function is one step
of a unit of work the caller opens through ``StationStore``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

_UNSENT = text(
    "SELECT id, idempotency_key, kind, order_id, payload, occurred_at FROM outbox "
    "WHERE sent_at IS NULL ORDER BY id LIMIT :limit"
)
_BACKLOG = text("SELECT count(*) FROM outbox WHERE sent_at IS NULL")
_OLDEST = text("SELECT occurred_at FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT 1")
_REJECTED = text("SELECT count(*) FROM outbox WHERE result = 'rejected'")
_SETTLE = text(
    "UPDATE outbox SET sent_at = :at, result = :result, last_error = :error, "
    "attempts = attempts + 1 WHERE id = :id AND sent_at IS NULL"
)
_FAILED = text("UPDATE outbox SET attempts = attempts + 1, last_error = :error WHERE id = :id")
_CURSOR = text("SELECT cursor FROM sync_cursor WHERE name = :name")
_SET_CURSOR = text(
    "INSERT INTO sync_cursor (name, cursor) VALUES (:name, :cursor) "
    "ON CONFLICT(name) DO UPDATE SET cursor = excluded.cursor"
)
_DROP_CURSOR = text("DELETE FROM sync_cursor WHERE name = :name")
_USED = text(
    "SELECT carrier, count(*) FROM pool_number WHERE station = :station AND taken_at >= :since "
    "GROUP BY carrier"
)


# ---------------------------------------------------------------- outbox
def unsent(conn: Connection, limit: int) -> list[Any]:
    """The oldest events not yet accepted by central, oldest first."""
    return list(conn.execute(_UNSENT, {"limit": limit}).all())


def backlog(conn: Connection) -> int:
    return int(conn.execute(_BACKLOG).scalar_one())


def oldest_unsent(conn: Connection) -> str | None:
    return conn.execute(_OLDEST).scalar()


def rejected(conn: Connection) -> int:
    return int(conn.execute(_REJECTED).scalar_one())


def settle(conn: Connection, settled: list[dict[str, Any]]) -> None:
    """Rows central answered for (``id``, ``at``, ``result``, ``error`` each)."""
    if settled:
        conn.execute(_SETTLE, settled)


def count_failure(conn: Connection, row_ids: list[int], error: str) -> None:
    """One more failed try of these rows, and why; they stay queued."""
    conn.execute(_FAILED, [{"id": i, "error": error[:500]} for i in row_ids])


# ---------------------------------------------------------------- pull
def cursor(conn: Connection, name: str) -> str | None:
    return conn.execute(_CURSOR, {"name": name}).scalar_one_or_none()


def set_cursor(conn: Connection, name: str, value: str | None) -> None:
    if value is None:
        conn.execute(_DROP_CURSOR, {"name": name})
    else:
        conn.execute(_SET_CURSOR, {"name": name, "cursor": value})


# ---------------------------------------------------------------- health
def numbers_used(conn: Connection, station: str, since: str) -> dict[str, int]:
    """Pool numbers taken per carrier since ``since``."""
    return {str(carrier): int(n) for carrier, n in conn.execute(
        _USED, {"station": station, "since": since})}
