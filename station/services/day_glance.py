"""The lead's day at a glance: packed / labelled / handed over per hour of the local day, and
for each carrier the next order cut-off with what is not yet packed or handed over.

Read on the dashboard's connection; timestamps are UTC ISO strings, so the local hour is
SQLite's ``strftime('%H', at, '<offset> minutes')`` (SQLite reads the ``+00:00`` suffix).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

_HOURLY_SQL = {
    "packed": "SELECT strftime('%H', closed_at, ?), count(*) FROM parcels "
              "WHERE closed_at >= ? AND closed_at < ? GROUP BY 1",
    "labelled": "SELECT strftime('%H', at, ?), count(*) FROM audit WHERE action = "
                "'label_printed' AND at >= ? AND at < ? GROUP BY 1",
    "handed_over": "SELECT strftime('%H', mp.scanned_at, ?), count(*) FROM manifest_parcels mp "
                   "JOIN manifests m ON m.manifest_id = mp.manifest_id WHERE m.status = "
                   "'closed' AND mp.scanned_at >= ? AND mp.scanned_at < ? GROUP BY 1",
}
# Per carrier: the earliest cut-off still ahead (or just missed) of an order that has not
# shipped, and what stands between now and it.
_NEXT_CUTOFF_SQL = (
    "SELECT carrier, min(cutoff) FROM orders WHERE cutoff IS NOT NULL AND cutoff >= ? "
    "AND cutoff < ? AND status IN ('released', 'packed') GROUP BY carrier ORDER BY carrier"
)
_NOT_PACKED_SQL = ("SELECT count(*) FROM orders o WHERE o.carrier = ? AND o.status = "
                   "'released' AND o.cutoff IS NOT NULL AND o.cutoff <= ? AND NOT EXISTS "
                   "(SELECT 1 FROM parcels p WHERE p.order_id = o.order_id)")
_NOT_HANDED_SQL = (
    "SELECT count(*) FROM parcels p JOIN orders o ON o.order_id = p.order_id "
    "WHERE o.carrier = ? AND p.status = 'labelled' AND o.cutoff IS NOT NULL AND o.cutoff <= ? "
    "AND o.status NOT IN ('cancelled', 'intercepted') AND NOT EXISTS (SELECT 1 FROM "
    "manifest_parcels mp JOIN manifests m ON m.manifest_id = mp.manifest_id "
    "WHERE mp.parcel_id = p.id AND m.status = 'closed')"
)


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


def hourly(db: Any, lo: str, hi: str, now: datetime) -> tuple[HourCounts, ...]:
    """The local day's hours that saw any work, in order."""
    offset = now.utcoffset() or timedelta(0)
    modifier = f"{int(offset.total_seconds() // 60):+d} minutes"
    hours: dict[int, dict[str, int]] = {}
    for field, sql in _HOURLY_SQL.items():
        for hour, n in db.execute(sql, (modifier, lo, hi)):
            if hour is not None:
                hours.setdefault(int(hour), {})[field] = int(n)
    return tuple(HourCounts(h, **hours[h]) for h in sorted(hours))


def cutoffs(db: Any, now: datetime, missed_window: timedelta = timedelta(hours=2)
            ) -> tuple[Cutoff, ...]:
    """Each carrier's next cut-off within the coming day (one missed in the last two hours
    still shows, red, until its parcels are handed over)."""
    lo = (now - missed_window).astimezone(UTC).isoformat()
    hi = (now + timedelta(days=1)).astimezone(UTC).isoformat()
    out = []
    for carrier, first in db.execute(_NEXT_CUTOFF_SQL, (lo, hi)).fetchall():
        at = datetime.fromisoformat(first)
        at = (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(now.tzinfo)
        not_packed = int(db.execute(_NOT_PACKED_SQL, (carrier, first)).fetchone()[0])
        not_handed = int(db.execute(_NOT_HANDED_SQL, (carrier, first)).fetchone()[0])
        if not_packed or not_handed:
            out.append(Cutoff(carrier, at, int((at - now).total_seconds() // 60), not_packed,
                              not_handed))
    return tuple(out)
