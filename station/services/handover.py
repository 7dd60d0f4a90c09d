"""The carrier handover: open a manifest (交接单) for a carrier's pickup, scan each parcel as
the driver takes it, close it out, and reopen it when a lead must.

Every scan is judged by :func:`station.domain.handover.judge_scan`: only a labelled parcel of
this carrier and warehouse that is on no other manifest goes on; every foreign parcel gets its
own verdict code and sound and an audit row. Closing marks the parcels shipped and queues one
``manifest_closed`` event for the central API in the same transaction, so an offline close
is sent later, exactly once. Printing (A4 PDF + thermal slip) is a separate call, run after
the close has committed: a jammed printer never undoes a handover.

Only a lead or an admin may open, scan, close or reopen (checked on every call).
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from contract import (
    EventKind,
    HandoverScanned,
    ManifestClosed,
)
from station.devices import Printer, PrintJob
from station.domain.handover import Manifest, ManifestHead, ManifestLine, ManifestStatus, judge_scan
from station.domain.model import Tolerance
from station.domain.packing import check_weight
from station.domain.verdict import Sound, Verdict, needs_action, ok, stop
from station.i18n import _
from station.services import bagging
from station.services.errors import InvalidInput
from station.services.lead_roles import require_lead
from station.store import bag_store, label_store, parcel_reads
from station.store import handover_store as store
from station.store.outbox import audit, enqueue_event, utcnow_iso
from station.store.uow import StationStore, as_store

# A parcel put on another manifest between a scan's read and its write: the database's
# one-manifest rule answers, through SQLAlchemy or (the store's fixed SQL) sqlite3 itself.
TAKEN = (IntegrityError, sqlite3.IntegrityError)

_TRACKING = re.compile(r"^[0-9A-Za-z\-]{4,64}$")


@dataclass(frozen=True)
class CarrierPickup:
    """A carrier on the handover screen: parcels waiting and its open manifests."""

    code: str
    name: str
    name_zh: str | None
    waiting: int
    open_manifests: tuple[str, ...]


@dataclass(frozen=True)
class CloseResult:
    verdict: Verdict
    manifest: Manifest


@dataclass(frozen=True)
class PrintOutcome:
    """Where the A4 PDF went and whether the thermal slip printed."""

    pdf_path: Path | None
    thermal_printed: bool
    message: str


class HandoverService:
    def __init__(
        self,
        store: StationStore | Engine,
        station_id: str,
        warehouse: str,
        *,
        printer: Printer | None = None,
        printer_language: str = "zpl",
        pdf_folder: Path | None = None,
        dpi: int = 203,
        reweigh: Tolerance | None = None,
        bag_tare_g: int = 300,
    ) -> None:
        self.store = as_store(store)
        self.station_id = station_id
        self.warehouse = warehouse
        self.printer = printer
        self.printer_language = printer_language
        self.pdf_folder = pdf_folder
        self.dpi = dpi
        self.reweigh = reweigh  # None: no re-weighing at the handover
        self.bag_tare_g = bag_tare_g

    # ------------------------------------------------------------------ reads
    def pickups(self, by: str | None) -> list[CarrierPickup]:
        """Every carrier with its waiting parcels and open manifests (the screen's list)."""
        with self.store.transaction(immediate=False) as conn:
            require_lead(conn, by)
            heads = store.open_heads(conn)
            rows = store.carriers(conn)
            return [
                CarrierPickup(
                    r.code, r.name, r.name_zh,
                    parcel_reads.waiting_count(conn, r.code, self.warehouse),
                    tuple(h.manifest_id for h in heads if h.carrier == r.code),
                )
                for r in rows
            ]

    def manifest(self, manifest_id: str) -> Manifest:
        """A manifest with its scanned parcels and (while open) the ones still missing."""
        with self.store.transaction(immediate=False) as conn:
            return self._manifest(conn, manifest_id)

    def _manifest(self, conn: Connection, manifest_id: str) -> Manifest:
        head = store.head(conn, manifest_id)
        if head is None:
            raise InvalidInput("There is no manifest {manifest}.", manifest=manifest_id)
        scanned = tuple(store.lines(conn, manifest_id))
        waiting: tuple[ManifestLine, ...] = ()
        if head.is_open:
            waiting = tuple(parcel_reads.waiting_parcels(
                conn, head.carrier, head.warehouse))
        return Manifest(head, scanned, waiting)

    def open_manifests(self) -> list[ManifestHead]:
        with self.store.transaction(immediate=False) as conn:
            return store.open_heads(conn)

    # ------------------------------------------------------------------ writes
    def open(self, by: str | None, carrier: str, pickup: str = "") -> Manifest:
        """Open a manifest for ``carrier``'s ``pickup``: the open one of that pickup if any,
        and with no pickup given, the carrier's latest open one (so a restart resumes it)."""
        pickup = pickup.strip()[:100]
        with self.store.transaction() as conn:
            lead = require_lead(conn, by)
            if not any(r.code == carrier for r in store.carriers(conn)):
                raise InvalidInput("Carrier {carrier} is not known at this station.",
                                   carrier=carrier)
            mine = [h for h in store.open_heads(conn) if h.carrier == carrier]
            for h in mine:
                if h.pickup == pickup:
                    return self._manifest(conn, h.manifest_id)
            if mine and not pickup:  # after a restart: carry on with the carrier's open one
                return self._manifest(conn, mine[-1].manifest_id)
            now = utcnow_iso()
            manifest_id = store.next_manifest_id(
                conn, self.station_id, datetime.now(UTC).strftime("%Y%m%d"))
            store.insert_head(conn, manifest_id, carrier, pickup, self.warehouse,
                              self.station_id, lead, now)
            audit(conn, "manifest_opened", lead, manifest_id, carrier=carrier, pickup=pickup)
            return self._manifest(conn, manifest_id)

    def scan(self, by: str | None, manifest_id: str, raw: str, *,
             out_of_bag: bool = False, weight_g: int | None = None) -> Verdict:
        """One parcel the driver takes, or a bag step (a bag tag, ``SEAL:<number>``, a parcel
        into the open bag or, ``out_of_bag``, out of it: see ``station/services/bagging.py``).
        Committed (or refused and audited) before it returns."""
        number = raw.strip().upper()  # a wedge with Caps Lock on sends lower case
        sealing, bag = number.startswith(bagging.SEAL_PREFIX), bagging.is_bag(number)
        if not (sealing or bag or _TRACKING.match(number)):
            return stop("handover_bad_scan",
                        "That is not a tracking number. Scan the barcode of the parcel's label.",
                        Sound.UNKNOWN_PARCEL)
        with self.store.transaction() as conn:
            lead = require_lead(conn, by)
            head = _head(conn, manifest_id)
            if (sealing or bag) and not head.is_open:
                return stop("handover_manifest_closed",
                            "Manifest {manifest} is closed. A lead reopens it to add parcels.",
                            Sound.ERROR, manifest=manifest_id)
            if sealing:
                return bagging.seal(conn, lead, head, number)
            if bag:
                return bagging.scan_bag(conn, lead, head, self.warehouse, number, lambda: (
                    self._reweigh(conn, lead, manifest_id, number, weight_g)))
            facts = parcel_reads.parcel_facts(conn, number)
            if out_of_bag:
                return bagging.out_of_bag(conn, lead, head, facts)
            # Expected vs scanned is the screen's read after the commit (O(waiting)); the
            # verdict, and its sound, must not wait for it.
            verdict = judge_scan(head, facts, self.warehouse, store.count(conn, manifest_id))
            if verdict.code != "handover_accepted":
                audit(conn, "handover_refused", lead, manifest_id, tracking=number,
                      code=verdict.code, order=facts.order_id or facts.voided_order)
                return verdict
            assert facts.parcel_id is not None
            in_bag = bag_store.bag_of_parcel(conn, facts.parcel_id)
            filling = bag_store.open_bag_of(conn, head.carrier)
            if filling is not None and in_bag in (None, filling):
                return bagging.into_bag(conn, lead, filling, facts)
            if in_bag is not None:  # goes with its bag: one scan of the bag hands it over
                return needs_action("handover_in_bag", "{tracking} is in bag {bag}: scan the "
                                    "bag when the driver takes it.", Sound.SCANNED_TWICE,
                                    tracking=number, bag=in_bag)
            refused = self._reweigh(conn, lead, manifest_id, number, weight_g, facts.weight_g)
            if refused is not None:
                return refused
            try:
                with conn.begin_nested():
                    store.add_line(conn, manifest_id, number, facts.parcel_id, facts.weight_g,
                                   lead, utcnow_iso())
            except TAKEN:  # put on another manifest between our read and write
                return stop("handover_on_other_manifest",
                            "{tracking} is on open manifest {manifest} already. Take it back.",
                            Sound.ALREADY_SHIPPED, tracking=number, manifest="—")
            enqueue_event(conn, EventKind.HANDOVER_SCANNED, HandoverScanned(
                manifest_id=manifest_id, carrier=head.carrier, tracking_number=number,
            ), order_id=facts.order_id)
            return verdict

    def _reweigh(self, conn: Connection, lead: str, manifest_id: str, code: str,
                 weight_g: int | None, packed_g: int | None = None) -> Verdict | None:
        """Re-weighing at the handover: None when it passes (or is off). ``packed_g`` None
        with a bag code: the bag's parcels plus the bag's tare."""
        if self.reweigh is None:
            return None
        if weight_g is None:
            return needs_action("reweigh_needed", "Put {code} on the scale: parcels are "
                                "re-weighed at the handover.", Sound.PROMPT, code=code)
        tare = 0
        if packed_g is None:  # a bag: the sum of what went in, plus the bag itself
            packed_g = bag_store.packed_weight(conn, code)
            tare = self.bag_tare_g
        if packed_g is None or packed_g <= 0:
            return None  # nothing was weighed at packing: nothing to compare
        check = check_weight(packed_g, weight_g, self.reweigh)
        if check.within or 0 <= weight_g - packed_g <= tare + check.allowed_g:
            return None
        audit(conn, "handover_refused", lead, manifest_id, tracking=code,
              code="reweigh_mismatch", weight_g=weight_g, packed_g=packed_g)
        return stop("reweigh_mismatch", "{code} weighs {actual} g now but {packed} g when "
                    "packed: it must not go before a lead checks it.", Sound.ORDER_STOPPED,
                    code=code, actual=weight_g, packed=packed_g + tare)

    def close(self, by: str | None, manifest_id: str) -> CloseResult:
        """Close the manifest: parcels shipped, ``manifest_closed`` queued, all in one commit.

        Works offline: the event waits in the outbox and reaches central once.
        """
        with self.store.transaction() as conn:
            lead = require_lead(conn, by)
            head = _head(conn, manifest_id)
            if not head.is_open:
                return CloseResult(
                    stop("manifest_already_closed", "Manifest {manifest} is already closed.",
                         Sound.ERROR, manifest=manifest_id),
                    self._manifest(conn, manifest_id))
            # An order stopped after its parcel was scanned must not ship: off the manifest.
            held = store.remove_stopped(conn, manifest_id)
            if held:
                audit(conn, "handover_held_back", lead, manifest_id, tracking=held)
            numbers = store.tracking_numbers(conn, manifest_id)
            if not numbers:
                return CloseResult(
                    stop("manifest_empty", "Scan at least one parcel before closing {manifest}.",
                         Sound.ERROR, manifest=manifest_id),
                    self._manifest(conn, manifest_id))
            left = [line.tracking_number for line in parcel_reads.waiting_parcels(
                conn, head.carrier, head.warehouse) if line.tracking_number not in numbers]
            missing = len(left)
            at = utcnow_iso()
            parcel_reads.mark_shipped(conn, manifest_id)
            store.set_closed(conn, manifest_id, lead, at)
            enqueue_event(conn, EventKind.MANIFEST_CLOSED, ManifestClosed(
                manifest_id=manifest_id, carrier=head.carrier, closed_by=lead,
                tracking_numbers=numbers,
            ))
            # The parcels left behind are kept with the close: the A4 sheet and the slip,
            # printed after it, list them (they always said "Missing 0").
            audit(conn, "manifest_closed", lead, manifest_id, carrier=head.carrier,
                  parcels=len(numbers), missing=missing, missing_numbers=left,
                  reopened=head.reopened)
            manifest = Manifest(ManifestHead(
                head.manifest_id, head.carrier, head.pickup, head.warehouse,
                ManifestStatus.CLOSED, head.opened_by, head.opened_at, lead, at, head.reopened,
            ), tuple(store.lines(conn, manifest_id)), tuple(
                parcel_reads.waiting_parcels(conn, head.carrier, head.warehouse)))
        if held:
            return CloseResult(needs_action(
                "manifest_closed_held_back",
                "Manifest {manifest} closed: {scanned} parcels shipped. Take back {held}: "
                "the order was stopped after the scan.", Sound.ORDER_STOPPED,
                manifest=manifest_id, scanned=len(numbers), held=", ".join(held)), manifest)
        verdict = ok("manifest_closed",
                     "Manifest {manifest} closed: {scanned} parcels shipped, {missing} missing.",
                     Sound.DONE, manifest=manifest_id, scanned=len(numbers), missing=missing)
        return CloseResult(verdict, manifest)

    def reopen(self, by: str | None, manifest_id: str, reason: str) -> Verdict:
        """A lead reopens a closed manifest (audited); its parcels count as not shipped until
        it is closed again, which sends central the full manifest once more."""
        reason = reason.strip()
        if not reason:
            raise InvalidInput("Give a reason to reopen a manifest.")
        with self.store.transaction() as conn:
            lead = require_lead(conn, by)
            head = _head(conn, manifest_id)
            if head.is_open:
                return stop("manifest_already_open", "Manifest {manifest} is open already.",
                            Sound.ERROR, manifest=manifest_id)
            parcel_reads.unmark_shipped(conn, manifest_id)
            store.set_reopened(conn, manifest_id)
            audit(conn, "manifest_reopened", lead, manifest_id, reason=reason[:500])
        return ok("manifest_reopened", "Manifest {manifest} reopened by {lead}.", Sound.PROMPT,
                  manifest=manifest_id, lead=lead)

    # ------------------------------------------------------------------ signature
    def sign(self, by: str | None, manifest_id: str, driver: str, png: bytes,
             language: str = "en") -> Verdict:
        """The driver signs a closed manifest on the bench's screen: the picture is kept
        beside the manifests (its SHA-256 in the audit trail) and the A4 sheet is written
        again with it in the driver's box."""
        import hashlib

        driver = " ".join(driver.split())[:60]
        if not driver:
            raise InvalidInput("Type the driver's name with the signature.")
        if not png.startswith(b"\x89PNG") or len(png) > 2_000_000:
            raise InvalidInput("The signature picture is not a PNG image.")
        if self.pdf_folder is None:
            raise InvalidInput("This station keeps no manifest sheets (no manifests folder).")
        with self.store.transaction() as conn:
            lead = require_lead(conn, by)
            head = _head(conn, manifest_id)
            if head.is_open:
                return needs_action("sign_after_close", "Close manifest {manifest} first; the "
                                    "driver signs what was handed over.", Sound.ERROR,
                                    manifest=manifest_id)
            self.pdf_folder.mkdir(parents=True, exist_ok=True)
            path = self.pdf_folder / f"{manifest_id}-signature.png"
            tmp = path.with_suffix(".png.part")
            tmp.write_bytes(png)
            tmp.replace(path)
            (self.pdf_folder / f"{manifest_id}-signature.txt").write_text(driver,
                                                                       encoding="utf-8")
            audit(conn, "manifest_signed", lead, manifest_id, driver=driver,
                  sha256=hashlib.sha256(png).hexdigest())
        self.print_manifest(manifest_id, language, thermal=False)
        return ok("manifest_signed", "Manifest {manifest} signed by {driver}.", Sound.DONE,
                  manifest=manifest_id, driver=driver)

    def _signature(self, manifest_id: str) -> tuple[bytes, str]:
        if self.pdf_folder is None:
            return b"", ""
        png = self.pdf_folder / f"{manifest_id}-signature.png"
        name = self.pdf_folder / f"{manifest_id}-signature.txt"
        if not png.is_file():
            return b"", ""
        return png.read_bytes(), name.read_text(encoding="utf-8") if name.is_file() else ""

    # ------------------------------------------------------------------ print
    def print_manifest(self, manifest_id: str, language: str = "en",
                       thermal: bool = True) -> PrintOutcome:
        """The A4 PDF (written to the manifests folder) and the thermal slip of a closed
        manifest, with counts, tracking numbers, weights and the signature lines."""
        from station.labels.api import render_label
        from station.labels.data import ManifestData, ManifestParcel

        with self.store.transaction(immediate=False) as conn:
            manifest = self._manifest(conn, manifest_id)
            people = store.recipients(conn, manifest_id)
            bags = bag_store.on_manifest(conn, manifest_id)
            bag_of = {n: code for code, _seal, _n in bags for n in bag_store.content(conn, code)}
            left = _missing_at_close(conn, manifest_id) if not manifest.head.is_open else None
            carrier = label_store.carrier(conn, manifest.carrier)
        closed = manifest.head.closed_at or utcnow_iso()
        signature, signed_by = self._signature(manifest_id)
        data = ManifestData(
            manifest_id=manifest_id, carrier=carrier, warehouse=manifest.head.warehouse,
            closed_at=datetime.fromisoformat(closed),
            parcels=[ManifestParcel(
                tracking_number=line.tracking_number, order_id=line.order_id,
                recipient=str(people.get(line.tracking_number, {}).get("name", "")),
                city=str(people.get(line.tracking_number, {}).get("city", "")),
                weight_g=line.weight_g or 0, bag=bag_of.get(line.tracking_number, ""),
            ) for line in manifest.scanned],
            bags=tuple(_("{bag} · seal {seal} · {n} parcels").format(
                bag=code, seal=seal or "—", n=n) for code, seal, n in bags),
            signature_png=signature, signed_by=signed_by,
            expected=len(manifest.scanned) + len(left) if left is not None else manifest.expected,
            missing=tuple(left) if left is not None else tuple(
                line.tracking_number for line in manifest.missing),
        )
        pdf_path = None
        if self.pdf_folder is not None:
            pdf = render_label("manifest_a4", data, language, self.dpi, printer_language="pdf")
            self.pdf_folder.mkdir(parents=True, exist_ok=True)
            pdf_path = self.pdf_folder / f"{manifest_id}.pdf"
            tmp = pdf_path.with_suffix(".pdf.part")
            tmp.write_bytes(pdf)
            tmp.replace(pdf_path)  # never a half-written sheet under the real name
        if not thermal:
            return PrintOutcome(pdf_path, False, "")
        if self.printer is None:
            return PrintOutcome(pdf_path, False, _("No thermal printer is set up."))
        job = render_label("manifest_100x150", data, language, self.dpi,
                           printer_language=self.printer_language)
        result = self.printer.send(PrintJob(job, self.printer_language, f"manifest {manifest_id}"))
        return PrintOutcome(pdf_path, result.ok, result.message)


def _missing_at_close(conn: Connection, manifest_id: str) -> list[str] | None:
    """The parcels the driver did not take, as recorded when the manifest closed."""
    detail = store.close_detail(conn, manifest_id)
    if detail is None:
        return None
    numbers = json.loads(detail).get("missing_numbers")
    return [str(n) for n in numbers] if isinstance(numbers, list) else None


def _head(conn: Connection, manifest_id: str) -> ManifestHead:
    head = store.head(conn, manifest_id)
    if head is None:
        raise InvalidInput("There is no manifest {manifest}.", manifest=manifest_id)
    return head
