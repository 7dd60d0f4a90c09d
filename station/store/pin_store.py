"""Stored PIN attempts per badge: failures so far and until when the badge must wait."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select, update

from station.store.tables import pin_attempts


def locked_until(conn: Connection, badge: str) -> str | None:
    return conn.execute(
        select(pin_attempts.c.locked_until).where(pin_attempts.c.badge == badge)
    ).scalar_one_or_none()


def failures(conn: Connection, badge: str) -> int | None:
    """Wrong PINs in a row so far; None when the badge never failed."""
    return conn.execute(
        select(pin_attempts.c.failures).where(pin_attempts.c.badge == badge)
    ).scalar_one_or_none()


def put(conn: Connection, badge: str, failures: int, until: str | None, *, known: bool) -> None:
    """Keep the count and the wait (``known``: the badge has a row already)."""
    if known:
        conn.execute(update(pin_attempts).where(pin_attempts.c.badge == badge)
                     .values(failures=failures, locked_until=until))
    else:
        conn.execute(insert(pin_attempts).values(badge=badge, failures=failures,
                                                 locked_until=until))
