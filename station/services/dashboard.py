"""The lead's dashboard: today's packed / labelled / handed-over parcels per carrier and per
packer, the open manifests, and the exceptions of the day (weight overrides, short picks,
voided labels, stopped/intercepted orders, refused handover scans), with a CSV export.

"Today" is the station's local calendar day; timestamps in the store are UTC ISO strings,
so the day's start is converted once and compared as text (indexed, no per-row parsing).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import Engine

from station.services.lead_roles import require_lead
from station.store import handover_store

_PACKED_SQL = (
    "SELECT o.carrier, s.operator, count(*) FROM parcels p "
    "JOIN orders o ON o.order_id = p.order_id JOIN pack_sessions s ON s.id = p.session_id "
    "WHERE p.closed_at >= ? AND p.closed_at < ? GROUP BY o.carrier, s.operator"
)
_LABELLED_SQL = (
    # The label step may run without an operator: the parcel's packer then gets the label.
    "SELECT o.carrier, COALESCE(a.operator, (SELECT s.operator FROM pack_sessions s "
    "WHERE s.order_id = a.subject ORDER BY s.id DESC LIMIT 1)) AS who, count(*) FROM audit a "
    "JOIN orders o ON o.order_id = a.subject WHERE a.at >= ? AND a.at < ? "
    "AND a.action = 'label_printed' GROUP BY o.carrier, who"
)
_HANDED_SQL = (
    "SELECT m.carrier, s.operator, count(*) FROM manifest_parcels mp "
    "JOIN manifests m ON m.manifest_id = mp.manifest_id JOIN parcels p ON p.id = mp.parcel_id "
    "JOIN pack_sessions s ON s.id = p.session_id "
    "WHERE m.status = 'closed' AND m.closed_at >= ? AND m.closed_at < ? "
    "GROUP BY m.carrier, s.operator"
)
EXCEPTION_ACTIONS = ("weight_override", "short_pick", "label_voided", "order_stopped",
                     "handover_refused", "manifest_reopened", "order_put_aside",
                     "handover_held_back")
_EXCEPTIONS_SQL = (
    "SELECT at, operator, action, subject, detail FROM audit WHERE at >= ? AND at < ? "
    f"AND action IN ({', '.join('?' * len(EXCEPTION_ACTIONS))}) ORDER BY at"
)
# Events central refused for good: listed whatever their day until a lead deals with them
# (a refused label_voided leaves a number live at central).
# Packed orders whose labels wait for central (online-only carrier, network down): on the
# waiting shelf until PRINT-WAITING prints them, whatever the day.
_LABEL_WAITING_SQL = (
    "SELECT s.ended_at, s.operator, s.order_id, o.carrier FROM pack_sessions s "
    "JOIN orders o ON o.order_id = s.order_id WHERE s.state = 'label_waiting' ORDER BY s.id"
)
_REJECTED_SQL = (
    "SELECT sent_at, kind, order_id, last_error FROM outbox WHERE result = 'rejected' "
    "ORDER BY id"
)


@dataclass(frozen=True)
class Counts:
    packed: int = 0
    labelled: int = 0
    handed_over: int = 0


@dataclass(frozen=True)
class ExceptionRow:
    at: str
    who: str | None
    kind: str  # one of EXCEPTION_ACTIONS, "event_rejected" or "label_waiting"
    subject: str | None  # order or manifest
    detail: str


@dataclass(frozen=True)
class OpenManifest:
    manifest_id: str
    carrier: str
    pickup: str
    scanned: int
    opened_at: str


@dataclass(frozen=True)
class Dashboard:
    day: str  # YYYY-MM-DD, local
    per_carrier: dict[str, Counts]
    per_packer: dict[str, Counts]
    open_manifests: tuple[OpenManifest, ...]
    exceptions: tuple[ExceptionRow, ...]

    @property
    def totals(self) -> Counts:
        rows = self.per_carrier.values()
        return Counts(sum(c.packed for c in rows), sum(c.labelled for c in rows),
                      sum(c.handed_over for c in rows))


def day_bounds(day: datetime) -> tuple[str, str]:
    """UTC ISO bounds of the local calendar day of ``day`` (an aware datetime)."""
    start = datetime.combine(day.date(), time(0), tzinfo=day.tzinfo)
    lo, hi = start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)
    return lo.isoformat(timespec="microseconds"), hi.isoformat(timespec="microseconds")


class DashboardService:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def today(self, by: str | None, now: datetime | None = None) -> Dashboard:
        """The dashboard of the station's local day containing ``now`` (default: now)."""
        now = now or datetime.now().astimezone()
        lo, hi = day_bounds(now)
        per_carrier: dict[str, dict[str, int]] = {}
        per_packer: dict[str, dict[str, int]] = {}
        with self.engine.connect() as conn:
            require_lead(conn, by)
            db: Any = conn.connection.dbapi_connection
            for field, sql in (("packed", _PACKED_SQL), ("labelled", _LABELLED_SQL),
                               ("handed_over", _HANDED_SQL)):
                for carrier, packer, n in db.execute(sql, (lo, hi)):
                    for table, key in ((per_carrier, carrier), (per_packer, packer or "?")):
                        row = table.setdefault(key, {})
                        row[field] = row.get(field, 0) + n
            exceptions = tuple(
                ExceptionRow(at, who, action, subject, _detail(detail))
                for at, who, action, subject, detail in db.execute(
                    _EXCEPTIONS_SQL, (lo, hi, *EXCEPTION_ACTIONS))
            ) + tuple(
                ExceptionRow(at or "", None, "event_rejected", order_id,
                             f"{kind}: {error or ''}"[:300])
                for at, kind, order_id, error in db.execute(_REJECTED_SQL)
            ) + tuple(
                ExceptionRow(at or "", who, "label_waiting", order_id, f"carrier={carrier}")
                for at, who, order_id, carrier in db.execute(_LABEL_WAITING_SQL)
            )
            opened = tuple(
                OpenManifest(h.manifest_id, h.carrier, h.pickup,
                             handover_store.count(conn, h.manifest_id), h.opened_at)
                for h in handover_store.open_heads(conn)
            )
        return Dashboard(
            now.date().isoformat(),
            {k: Counts(**v) for k, v in sorted(per_carrier.items())},
            {k: Counts(**v) for k, v in sorted(per_packer.items())},
            opened, exceptions,
        )


def _detail(raw: str | None) -> str:
    """The audit detail as ``key=value`` pairs for a table cell or a CSV field."""
    data = json.loads(raw or "{}")
    return " ".join(f"{k}={v}" for k, v in data.items() if v not in (None, ""))


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(board: Dashboard) -> str:
    """The dashboard as one CSV file: a section per table, a header row each."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["section", "key", "packed", "labelled", "handed_over"])
    for section, table in (("carrier", board.per_carrier), ("packer", board.per_packer)):
        for key, c in table.items():
            w.writerow([section, _cell(key), c.packed, c.labelled, c.handed_over])
    w.writerow([])
    w.writerow(["open_manifest", "carrier", "pickup", "scanned", "opened_at"])
    for m in board.open_manifests:
        w.writerow([_cell(m.manifest_id), _cell(m.carrier), _cell(m.pickup), m.scanned,
                    m.opened_at])
    w.writerow([])
    w.writerow(["exception", "at", "who", "subject", "detail"])
    for e in board.exceptions:
        w.writerow([e.kind, e.at, _cell(e.who), _cell(e.subject), _cell(e.detail)])
    return out.getvalue()
