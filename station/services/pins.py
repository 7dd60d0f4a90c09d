"""Who a lead is: a scanned badge, or a badge number with its PIN, and the PIN back-off.

A badge number typed on the keyboard proves nothing (anyone can read it off a lanyard), so a
lead action needs the badge scanned (the window's wedge filter or a serial scanner says so)
or the badge with its PIN. Wrong PINs back off and then lock the badge; the count is stored,
so restarting the station does not reset it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection

from station.services.lead_proof import LeadProof
from station.store import pin_store

__all__ = ["LeadProof", "PinGuard", "PinLockPolicy", "pin_matches"]


@dataclass(frozen=True)
class PinLockPolicy:
    """``free`` wrong PINs, then a wait doubling from ``backoff_s``; ``lock_after`` wrong
    PINs lock the badge for ``lock_minutes`` (a scanned badge still works)."""

    free: int = 2
    backoff_s: float = 5.0
    lock_after: int = 5
    lock_minutes: int = 15


def pin_matches(pin_hash: str, pin: str) -> bool:
    """Argon2 check of ``pin`` against the stored hash."""
    from argon2 import PasswordHasher
    from argon2.exceptions import Argon2Error, InvalidHashError

    try:
        return bool(PasswordHasher().verify(pin_hash, pin))
    except (Argon2Error, InvalidHashError):
        return False


def _now() -> datetime:
    return datetime.now(UTC)


class PinGuard:
    """Stored back-off of PIN checks per badge (call inside the store's transaction)."""

    def __init__(self, policy: PinLockPolicy | None = None) -> None:
        self.policy = policy or PinLockPolicy()

    def wait_s(self, conn: Connection, badge: str) -> float:
        """Seconds before this badge may try a PIN again (0: now)."""
        until = pin_store.locked_until(conn, badge)
        if not until:
            return 0.0
        return max(0.0, (datetime.fromisoformat(until) - _now()).total_seconds())

    def failed(self, conn: Connection, badge: str) -> int:
        """Count a wrong PIN; returns the failures so far."""
        row = pin_store.failures(conn, badge)
        failures = (row or 0) + 1
        p = self.policy
        if failures >= p.lock_after:
            wait = timedelta(minutes=p.lock_minutes)
        elif failures > p.free:
            wait = timedelta(seconds=p.backoff_s * 2 ** (failures - p.free - 1))
        else:
            wait = None
        until = (_now() + wait).isoformat() if wait else None
        pin_store.put(conn, badge, failures, until, known=row is not None)
        return failures

    def cleared(self, conn: Connection, badge: str) -> None:
        """A right PIN: the count starts again."""
        pin_store.put(conn, badge, 0, None, known=True)
