"""Returns / after-sales at the bench: open by tracking number, order or RMA; pick the items,
their reason and condition; restock to a bin or quarantine; record the seller's refund or
exchange decision (a lead's call); print a return label when asked; send it to central.

Central decides whether a return may be opened (shipped, by this warehouse); offline the bench
falls back to its own copy of the order, which only says "shipped" once central said so. Every
accepted action is committed with its audit row before its verdict; closing commits the
``return`` outbox event, keyed by the return id, in the same transaction.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from contract import (
    EventKind,
    ParcelItem,
    ReturnCheck,
    ReturnPosted,
)
from station.devices import Printer, PrintJob
from station.domain.model import Permission, Role
from station.domain.returns import (
    CONDITIONS,
    DECISIONS,
    REASONS,
    Return,
    ReturnFact,
    ReturnFactType,
    ReturnOutcome,
)
from station.domain.verdict import Sound, Verdict, needs_action, ok, stop
from station.scan import ScanError, code_spellings, parse_scan
from station.services.inbound import (
    LOCATION_PREFIX,
    BenchUseCases,
    central_verdict,
    shaped_like,
)
from station.services.inbound_views import ReturnView
from station.services.return_photo import ReturnCamera, take_photo
from station.store import inbound_store
from station.store import inbound_store as store
from station.store.outbox import audit, enqueue_event
from station.store.pool import PoolError, TrackingPool
from station.store.return_labels import carrier_and_order
from station.sync.errors import CentralError, CentralUnavailable


class ReturnsService(BenchUseCases):
    ret: Return | None = None
    _pk: int | None = None
    _carrier: str | None = None
    pending_decision: str | None = None  # waits for a lead's badge
    camera: ReturnCamera | None = None  # the bench camera: CMD:PHOTO of what came back

    # ------------------------------------------------------------------ resume / open
    def resume(self) -> Return | None:
        """Rebuild this station's open return from the store (after a restart)."""

        def load() -> tuple[int, Return, str] | None:
            found = store.open_return(self._conn, self.station_id)
            if found is None:
                return None
            pk, return_id, check_json = found
            check = ReturnCheck.model_validate_json(check_json)
            ret = self._new(return_id, check)
            for fact in store.return_facts(self._conn, pk):
                ret.apply(fact)
            return pk, ret, check.carrier

        loaded = self._tx(load)
        if loaded is None:
            self._pk, self.ret, self._carrier = None, None, None
        else:
            self._pk, self.ret, self._carrier = loaded
        return self.ret

    def fetch(self, code: str) -> ReturnCheck | Verdict:
        """Ask central whether ``code`` may be returned (network: off the store lane).

        Offline, a copy of the order that central already marked shipped is enough.
        """
        self._require(Permission.PROCESS_RETURN, "process returns")
        if self.client is not None:
            try:
                return self.client.return_check(code)
            except CentralUnavailable as exc:
                offline: CentralError = exc
            except CentralError as exc:
                return central_verdict(exc, code)
        else:
            offline = CentralUnavailable("no central connection")
        local = self._tx(lambda: inbound_store.local_return_check(self._conn, code))
        if local is None:
            return central_verdict(offline, code)
        if isinstance(local, str):
            return stop("not_shipped", "{what} has not shipped: it cannot be returned.",
                        what=code)
        return local

    def open(self, code: str, fetched: ReturnCheck | Verdict) -> Verdict:
        """Start the return of the fetched order (or show why it cannot be)."""
        who = self._require(Permission.PROCESS_RETURN, "process returns")
        if self.ret is not None and not self.ret.finished:
            if code in (self.ret.order_id, self.ret.tracking_number, self.ret.rma):
                return ok("return_open", "The return of order {order} is already open.",
                          order=self.ret.order_id)
            return stop("return_open_other", "Close the return of order {order} before "
                        "opening another.", order=self.ret.order_id)
        if isinstance(fetched, Verdict):
            return fetched
        check = fetched.model_copy(update={"tracking_numbers": fetched.tracking_numbers[:20]})
        tracking = code if code in check.tracking_numbers else None

        def record() -> tuple[int, Return] | None:
            # Returns closed here but not yet known to central count as returned too.
            here = store.returned_here(self._conn, check.order_id)
            merged = _merge_returned(check.returned, here)
            opened = check.model_copy(update={"returned": merged})
            return_id = uuid.uuid4().hex
            ret = self._new(return_id, opened, tracking)
            if not any(ret.returnable.values()):
                return None
            pk = store.insert_return(self._conn, return_id, check.order_id, self.station_id,
                                     who.badge, opened.model_dump_json())
            audit(self._conn, "return_opened", who.badge, check.order_id, return_id=return_id,
                  code=code)
            return pk, ret

        done = self._tx(record)
        if done is None:
            return stop("already_returned", "Every unit of order {order} was already "
                        "returned. Nothing is counted twice.", order=check.order_id)
        self._pk, self.ret = done
        self._carrier = check.carrier
        self.pending_decision = None
        return needs_action("return_opened", "Return of order {order} open. Scan the reason, "
                            "the condition, then each item.", order=check.order_id)

    def _new(self, return_id: str, check: ReturnCheck, tracking: str | None = None) -> Return:
        shipped: dict[str, int] = {}
        for line in check.lines:
            shipped[line.sku] = shipped.get(line.sku, 0) + line.quantity
        for item in check.returned:
            shipped[item.sku] = shipped.get(item.sku, 0) - item.quantity
        return Return(return_id, check.order_id, {s: max(n, 0) for s, n in shipped.items()},
                      tracking_number=tracking or next(iter(check.tracking_numbers), None),
                      rma=check.rma)

    # ------------------------------------------------------------------ scanning
    def scan(self, raw: str) -> Verdict:
        """A command, badge, location or item scanned while a return is open."""
        who = self._require(Permission.PROCESS_RETURN, "process returns")
        ret = self.ret
        if ret is None or ret.finished:
            return needs_action("scan_return", "Scan the tracking number, order or RMA of the "
                                "returned parcel.")
        command = raw.strip().upper()
        if command.startswith("CMD:"):
            return self._command(command[4:], who.badge)
        try:
            parsed = parse_scan(raw)
        except ScanError as exc:
            return stop(exc.code, exc.text, **exc.params)
        code = parsed.text.strip()
        if code in (ret.order_id, ret.tracking_number, ret.rma):  # the parcel scanned twice
            return ok("return_open", "The return of order {order} is already open.",
                      order=ret.order_id)
        if code.upper().startswith(LOCATION_PREFIX):
            loc = code[len(LOCATION_PREFIX):]
            kind = self._tx(lambda: store.location_kind(self._conn, loc))
            return self._record(who.badge, ret.place(loc, kind))
        spellings = code_spellings(parsed)

        def resolve() -> tuple[str, str | int | None]:
            kind = store.location_kind(self._conn, code)
            if kind is not None:
                return "location", kind
            badge = store.operator_role(self._conn, code)
            if badge is not None:
                return "badge", badge[0] if badge[1] else ""
            return store.sku_of_spellings(self._conn, spellings) or ("", None)

        what, extra = self._tx(resolve)
        if what == "location":
            return self._record(who.badge, ret.place(code, str(extra)))
        if what == "badge":
            return self._lead_badge(code, str(extra))
        if what:
            return self._record(who.badge, ret.item(what, int(extra or 1), code))
        if _looks_like_parcel(code, ret.order_id) or self._tx(
                lambda: inbound_store.local_return_check(self._conn, code)) is not None:
            # another returned parcel (its tracking number, order or tote): not a product
            return needs_action("return_still_open", "The return of order {order} is still "
                                "open: close it (CLOSE), or CANCEL it if nothing of it is "
                                "recorded, before the next parcel.", Sound.ERROR,
                                order=ret.order_id)
        return stop("unknown_item", "{code} is no known product: set it aside and ask a "
                    "lead.", code=code)

    def _command(self, name: str, badge: str) -> Verdict:
        ret = self.ret
        assert ret is not None
        if name in ("CLOSE", "CONFIRM"):
            return self.finish()
        if name.startswith("REASON-") and name[7:].lower().replace("-", "_") in REASONS:
            return self._record(badge, ret.choose_reason(name[7:].lower().replace("-", "_")))
        if name.startswith("COND-") and name[5:].lower() in CONDITIONS:
            return self._record(badge, ret.choose_condition(name[5:].lower()))
        if name.startswith("GRADE-"):  # GRADE-A, GRADE-B, GRADE-C, GRADE-MISSING-PARTS
            grade = name[6:]
            grade = grade if grade in ("A", "B", "C") else grade.lower().replace("-", "_")
            return self._record(badge, ret.choose_grade(grade))
        if name.lower() in DECISIONS:
            return self.decide(name.lower())
        if name == "CANCEL" and self.pending_decision:
            self.pending_decision = None
            return ok("decision_cancelled", "Decision cancelled.")
        if name == "CANCEL":
            return self._record(badge, ret.cancel())
        if name == "PHOTO":
            return take_photo(self.store, self.camera, ret, badge)
        return needs_action("command_not_here", "That command does nothing here.")

    def decide(self, decision: str, lead_badge: str | None = None) -> Verdict:
        """Refund or exchange: recorded at once for a lead, else after a lead's badge scan."""
        who = self._require(Permission.PROCESS_RETURN, "process returns")
        ret = self.ret
        if ret is None or ret.finished:
            return needs_action("scan_return", "Scan the tracking number, order or RMA of the "
                                "returned parcel.")
        if who.may(Permission.DECIDE_RETURN):
            return self._record(who.badge, ret.decide(decision, who.badge))
        if lead_badge is not None:
            return self._lead_badge(lead_badge, None, decision)
        self.pending_decision = decision
        return needs_action("lead_needed", "{decision} is a lead's decision: a lead scans "
                            "their badge.", decision=decision)

    def _lead_badge(self, badge: str, role: str | None, decision: str | None = None) -> Verdict:
        ret = self.ret
        assert ret is not None
        decision = decision or self.pending_decision
        if decision is None:
            return needs_action("badge_not_needed", "No decision waits for a lead.")
        if role is None:
            found = self._tx(lambda: store.operator_role(self._conn, badge))
            role = found[0] if found and found[1] else ""
        if role not in (Role.LEAD, Role.ADMIN):
            return stop("not_a_lead", "Badge {badge} is not a lead's: a lead decides refund or "
                        "exchange.", badge=badge)
        self.pending_decision = None
        who = self._require(Permission.PROCESS_RETURN, "process returns")
        return self._record(who.badge, ret.decide(decision, badge))

    def finish(self) -> Verdict:
        """Close the return and queue it for central (stock, seller notified)."""
        who = self._require(Permission.PROCESS_RETURN, "process returns")
        ret = self.ret
        if ret is None:
            return needs_action("scan_return", "Scan the tracking number, order or RMA of the "
                                "returned parcel.")
        outcome = ret.finish()
        if not outcome.facts or ret.decision is None:
            return outcome.verdict
        payload = ReturnPosted.model_validate({
            "return_id": ret.return_id, "order_id": ret.order_id, "operator": who.badge,
            "tracking_number": ret.tracking_number, "rma": ret.rma,
            "items": [
                {"sku": ln.sku, "quantity": ln.units, "reason": ln.reason,
                 "condition": ln.condition, "disposition": ln.disposition,
                 "location": ln.location or "", "grade": ln.grade}
                for ln in ret.lines
            ],
            "decision": ret.decision, "return_label": ret.label,
        })

        def queue() -> None:
            enqueue_event(self._conn, EventKind.RETURN, payload, order_id=ret.order_id,
                          key=f"return-{ret.return_id}")
            audit(self._conn, "return_closed", who.badge, ret.order_id,
                  return_id=ret.return_id, decision=ret.decision)

        return self._record(who.badge, outcome, queue)

    def _record(self, badge: str, outcome: ReturnOutcome, also: object = None) -> Verdict:
        ret, pk = self.ret, self._pk
        if not outcome.facts or ret is None or pk is None:
            return outcome.verdict

        def write() -> None:
            store.add_return_facts(self._conn, pk, outcome.facts, badge)
            for fact in outcome.facts:
                audit(self._conn, f"return_{fact.type}", fact.by or badge, ret.order_id,
                      **store.fact_dict(fact))
            if callable(also):
                also()

        self._tx(write)
        for fact in outcome.facts:
            ret.apply(fact)
        return outcome.verdict

    # ------------------------------------------------------------------ view, label
    def view(self) -> ReturnView:
        ret = self.ret
        if ret is None:
            return ReturnView()
        return ReturnView(
            ret.order_id, ret.tracking_number, ret.rma,
            tuple((s, n, ret.returned(s)) for s, n in ret.returnable.items()),
            tuple(ret.lines), ret.reason, ret.condition, ret.decision, ret.label,
            self.pending_decision, ret.finished,
        )

    def print_return_label(
        self, printer: Printer | None, pool: TrackingPool | None, language: str = "en",
        printer_language: str = "zpl",
    ) -> tuple[Verdict, str | None, bytes | None]:
        """A carrier label from the buyer back to the sender, numbered from the local pool
        (print lane). Returns the verdict, the tracking number if printed and a PNG preview.
        A number whose label did not print is voided, never reused."""
        from station.labels.api import render_label, render_preview_png
        from station.labels.data import ParcelLabelData

        self._require(Permission.PROCESS_RETURN, "process returns")
        ret, carrier_code = self.ret, self._carrier
        if ret is None or carrier_code is None or ret.finished:
            return needs_action("scan_return", "Scan the tracking number, order or RMA of the "
                                "returned parcel."), None, None
        if ret.label:
            return ok("label_exists", "This return already has return label {number}.",
                      number=ret.label), None, None
        if printer is None or pool is None:
            return stop("no_printer", "No label printer is set up at this bench."), None, None
        carrier, order = self._tx(lambda: carrier_and_order(
            self._conn, ret.order_id, carrier_code))
        if order is None:
            return stop("no_address", "Order {order} has no sender address on this station: "
                        "no return label.", order=ret.order_id), None, None
        try:
            number = pool.take(carrier.code, reference=f"return:{ret.return_id}")
        except PoolError as exc:  # the pool says why (empty, no segment of this carrier)
            return stop("pool_empty", "No tracking number for a return label: {message}",
                        message=str(exc)), None, None
        data = ParcelLabelData(order=order, carrier=carrier, tracking_number=number,
                               parcel_no=1, parcel_count=1, weight_g=0,
                               printed_at=datetime.now(UTC))
        job = PrintJob(render_label("carrier_100x150", data, language=language,
                                    printer_language=printer_language),
                       printer_language, f"return label {number}")
        result = printer.send(job)
        if not result.ok:
            pool.void(number, "return label did not print")
            return stop("label_not_printed", "The return label did NOT print: {message}",
                        message=result.message), None, None
        png = render_preview_png("carrier_100x150", data, language=language)
        return ok("return_label", "Return label {number} printed.", number=number), number, png

    def label_printed(self, number: str) -> Verdict:
        """Record the return label's number on the return (store lane)."""
        who = self._require(Permission.PROCESS_RETURN, "process returns")
        if self.ret is None:
            return needs_action("scan_return", "Scan the tracking number, order or RMA of the "
                                "returned parcel.")
        return self._record(who.badge, ReturnOutcome(
            ok("return_label", "Return label {number} printed.", number=number),
            (ReturnFact(ReturnFactType.LABEL, label=number),)))


def _merge_returned(central: list[ParcelItem], here: dict[str, int]) -> list[ParcelItem]:
    """Central's count wins where it is higher (it already holds what we sent)."""
    out = {i.sku: i.quantity for i in central}
    for sku, n in here.items():
        out[sku] = max(out.get(sku, 0), n)
    return [ParcelItem(sku=s, quantity=n) for s, n in out.items() if n > 0]


def _looks_like_parcel(code: str, order_id: str) -> bool:
    """A code that is a parcel's or an order's, not a product's: a tracking number with a
    valid check digit (S10, UPS, FedEx, USPS) or an order number shaped like the open one."""
    from contract.tracking import TrackingNumberError, validate_tracking_number

    for fmt in ("s10", "ups", "fedex", "usps"):
        try:
            validate_tracking_number(code.upper(), fmt)
            return True
        except TrackingNumberError:
            continue
    return shaped_like(code, order_id)
