"""The lead's day at a glance: packed / labelled / handed over per hour of the local day, and
for each carrier the next order cut-off with what is not yet packed or handed over.

Read on the dashboard's connection (the SQL is in ``station.store.dashboard_reads``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection

from station.store import dashboard_reads


@dataclass(frozen=True)
class HourCounts:
    hour: int  # local
    packed: int = 0
    labelled: int = 0
    handed_over: int = 0


@dataclass(frozen=True)
class Cutoff:
    """A carrier's next order cut-off and what is not done for it yet."""

    carrier: str
    at: datetime  # local
    minutes_left: int  # negative: missed
    not_packed: int  # orders due by then, not packed yet
    not_handed: int  # labelled parcels due by then, not handed over yet


def hourly(conn: Connection, lo: str, hi: str, now: datetime) -> tuple[HourCounts, ...]:
    """The local day's hours that saw any work, in order."""
    offset = now.utcoffset() or timedelta(0)
    modifier = f"{int(offset.total_seconds() // 60):+d} minutes"
    hours: dict[int, dict[str, int]] = {}
    for field, rows in dashboard_reads.hourly(conn, modifier, lo, hi).items():
        for hour, n in rows:
            if hour is not None:
                hours.setdefault(int(hour), {})[field] = int(n)
    return tuple(HourCounts(h, **hours[h]) for h in sorted(hours))


def cutoffs(conn: Connection, now: datetime, missed_window: timedelta = timedelta(hours=2)
            ) -> tuple[Cutoff, ...]:
    """Each carrier's next cut-off within the coming day (one missed in the last two hours
    still shows, red, until its parcels are handed over)."""
    lo = (now - missed_window).astimezone(UTC).isoformat()
    hi = (now + timedelta(days=1)).astimezone(UTC).isoformat()
    out = []
    for carrier, first in dashboard_reads.next_cutoffs(conn, lo, hi):
        at = datetime.fromisoformat(first)
        at = (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(now.tzinfo)
        not_packed, not_handed = dashboard_reads.not_done_by(conn, carrier, first)
        if not_packed or not_handed:
            out.append(Cutoff(carrier, at, int((at - now).total_seconds() // 60), not_packed,
                              not_handed))
    return tuple(out)
