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

from sqlalchemy import Connection, Engine

from station.domain.verdict import Verdict, needs_action, ok, stop
from station.i18n import N_, _
from station.services import day_glance
from station.services.day_glance import Cutoff, HourCounts
from station.services.errors import InvalidInput
from station.services.lead_roles import require_lead
from station.store import dashboard_reads, handover_store
from station.store.outbox import audit, utcnow_iso
from station.store.uow import StationStore, as_store

OPEN_DAYS = 7  # an unresolved exception stays on the dashboard this many days


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
    key: str = ""  # audit:<id> | outbox:<id> (a waiting label is dealt with by printing it)
    what: Verdict | None = None  # the exception in a sentence (translated when shown)
    state: str = "open"  # open | acknowledged | resolved
    handled_by: str | None = None
    reason: str | None = None

    @property
    def actionable(self) -> bool:
        return bool(self.key) and self.state != "resolved"


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
    hours: tuple[HourCounts, ...] = ()  # the day at a glance: work per local hour
    cutoffs: tuple[Cutoff, ...] = ()  # each carrier's next order cut-off, what is not done

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
    def __init__(self, store: StationStore | Engine) -> None:
        self.store = as_store(store)

    def today(self, by: str | None, now: datetime | None = None) -> Dashboard:
        """The dashboard of the station's local day containing ``now`` (default: now)."""
        now = now or datetime.now().astimezone()
        lo, hi = day_bounds(now)
        per_carrier: dict[str, dict[str, int]] = {}
        per_packer: dict[str, dict[str, int]] = {}
        def read(conn: Connection) -> tuple[Any, ...]:
            require_lead(conn, by)
            for field, carrier, packer, n in dashboard_reads.day_counts(conn, lo, hi):
                for table, key in ((per_carrier, carrier), (per_packer, packer or "?")):
                    row = table.setdefault(key, {})
                    row[field] = row.get(field, 0) + n
            oldest = (now - timedelta(days=OPEN_DAYS)).astimezone(UTC).isoformat()
            exceptions = tuple(
                ExceptionRow(at, who, action, subject, _detail(detail), f"audit:{aid}",
                             describe(action, subject, json.loads(detail or "{}")),
                             state or "open", handled_by, reason)
                for aid, at, who, action, subject, detail, state, handled_by, reason
                in dashboard_reads.exceptions(conn, oldest, lo, hi)
            ) + tuple(
                ExceptionRow(at or "", None, "event_rejected", order_id,
                             f"{kind}: {error or ''}"[:300], f"outbox:{oid}",
                             stop("event_rejected", "Central refused the {kind} event of "
                                  "{order}: {error}", kind=kind, order=order_id or "—",
                                  error=(error or "")[:200]),
                             state or "open", handled_by, reason)
                for oid, at, kind, order_id, error, state, handled_by, reason
                in dashboard_reads.rejected_events(conn)
            ) + tuple(
                ExceptionRow(at or "", who, "label_waiting", order_id, f"carrier={carrier}",
                             what=needs_action("label_waiting", "{order}: the {carrier} label "
                                               "waits for central; scan PRINT-WAITING",
                                               order=order_id, carrier=carrier))
                for at, who, order_id, carrier in dashboard_reads.labels_waiting(conn)
            )
            opened = tuple(
                OpenManifest(h.manifest_id, h.carrier, h.pickup,
                             handover_store.count(conn, h.manifest_id), h.opened_at)
                for h in handover_store.open_heads(conn)
            )
            return (exceptions, opened, day_glance.hourly(conn, lo, hi, now),
                    day_glance.cutoffs(conn, now))

        exceptions, opened, hours, due = self.store.read(read)
        return Dashboard(
            now.date().isoformat(),
            {k: Counts(**v) for k, v in sorted(per_carrier.items())},
            {k: Counts(**v) for k, v in sorted(per_packer.items())},
            opened, exceptions, hours, due,
        )


    def handle(self, by: str | None, key: str, state: str, reason: str) -> Verdict:
        """A lead acknowledges (seen, being dealt with) or resolves (done) one exception,
        with a reason; audited. Resolved ones leave the open list."""
        reason = " ".join(reason.split())[:300]
        if state not in ("acknowledged", "resolved"):
            raise InvalidInput("An exception is acknowledged or resolved.")
        if state == "resolved" and len(reason) < 3:
            raise InvalidInput("Say how the exception was resolved (scan or type a reason).")
        kind, _, ident = key.partition(":")
        if kind not in ("audit", "outbox") or not ident.isdigit():
            raise InvalidInput("Choose an exception on the dashboard first.")

        def write(conn: Connection) -> Verdict | None:
            lead = require_lead(conn, by)
            if not dashboard_reads.exception_exists(conn, kind, int(ident)):
                raise InvalidInput("No such exception: {key}.", key=key)
            if dashboard_reads.exception_state(conn, key) == "resolved":
                return needs_action("exception_already_resolved",
                                    "This exception was already resolved.")
            dashboard_reads.set_exception_state(conn, key, state, lead, utcnow_iso(),
                                                reason or state)
            audit(conn, f"exception_{state}", lead, key, reason=reason)
            return None

        already = self.store.run(write)
        if already is not None:
            return already
        if state == "resolved":
            return ok("exception_resolved", "Exception resolved: {reason}", reason=reason)
        return ok("exception_acknowledged", "Exception acknowledged.")


# Why the handover refused a scan, in a few words (the codes of station.domain.handover).
_REFUSALS = {
    "handover_other_carrier": N_("another carrier's parcel"),
    "handover_scanned_twice": N_("scanned twice"),
    "handover_unknown": N_("not a parcel of this station"),
    "handover_voided": N_("its label was voided"),
    "handover_other_warehouse": N_("another warehouse's parcel"),
    "handover_already_shipped": N_("already shipped"),
    "handover_on_other_manifest": N_("already on another manifest"),
    "handover_order_stopped": N_("the order was stopped"),
    "handover_not_labelled": N_("no label printed yet"),
    "handover_manifest_closed": N_("the manifest was closed"),
}


def describe(action: str, subject: str | None, d: dict[str, Any]) -> Verdict:
    """One exception as a sentence a lead reads (no ``key=value``)."""
    if action == "weight_override":
        return stop("weight_override", "{order}: parcel {parcel} weighed {actual} g, "
                    "{expected} g expected; accepted because {reason}", order=subject or "",
                    parcel=d.get("parcel", ""), actual=d.get("actual_g", "?"),
                    expected=d.get("expected_g", "?"), reason=d.get("reason", "—"))
    if action == "short_pick":
        return stop("short_pick", "{order}: items missing, decided {decision}",
                    order=subject or "", decision=d.get("decision", "?"))
    if action == "label_voided":
        return stop("label_voided", "{order}: label {tracking} voided ({reason})",
                    order=subject or "", tracking=d.get("tracking", ""),
                    reason=d.get("reason", "—"))
    if action == "order_stopped":
        return stop("order_stopped", "{order}: stopped ({status})", order=subject or "",
                    status=d.get("status", "?"))
    if action == "handover_refused":
        why = _REFUSALS.get(str(d.get("code")), str(d.get("code", "")))
        return stop("handover_refused", "{tracking} not handed over: {why}",
                    tracking=d.get("tracking", ""), why=_(why))
    if action == "handover_held_back":
        return needs_action("handover_held_back", "{tracking} held back at the handover",
                            tracking=d.get("tracking", ""))
    if action == "manifest_reopened":
        return needs_action("manifest_reopened", "Manifest {manifest} reopened: {reason}",
                            manifest=subject or "", reason=d.get("reason", "—"))
    if action == "order_put_aside":
        return needs_action("order_put_aside", "{order} put aside: {reason}",
                            order=subject or "", reason=d.get("reason", "—"))
    return needs_action(action, "{what}", what=_detail(json.dumps(d)))


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
    w.writerow(["exception", "at", "who", "subject", "detail", "state", "handled_by",
                "reason"])
    for e in board.exceptions:
        w.writerow([e.kind, e.at, _cell(e.who), _cell(e.subject), _cell(e.detail), e.state,
                    _cell(e.handled_by), _cell(e.reason)])
    return out.getvalue()
