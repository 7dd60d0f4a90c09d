"""Lookup: one scan of an order, parcel, tracking number, tote, pick list or SKU gives the
whole history the station holds — pack sessions, every scan with its operator and time,
weights, box, labels printed / reprinted / voided, overrides, the handover — and, when the
central API answers, the carrier's tracking timeline.

Local reads (:meth:`LookupService.find`) never touch the network; the carrier timeline is a
separate call (:meth:`LookupService.carrier_timeline`) for the UI's HTTP lane. Each history
line is a :class:`~station.domain.verdict.Verdict` so it renders (and translates) like any
other message; exceptions (voids, overrides, refusals) are ``stop``/``needs_action``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import Connection, Engine

from contract import Tracking
from station.domain.recipients import mask_name, mask_phone
from station.domain.verdict import Verdict, needs_action, ok, stop
from station.services.errors import InvalidInput
from station.services.lead_roles import require_lead
from station.store import lookup_reads, parcel_reads
from station.store.uow import StationStore, as_store

# A scan, or a recipient's name typed by hand (Chinese too): anything printable.
_CODE = re.compile(r"^[^\x00-\x1f\x7f]{1,128}$")

@dataclass(frozen=True)
class HistoryLine:
    """One thing that happened, when and by whom; ``verdict.message`` says what."""

    at: str
    who: str | None
    verdict: Verdict


@dataclass(frozen=True)
class ParcelSummary:
    parcel_no: int
    status: str
    tracking_number: str | None
    box_code: str | None
    expected_g: int | None
    actual_g: int | None
    override_by: str | None


@dataclass(frozen=True)
class OrderHistory:
    """What the station holds about one order."""

    order_id: str
    status: str
    carrier: str
    warehouse: str
    recipient: str
    parcels: tuple[ParcelSummary, ...]
    lines: tuple[HistoryLine, ...]

    @property
    def tracking_numbers(self) -> list[str]:
        """Every tracking number the order has had (live and voided), for the timeline."""
        seen: dict[str, None] = {}
        for p in self.parcels:
            if p.tracking_number:
                seen[p.tracking_number] = None
        for line in self.lines:
            number = line.verdict.params.get("tracking")
            if isinstance(number, str) and number:
                seen[number] = None
        return list(seen)


@dataclass(frozen=True)
class LookupResult:
    """``orders`` found for the scan (a tote or SKU can have several), newest first."""

    code: str
    kind: str  # tracking / order / tote / sku
    orders: tuple[OrderHistory, ...] = field(default=())


@dataclass(frozen=True)
class Timeline:
    """The carrier's events per tracking number; ``online`` False when central is out of
    reach (the local history is still complete)."""

    online: bool
    tracking: dict[str, Tracking]
    note: str = ""


class TrackingSource(Protocol):
    def tracking(self, number: str) -> Tracking: ...


class LookupService:
    def __init__(self, store: StationStore | Engine, client: TrackingSource | None = None,
                 ) -> None:
        self.store = as_store(store)
        self.client = client

    def find(self, by: str | None, code: str) -> LookupResult:
        """Resolve one scan to the orders it names and their whole local history."""
        code = code.strip()
        if not _CODE.match(code):
            raise InvalidInput("Scan an order, parcel, tracking number, tote or SKU barcode, or "
                               "type the recipient's name or phone.")
        def read(conn: Connection) -> LookupResult:
            require_lead(conn, by)
            kind, order_ids = lookup_reads.resolve(conn, code)
            if not order_ids:
                raise InvalidInput("Nothing at this station matches {code}.", code=code)
            return LookupResult(code, kind, tuple(
                self._history(conn, o) for o in order_ids))

        return self.store.read(read)

    def _history(self, conn: Connection, order_id: str) -> OrderHistory:
        order = lookup_reads.order_row(conn, order_id)
        lines: list[HistoryLine] = []
        for sid, station, operator, state, opened, ended in lookup_reads.sessions(
                conn, order_id):
            lines.append(HistoryLine(opened, operator, ok(
                "pack_opened", "Pack session {session} opened at {station}",
                session=sid, station=station)))
            if ended:
                lines.append(HistoryLine(ended, operator, ok(
                    "pack_ended", "Pack session {session} ended: {state}",
                    session=sid, state=state)))
        for r in lookup_reads.scans(conn, order_id):
            line = _scan_line(r)
            if line is not None:
                lines.append(line)
        for at, operator, action, detail in lookup_reads.audit_rows(conn, order_id):
            lines.append(_audit_line(at, operator, action, json.loads(detail or "{}")))
        for e in parcel_reads.label_history(conn, order_id):
            if e.action == "label_voided":
                v = stop("label_voided", "Label {tracking} of parcel {parcel} voided: {reason}",
                         tracking=e.tracking_number or "", parcel=e.parcel_no or "",
                         reason=e.reason or "")
            elif e.action == "label_reprinted":
                v = needs_action("label_reprinted", "Label {tracking} of parcel {parcel} "
                                 "reprinted", tracking=e.tracking_number or "",
                                 parcel=e.parcel_no or "")
            else:
                v = ok("label_printed", "Label {tracking} of parcel {parcel} printed",
                       tracking=e.tracking_number or "", parcel=e.parcel_no or "")
            lines.append(HistoryLine(e.at, e.operator, v))
        for row in lookup_reads.handovers(conn, order_id):
            at, who, number, manifest, carrier, status, closed_at, closed_by = row
            lines.append(HistoryLine(at, who, ok(
                "handover_scanned", "{tracking} handed to {carrier} on manifest {manifest}",
                tracking=number, carrier=carrier, manifest=manifest)))
            if status == "closed" and closed_at:
                lines.append(HistoryLine(closed_at, closed_by, ok(
                    "manifest_closed_line", "Manifest {manifest} closed: shipped",
                    manifest=manifest)))
        lines.sort(key=lambda line: line.at or "")
        parcels = tuple(
            ParcelSummary(p["parcel_no"], p["status"], p["tracking_number"], p["box_code"],
                          p["expected_g"], p["actual_g"], p["override_by"])
            for p in parcel_reads.order_parcels(conn, order_id)
        )
        recipient = ""
        if order is not None:  # masked (脱敏): enough to tell orders apart, no more
            address = json.loads(order[5] or "{}")
            recipient = f"{mask_name(address.get('name') or '')}, {address.get('city', '')}"
            if address.get("phone"):
                recipient += f" · {mask_phone(address.get('phone'))}"
        return OrderHistory(
            order_id, order[2] if order else "?", order[3] if order else "?",
            order[1] if order else "?", recipient, parcels, tuple(lines))

    def carrier_timeline(self, numbers: list[str]) -> Timeline:
        """The carrier's events of each number from the central API (``GET /v1/tracking``).
        Offline or refused: ``online`` False and the reason; never raises."""
        if self.client is None:
            return Timeline(False, {}, "no central server is set up")
        found: dict[str, Tracking] = {}
        for number in numbers[:20]:
            try:
                found[number] = self.client.tracking(number)
            except Exception as exc:  # offline, 404, refused: say so, go on
                if "404" in str(exc) or "not found" in str(exc).lower():
                    continue
                return Timeline(False, found, str(exc))
        return Timeline(True, found)


def _scan_line(r: Any) -> HistoryLine | None:
    """A recorded session event as a history line; None for those another line already
    tells (the session opening, the override whose audit row has the weights)."""
    at, operator, kind, raw, sku, units, lot, serial, box, grams, expected, within, by = r
    v: Verdict
    if kind in ("opened", "weight_overridden", "order_stopped", "short_pick_decided"):
        return None
    if kind == "weighed":
        shown = expected if expected is not None else "—"
        if within or within is None:
            v = ok("scan_weighed", "Weighed {grams} g (expected {expected} g)",
                   grams=grams, expected=shown)
        else:
            v = needs_action("scan_weighed", "Weighed {grams} g, outside the tolerance of "
                             "{expected} g", grams=grams, expected=shown)
    elif kind == "item_packed" and sku:
        v = ok("scan_item", "Scanned {sku} ×{units} {extra}", sku=sku, units=units,
               extra=" ".join(x for x in (lot, serial) if x) or raw or "")
    elif kind == "wrong_item":
        v = stop("scan_wrong_item", "Wrong item {raw}", raw=raw or sku or "")
    elif kind == "acknowledged":
        v = needs_action("scan_acknowledged", "Wrong-item stop cleared by {by}",
                         by=by or operator or "")
    elif kind == "item_pending":
        v = needs_action("scan_item_pending", "Scanned {sku}: lot/serial asked for", sku=sku or "")
    elif kind == "lot_captured":
        v = ok("scan_lot", "Lot {lot} of {sku} captured", lot=lot or "", sku=sku or "")
    elif kind == "box_chosen":
        v = ok("scan_box", "Box {box}", box=box or "")
    elif kind == "parcel_closing":
        v = ok("scan_parcel_closing", "Items of the parcel done, box next")
    elif kind == "parcel_closed":
        v = ok("scan_parcel_closed", "Parcel closed, ready for its label")
    elif kind == "short_pick_raised":
        v = needs_action("scan_short_pick", "Items missing: the lead was called")
    elif kind == "finished":
        v = ok("scan_finished", "Order finished")
    else:  # captured lot/serial, cancelled steps: shown as recorded
        v = ok("scan_other", "{kind} {raw}", kind=kind, raw=raw or sku or "")
    return HistoryLine(at, operator, v)


def _audit_line(at: str, operator: str | None, action: str, d: dict[str, Any]) -> HistoryLine:
    if action == "weight_override":
        v = stop("weight_override", "Weight override on parcel {parcel}: {actual} g instead "
                 "of {expected} g ({reason})", parcel=d.get("parcel", ""),
                 actual=d.get("actual_g", ""), expected=d.get("expected_g", ""),
                 reason=d.get("reason", ""))
    elif action == "short_pick":
        v = stop("short_pick", "Short pick decided: {decision}",
                 decision=d.get("decision", ""))
    elif action == "order_stopped":
        v = stop("order_stopped", "Order stopped: {status}", status=d.get("status", ""))
    else:
        v = needs_action("manual_quantity", "Quantity typed by hand")
    return HistoryLine(at, operator, v)
