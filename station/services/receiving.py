"""Receiving at the bench: open an inbound notice by scan, count units per SKU against it,
record over / under / unknown items, print SKU labels for items without a usable barcode, scan
the put-away location per SKU, and send the receipt to central (which updates stock).

Every accepted scan is committed with its audit row before its verdict is returned; closing
commits the ``receipt`` outbox event in the same transaction, with an idempotency key made from
the receipt id, so central adds the units to stock exactly once however often it is sent.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from typing import Any

from contract import (
    EventKind,
    InboundNotice,
    ReceiptPosted,
    ReceivedLine,
    ReceivedLot,
    UnknownItem,
)
from station.devices import Printer, PrintJob
from station.domain.model import Permission
from station.domain.receiving import Outcome, Receipt
from station.domain.verdict import Sound, Verdict, needs_action, ok, stop
from station.scan import ScanError, code_spellings, parse_scan
from station.services.inbound import (
    LOCATION_PREFIX,
    BenchUseCases,
    central_verdict,
    shaped_like,
)
from station.services.inbound_views import QcView, ReceiptLineView, ReceivingView
from station.services.qc_release import START as QC_START
from station.services.qc_release import QcDesk
from station.store import inbound_store as store
from station.store.outbox import audit, enqueue_event
from station.sync.errors import CentralError

MAX_LABELS = 200  # one job never prints more SKU labels than this


class ReceivingService(BenchUseCases):
    receipt: Receipt | None = None
    _pk: int | None = None
    # (sku, units, raw) of a lot-tracked item scanned without its lot: the next scan is it
    pending_lot: tuple[str, int, str] | None = None
    # the open receipt's own barcodes (code -> sku, units) and its last fact's sequence
    # number: a counted unit is resolved and written in one short transaction
    _codes: dict[str, tuple[str, int]] = {}  # noqa: RUF012 (replaced, never mutated)
    _seq: int = 0
    qc: QcDesk | None = None  # releases from a QC hold, on this screen between receipts

    # ------------------------------------------------------------------ resume / open
    def resume(self) -> Receipt | None:
        """Rebuild this station's open receipt from the store (after a restart)."""

        def load() -> tuple[int, Receipt] | None:
            found = store.open_receipt(self._conn, self.station_id)
            if found is None:
                return None
            pk, receipt_id, _notice, notice_json = found
            receipt = _receipt(receipt_id, InboundNotice.model_validate_json(notice_json))
            self._prepare(receipt, store.last_receipt_seq(self._conn, pk))
            for fact in store.receipt_facts(self._conn, pk):
                receipt.apply(fact)
            return pk, receipt

        loaded = self._tx(load)
        self._pk, self.receipt = loaded if loaded else (None, None)
        return self.receipt

    def fetch_notice(self, code: str) -> InboundNotice | Verdict:
        """Ask central for notice ``code`` (network only: run it off the store lane)."""
        self._require(Permission.RECEIVE, "receive goods")
        if self.client is None:
            return stop("no_central", "This station has no central connection set up, so "
                        "notices cannot be opened.")
        try:
            return self.client.claim_inbound_notice(code)
        except CentralError as exc:
            return central_verdict(exc, code)

    def open_notice(self, code: str, fetched: InboundNotice | Verdict) -> Verdict:
        """Start counting the fetched notice (or show why it cannot be opened)."""
        who = self._require(Permission.RECEIVE, "receive goods")
        if self.receipt is not None and not self.receipt.finished:
            if code == self.receipt.notice_id:
                return ok("notice_open", "Notice {notice} is already open: keep counting.",
                          notice=code)
            return stop("receipt_open", "Close receipt {notice} before opening another.",
                        notice=self.receipt.notice_id)
        if isinstance(fetched, Verdict):
            return fetched
        notice = fetched

        def record() -> tuple[int, Receipt] | None:
            if store.receipt_done(self._conn, notice.notice_id):
                return None
            receipt_id = uuid.uuid4().hex
            pk = store.insert_receipt(self._conn, receipt_id, notice.notice_id,
                                      self.station_id, who.badge, notice.model_dump_json())
            audit(self._conn, "receipt_opened", who.badge, notice.notice_id,
                  receipt_id=receipt_id)
            receipt = _receipt(receipt_id, notice)
            self._prepare(receipt, 0)
            return pk, receipt

        opened = self._tx(record)
        if opened is None:
            return stop("already_received", "{what} was already received. Nothing is counted "
                        "twice.", what=notice.notice_id)
        self._pk, self.receipt = opened
        units = sum(opened[1].expected.values())
        return needs_action("notice_opened", "Notice {notice} open: {units} units of {skus} "
                            "SKUs. Scan the items.", notice=notice.notice_id, units=units,
                            skus=len(opened[1].expected))

    def _prepare(self, receipt: Receipt, seq: int) -> None:
        """What an open receipt keeps at hand, read once (in the caller's transaction): each
        SKU's last bin, the lot-tracked SKUs, its own barcodes, its last fact's number."""
        skus = list(receipt.expected)
        receipt.suggested = store.last_bins(self._conn, skus)
        receipt.lot_skus = store.lot_skus(self._conn, skus)
        self._codes = store.receipt_codes(self._conn, skus)
        self._seq = seq

    # ------------------------------------------------------------------ scanning
    def scan(self, raw: str) -> Verdict:
        """An item, SKU label, location or command scanned while a receipt is open."""
        who = self._require(Permission.RECEIVE, "receive goods")
        receipt = self.receipt
        command = raw.strip().upper()
        idle = receipt is None or receipt.finished
        if self.qc is not None and (self.qc.active or (idle and command == QC_START)):
            return self.qc.scan(raw)
        if command == QC_START and receipt is not None:
            return needs_action("receipt_open", "Close receipt {notice} before a QC release.",
                                notice=receipt.notice_id)
        if receipt is None or receipt.finished:
            return needs_action("scan_notice", "Scan an inbound notice to start receiving.")
        pending, self.pending_lot = self.pending_lot, None
        if pending is not None and command == "CMD:CANCEL":
            return ok("lot_cancelled", "The unit of {sku} is not counted: scan it again with "
                      "its lot.", sku=pending[0])
        if command in ("CMD:CLOSE", "CMD:CONFIRM"):
            return self.finish()
        if command.startswith("CMD:"):
            return needs_action("command_not_here", "That command does nothing while "
                                "receiving.")
        try:
            parsed = parse_scan(raw)
        except ScanError as exc:
            return stop(exc.code, exc.text, **exc.params)
        code = parsed.text.strip()
        if pending is not None and not code.upper().startswith(LOCATION_PREFIX):
            return self._lot_scanned(who.badge, receipt, pending, parsed, code)
        if code == receipt.notice_id:  # the notice scanned twice: nothing to count
            return ok("notice_open", "Notice {notice} is already open: keep counting.",
                      notice=code)
        if code.upper().startswith(LOCATION_PREFIX):
            loc = code[len(LOCATION_PREFIX):]
            return self._record(who.badge, receipt.put_away(loc, self._tx(
                lambda: store.location_kind(self._conn, loc))))
        spellings = code_spellings(parsed)

        def resolve() -> tuple[str, str | int | None]:
            kind = store.location_kind(self._conn, code)
            if kind is not None:
                return "location", kind
            hit = store.sku_of_spellings(self._conn, spellings)
            if hit is not None:
                return hit
            if store.operator_role(self._conn, code) is not None:
                return "badge", None
            return "", None

        known = next((self._codes[c] for c in spellings if c in self._codes), None)
        what, extra = known if known is not None else self._tx(resolve)
        if what == "location":
            return self._record(who.badge, receipt.put_away(code, str(extra)))
        if what == "badge":  # not goods: nothing recorded
            return needs_action("badge_not_here", "A badge does nothing while receiving: lock "
                                "the station to change who is logged in.")
        if what:
            gs1 = parsed.gs1
            lot = gs1.lot if gs1 is not None else None
            expiry = gs1.expiry.isoformat() if gs1 is not None and gs1.expiry else None
            verdict = self._record(who.badge, receipt.count(what, int(extra or 1), raw, lot,
                                                            expiry))
            if verdict.code == "scan_lot":  # the next scan is the lot of these units
                self.pending_lot = (what, int(extra or 1), raw)
            return verdict
        if shaped_like(code, receipt.notice_id):
            # another notice's barcode: not goods, so no "unknown item" goes to the WMS
            return needs_action("notice_still_open", "Notice {notice} is still open: close it "
                                "(CLOSE) before receiving {code}.", Sound.ERROR,
                                notice=receipt.notice_id, code=code)
        return self._record(who.badge, receipt.unknown_item(code))

    def _lot_scanned(self, badge: str, receipt: Receipt, pending: tuple[str, int, str],
                     parsed: Any, code: str) -> Verdict:
        """The lot of the units scanned before: the lot of a GS1 code (with its expiry),
        or the printed lot text."""
        sku, units, raw = pending
        gs1 = parsed.gs1
        lot = gs1.lot if gs1 is not None and gs1.lot else code
        expiry = gs1.expiry.isoformat() if gs1 is not None and gs1.expiry else None
        if not lot or len(lot) > 64:
            self.pending_lot = pending
            return stop("bad_lot", "That is not a lot: scan the lot printed on the pack of "
                        "{sku}, or CANCEL.", Sound.ERROR, sku=sku)
        return self._record(badge, receipt.count(sku, units, raw, lot, expiry))

    def finish(self) -> Verdict:
        """Close the receipt and queue it for central (stock by location, discrepancies)."""
        who = self._require(Permission.RECEIVE, "receive goods")
        receipt = self.receipt
        if receipt is None:
            return needs_action("scan_notice", "Scan an inbound notice to start receiving.")
        outcome = receipt.finish()
        if not outcome.facts:
            return outcome.verdict
        payload = ReceiptPosted(
            receipt_id=receipt.receipt_id, notice_id=receipt.notice_id, operator=who.badge,
            lines=_received_lines(receipt) + [
                ReceivedLine(sku=sku, expected=0, received=0, over=n)
                for sku, n in receipt.over.items() if sku not in receipt.expected
            ],
            unknown=[UnknownItem(code=c, quantity=n) for c, n in receipt.unknown.items()],
        )

        def queue() -> None:
            enqueue_event(self._conn, EventKind.RECEIPT, payload,
                          key=f"receipt-{receipt.receipt_id}")
            audit(self._conn, "receipt_closed", who.badge, receipt.notice_id,
                  discrepancies=[(str(d.kind), d.item, d.quantity)
                                 for d in receipt.discrepancies()])

        return self._record(who.badge, outcome, queue)

    def _record(self, badge: str, outcome: Outcome, also: object = None) -> Verdict:
        receipt, pk = self.receipt, self._pk
        if not outcome.facts or receipt is None or pk is None:
            return outcome.verdict

        def write() -> None:
            store.add_receipt_facts(self._conn, pk, outcome.facts, badge, self._seq)
            for fact in outcome.facts:
                if fact.type != "counted":  # counts are in receipt_scans; audit the rest
                    audit(self._conn, f"receipt_{fact.type}", badge, receipt.notice_id,
                          **store.fact_dict(fact))
            if callable(also):
                also()

        self._tx(write)
        self._seq += len(outcome.facts)
        for fact in outcome.facts:  # only after the commit: the screen never shows more
            receipt.apply(fact)
        return outcome.verdict

    # ------------------------------------------------------------------ view, labels
    def view(self) -> ReceivingView:
        receipt = self.receipt
        release = self.qc.release if self.qc is not None else None
        if release is not None:
            return ReceivingView(qc=QcView(release.hold, release.pending, release.passed,
                                           release.failed))
        if receipt is None:
            return ReceivingView()
        codes = list(receipt.expected)

        def read() -> tuple[dict[str, tuple[str, str | None]], set[str]]:
            return (store.product_names(self._conn, codes),
                    store.without_unit_barcode(self._conn, codes))

        names, no_barcode = self._tx(read)
        lines = tuple(
            ReceiptLineView(
                sku=sku, name=names.get(sku, (sku, None))[0], name_zh=names.get(sku, ("", None))[1],
                expected=want, counted=receipt.counted.get(sku, 0),
                over=receipt.over.get(sku, 0), location=receipt.location.get(sku),
                needs_label=sku in no_barcode,
            )
            for sku, want in receipt.expected.items()
        )
        return ReceivingView(receipt.notice_id, lines, tuple(receipt.discrepancies()),
                             receipt.current, receipt.finished)

    def sku_label_jobs(self, language: str = "en", printer_language: str = "zpl",
                       dpi: int = 203) -> list[tuple[str, int, PrintJob]]:
        """One job per SKU of the open notice without a usable barcode: a label per unit."""
        from contract import Product
        from station.labels.api import render_label
        from station.labels.data import SkuLabelData

        receipt = self.receipt
        if receipt is None:
            return []
        codes = list(receipt.expected)
        names = self._tx(lambda: store.product_names(self._conn, codes))
        wanted = self._tx(lambda: store.without_unit_barcode(self._conn, codes))
        now = datetime.now(UTC)
        jobs = []
        for sku in codes:
            if sku not in wanted:
                continue
            copies = min(receipt.expected[sku], MAX_LABELS)
            name, name_zh = names.get(sku, (sku, None))
            product = Product(sku=sku, name=name, name_zh=name_zh, unit_weight_g=0,
                              length_mm=0, width_mm=0, height_mm=0)
            one = render_label(
                "sku_50x30",
                SkuLabelData(product=product, quantity=1, receipt=receipt.notice_id,
                             printed_at=now, location=receipt.location.get(sku)),
                language=language, dpi=dpi, printer_language=printer_language,
            )
            jobs.append((sku, copies, PrintJob(one * copies, printer_language,
                                               f"SKU labels {sku} x{copies}")))
        return jobs

    def print_sku_labels(
        self, printer: Printer | None, language: str = "en", printer_language: str = "zpl"
    ) -> tuple[Verdict, list[tuple[str, int]]]:
        """Print the SKU labels of the open notice (print lane); returns what printed."""
        self._require(Permission.RECEIVE, "receive goods")
        if printer is None:
            return stop("no_printer", "No label printer is set up at this bench."), []
        jobs = self.sku_label_jobs(language, printer_language)
        if not jobs:
            return ok("labels_not_needed", "Every item of this notice has a usable barcode."), []
        printed: list[tuple[str, int]] = []
        for sku, copies, job in jobs:
            result = printer.send(job)
            if not result.ok:
                return stop("labels_not_printed", "SKU labels of {sku} did NOT print: {message}",
                            sku=sku, message=result.message), printed
            printed.append((sku, copies))
        return ok("labels_printed", "{n} SKU labels printed: stick one on each unit, then scan "
                  "it.", Sound.DONE, n=sum(c for _, c in printed)), printed

    def labels_printed(self, printed: list[tuple[str, int]]) -> None:
        """Audit the SKU labels that printed (store lane, after the print lane's answer)."""
        who = self._require(Permission.RECEIVE, "receive goods")
        receipt = self.receipt
        if receipt is None or not printed:
            return
        self._tx(lambda: audit(self._conn, "sku_labels_printed", who.badge, receipt.notice_id,
                               labels=json.dumps(printed)))


def _receipt(receipt_id: str, notice: InboundNotice) -> Receipt:
    expected: dict[str, int] = {}
    for line in notice.lines:
        expected[line.sku] = expected.get(line.sku, 0) + line.quantity
    return Receipt(receipt_id, notice.notice_id, expected)


def _received_lines(receipt: Receipt) -> list[ReceivedLine]:
    """One line per SKU and bin with the units put there (14 mugs to A-01-01 and 10 to
    A-01-02 are two lines: they were one line with 24 to the last bin). The notice's quantity
    and the over-delivery go on the SKU's first line; a SKU with nothing counted keeps one
    line (its shortfall)."""
    lines: list[ReceivedLine] = []
    placed = receipt.put_away_lines()
    for sku, want in receipt.expected.items():
        mine = [(loc, n) for s, loc, n in placed if s == sku] or [(None, 0)]
        lots = [ReceivedLot(lot=lot, expiry=date.fromisoformat(exp) if exp else None,
                            quantity=n)
                for (s, lot, exp), n in receipt.lots.items() if s == sku and n]
        for i, (loc, units) in enumerate(mine):
            lines.append(ReceivedLine(
                sku=sku, expected=want if i == 0 else 0, received=units,
                over=receipt.over.get(sku, 0) if i == 0 else 0, location=loc,
                lots=lots if i == 0 else []))
    return lines
