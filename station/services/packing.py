"""The pack bench use cases the UI calls: log in, open an order, scan, choose a box, weigh,
override, close parcels, decide a short pick, finish, and resume after a restart.

Every action that changes anything is committed (with its outbox event and audit row, in the
same SQLite transaction) before its verdict is returned; if the database refuses, the action
raises :class:`StoreUnavailable` and the in-memory session is rebuilt from the store, so the
screen never shows what the disk does not hold. Roles are checked here, not only in the UI.

Call from one thread at a time (the UI's single store worker): SQLite has one writer.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Connection

from station.devices import Weight
from station.domain.model import (
    OrderStatus,
    Permission,
    Role,
    SkuBarcode,
)
from station.domain.session import PackSession, PackState
from station.domain.verdict import Sound, Verdict, needs_action, ok, stop
from station.i18n import _
from station.scan import (
    Classified,
    Command,
    ParsedKind,
    ParsedScan,
    ScanError,
    ScanKind,
    classify,
    gtin_candidates,
    parse_scan,
)
from station.services.errors import (
    InvalidInput,
    PermissionDenied,
)
from station.services.pack_record import PackRecord
from station.services.pins import LeadProof
from station.services.policy import ReadyParcel
from station.store import pack_store
from station.store.outbox import audit

T = TypeVar("T")

_ENDED = {
    PackState.FINISHED, PackState.HELD, PackState.RETURNED_TO_PICK, PackState.ORDER_STOPPED,
    PackState.LABEL_WAITING,
}


class PackingService(PackRecord):
    """One bench's pack use cases, on the station's store (:class:`PackRecord` keeps the open
    pack session and commits its events; :class:`BenchLogin` says who is logged in and who may
    do what)."""

    # ================================================================ labels that wait
    def label_waiting(self) -> Verdict:
        """The open order is packed but its labels must wait for central: it leaves the
        bench (its parcels go on the waiting shelf)."""
        operator = self._require_login()
        session = self._require_session()
        return self._record(session.labels_waiting(operator.badge))

    def waiting_orders(self) -> list[str]:
        """Orders of this station whose labels wait for central, oldest first."""
        return [order for _sid, order in self._in_transaction(
            lambda: pack_store.waiting_sessions(self._conn, self.station_id))]

    def resume_waiting(self) -> Verdict:
        """PRINT-WAITING: the oldest order whose labels waited comes back to the bench."""
        operator = self._require_login()
        if self._active() is not None:
            return needs_action(
                "finish_open_order_first", "Finish or put aside order {order} first, then scan "
                "PRINT-WAITING.", order=self.session.order.order_id if self.session else "")
        waiting = self._in_transaction(
            lambda: pack_store.waiting_sessions(self._conn, self.station_id))
        if not waiting:
            return needs_action("no_labels_waiting", "No label is waiting.")
        sid, order_id = waiting[0]
        self.session_id, self.session, self._seq = self._in_transaction(
            lambda: self._load_session(sid, order_id))
        self._index = self._barcode_index(self.session)
        return self._record(self.session.resume_labels(operator.badge),
                            extra=lambda conn: pack_store.clear_waiting_marks(conn, sid))

    def open_order(self, code: str) -> Verdict:
        """Open by order number, tote, pick list or a parcel's tracking number."""
        self._require_login()
        active = self._active()
        if active is not None:
            if code in active.order.codes:
                return self._record(active.scan_order_code(code))
            return active.scan_other_order(code).verdict

        def resolve() -> str | None:
            found = self.catalog.order_by_code(code)
            return found[0] if found else self.catalog.order_by_parcel(code)

        order_id = self._in_transaction(resolve)
        if order_id is None:
            return stop("unknown_order", "No order, tote or pick list {code} is known.", code=code)
        return self._open(order_id)

    # ================================================================ scanning
    def scan(self, raw: str, scanned: bool = True) -> Verdict:
        """Everything the scanner sends goes here; returns what to show and play.
        ``scanned`` False: typed on the keyboard (a typed badge above packer needs its PIN)."""
        try:
            parsed = parse_scan(raw, self.policy.scan)
        except ScanError as exc:
            return stop(exc.code, exc.text, Sound.ERROR, **exc.params)
        session = self._active()
        if self.operator is not None and session is not None:
            if parsed.kind is ParsedKind.COMMAND:
                return self._command(parsed.command)
            if session.state is PackState.SCANNING:
                hit = self._from_index(parsed)  # hot path: one indexed read, the status
                if hit is not None:
                    # An intercept pulled from central mid-pack is a STOP at the next scan,
                    # not only at CLOSE.
                    order_id = session.order.order_id
                    status = self._in_transaction(lambda: self.catalog.order_status(order_id))
                    if status in (OrderStatus.CANCELLED, OrderStatus.INTERCEPTED):
                        return self._record(session.order_stopped(status))
                    return self._scan_item(session, hit[0], hit[1], parsed)
        what = self._in_transaction(lambda: classify(parsed, self.catalog))
        if what.kind is ScanKind.BADGE:
            return self._badge(what, scanned)
        if self.operator is None:
            return needs_action("login_first", "Scan your badge to log in.")
        if session is None:
            return self._scan_without_session(what)
        return self._scan_in_session(session, what)

    def acknowledge(self, lead: LeadProof | None = None) -> Verdict:
        """A lead clears a wrong-item stop (or scan the order barcode instead)."""
        session = self._require_session()
        lead_op = self._authorise(Permission.ACKNOWLEDGE_WRONG_ITEM, lead,
                                  "clear a wrong-item stop")
        return self._record(session.acknowledge(lead_op.badge), audit_as=lead_op.badge)

    def capture(self, text: str) -> Verdict:
        """A lot or serial number typed by hand when the scan prompted for one."""
        session = self._require_session()
        self._require_login()
        if not isinstance(text, str):
            raise InvalidInput("A lot or serial number must be text.")
        return self._record(session.scan_text(text))

    def enter_quantity(self, sku: str, quantity: int) -> Verdict:
        """Typed count for a bulk line; only for roles the site allows."""
        session = self._require_session()
        operator = self._require_login()
        if operator.role not in self.policy.manual_quantity_roles:
            raise PermissionDenied(
                "{name} may not type quantities; ask a lead.", name=operator.name
            )
        if isinstance(quantity, bool) or not isinstance(quantity, int):
            raise InvalidInput("A quantity must be a whole number.")
        outcome = session.enter_quantity(sku, quantity)

        def log(conn: Connection) -> None:
            audit(conn, "manual_quantity", operator.badge, session.order.order_id,
                  sku=sku, quantity=quantity)

        return self._record(outcome, extra=log)

    def choose_box(self, code: str) -> Verdict:
        """Choose the box by its packaging code or barcode (instead of the suggestion)."""
        session = self._require_session()
        self._require_login()
        box = self._in_transaction(lambda: self.catalog.box(code) or self._box_by_barcode(code))
        if box is None:
            return stop("unknown_box", "No box {code} in the catalogue.", code=code)
        return self._guarded(lambda: session.choose_box(box, raw=code))

    def confirm(self) -> Verdict:
        return self._command(Command.CONFIRM)

    def cancel(self) -> Verdict:
        return self._command(Command.CANCEL)

    def close_parcel(self) -> Verdict:
        """CLOSE: this parcel's items are done (box, then weight)."""
        return self._command(Command.CLOSE)

    def new_parcel(self) -> Verdict:
        """NEW-PARCEL: box and weigh this parcel, then continue in another one."""
        return self._command(Command.NEW_PARCEL)

    def record_weight(self, grams: int) -> Verdict:
        """A STABLE reading in grams from the scale (the caller waits for stability)."""
        session = self._require_session()
        self._require_login()
        if isinstance(grams, bool) or not isinstance(grams, int):
            raise InvalidInput("A weight must be whole grams.")
        return self._guarded(lambda: session.record_weight(grams))

    def override_weight(self, reason: str, lead: LeadProof | None = None) -> Verdict:
        """A lead accepts an out-of-tolerance weight, with a reason (audited)."""
        session = self._require_session()
        lead_op = self._authorise(Permission.OVERRIDE_WEIGHT, lead, "override a weight")
        outcome = session.override_weight(lead_op.badge, reason, lead_op.name)
        return self._record(outcome, audit_as=lead_op.badge)

    def decide_short_pick(self, decision: str, lead: LeadProof | None = None) -> Verdict:
        """ship_partial / hold / return_to_pick, by a lead."""
        session = self._require_session()
        lead_op = self._authorise(Permission.DECIDE_SHORT_PICK, lead,
                                  "decide about missing items")
        return self._record(session.decide_short_pick(decision, lead_op.badge),
                            audit_as=lead_op.badge)

    def put_aside(self, reason: str, lead: LeadProof | None = None) -> Verdict:
        """A lead takes the open order off the bench with a reason (audited): the way out of
        any state the bench cannot leave otherwise. Parcels waiting for a label are voided;
        a printed label must be voided first (its number is live)."""
        session = self._require_session()
        lead_op = self._authorise(Permission.DECIDE_SHORT_PICK, lead, "put an order aside")
        sid = self.session_id
        live = self._in_transaction(
            lambda: pack_store.labelled_parcels(self._conn, sid)) if sid is not None else []
        if live:
            return needs_action(
                "void_first", "Parcel {parcels} has a printed label: void it first (VOID), "
                "then put the order aside.", parcels=", ".join(str(n) for n in live))
        return self._record(session.put_aside(lead_op.badge, reason), audit_as=lead_op.badge)

    def finish_order(self) -> Verdict:
        """All parcels closed: the order is packed (PackCompleted goes to central)."""
        session = self._require_session()
        operator = self._require_login()
        unlabelled = [str(p.parcel_no) for p in self.ready_parcels()]
        if unlabelled and session.state is PackState.READY_TO_FINISH:
            # An order is "packed" only with every parcel labelled: a label that failed to
            # print (paper out, printer off) must be printed before the order can finish.
            return needs_action(
                "labels_missing",
                "Parcel {parcels} has no label yet. Print it before finishing the order.",
                parcels=", ".join(unlabelled),
            )
        return self._guarded(lambda: session.finish(operator.badge))

    def ready_parcels(self) -> list[ReadyParcel]:
        """Closed parcels of the current session still waiting for a label."""
        session = self.session
        if session is None or self.session_id is None:
            return []
        sid = self.session_id
        rows = self._in_transaction(lambda: pack_store.ready_parcels(self._conn, sid))
        all_closed = session.state in (PackState.READY_TO_FINISH, PackState.FINISHED)
        count = len(session.parcels) if all_closed else None
        out = []
        for r in rows:
            box = session.packaging.get(r["box_code"] or "")
            dims = (box.inner.length_mm, box.inner.width_mm, box.inner.height_mm) if box else (
                None, None, None)
            out.append(ReadyParcel(
                session.order.order_id, r["parcel_no"], count, r["box_code"], r["expected_g"],
                r["actual_g"], session.order.carrier, session.order.service, *dims,
            ))
        return out

    def stop_order(self, status: OrderStatus) -> Verdict:
        """Central refused the label: the order is cancelled or intercepted. Hard stop."""
        session = self._require_session()
        return self._record(session.order_stopped(status))

    def record_reading(self, reading: Weight) -> Verdict:
        """A reading from a :class:`~station.devices.Scale`: only a stable one is recorded."""
        if reading.fault:
            return stop("scale_fault", "Scale fault: {fault}. Check the scale.",
                        fault=reading.fault)
        if not reading.stable:
            return needs_action("scale_unstable", "Waiting for a stable weight.")
        return self.record_weight(reading.grams)

    # ================================================================ internals: dispatch
    def _command(self, command: Command | None) -> Verdict:
        session = self._require_session()
        self._require_login()
        if command is Command.CONFIRM:
            return self._guarded(session.confirm)
        if command is Command.CANCEL:
            return self._record(session.cancel())
        if command is Command.NEW_PARCEL:
            return self._guarded(session.new_parcel)
        if command is Command.CLOSE:
            if session.state is PackState.READY_TO_FINISH:
                return self.finish_order()
            return self._guarded(session.close_parcel)
        # REPRINT belongs to the label step; the UI routes this verdict there.
        return needs_action("reprint_requested", "Reprint requested.")

    def _scan_item(
        self, session: PackSession, sku: str, units_and_kind: SkuBarcode, parsed: ParsedScan
    ) -> Verdict:
        gs1 = parsed.gs1
        outcome = session.scan_item(
            sku,
            units_and_kind.units,
            parsed.raw,
            lot=gs1.lot if gs1 else None,
            serial=gs1.serial if gs1 else None,
            expiry=gs1.expiry.isoformat() if gs1 and gs1.expiry else None,
            pack=units_and_kind.kind,
        )
        return self._record(outcome)

    def _scan_without_session(self, what: Classified) -> Verdict:
        if what.kind in (ScanKind.ORDER, ScanKind.TOTE, ScanKind.PICK_LIST, ScanKind.PARCEL):
            assert what.order_id is not None
            return self._open(what.order_id)
        if what.kind is ScanKind.UNKNOWN:
            return stop(
                "unknown_code",
                "Unknown code {code}: it is not an order, tote or pick list.",
                code=what.scan.text[:40],
            )
        return needs_action("open_order_first", "Scan an order, tote or pick list first.")

    def _scan_in_session(self, session: PackSession, what: Classified) -> Verdict:
        kind = what.kind
        if kind in (ScanKind.ITEM, ScanKind.INNER_PACK, ScanKind.CASE_PACK):
            assert what.sku is not None
            if what.sku not in session.order.ordered():
                sku = what.sku  # a wrong item: fetch its name for the message
                session.skus.update(self._in_transaction(lambda: self.catalog.skus([sku])))
            code = SkuBarcode(what.scan.text, what.sku, what.pack, what.units)
            return self._scan_item(session, what.sku, code, what.scan)
        if kind is ScanKind.BOX:
            assert what.box_code is not None
            box_code = what.box_code
            box = self._in_transaction(lambda: self.catalog.box(box_code))
            assert box is not None
            return self._guarded(lambda: session.choose_box(box, raw=what.scan.raw))
        if kind in (ScanKind.ORDER, ScanKind.TOTE, ScanKind.PICK_LIST, ScanKind.PARCEL):
            if what.order_id == session.order.order_id:
                return self._record(session.scan_order_code(session.order.order_id))
            return session.scan_other_order(what.scan.text).verdict
        # Not a known code: a lot/serial if one is awaited, else unknown.
        gs1 = what.gs1
        text = what.scan.text
        if gs1 is not None and session.state is PackState.AWAITING_LOT and gs1.lot:
            text = gs1.lot
        elif gs1 is not None and session.state is PackState.AWAITING_SERIAL and gs1.serial:
            text = gs1.serial
        return self._record(session.scan_text(text))

    def _badge(self, what: Classified, scanned: bool = True) -> Verdict:
        assert what.badge is not None
        session = self._active()
        operator = self._operator(what.badge)
        if not scanned and operator.role is not Role.PACKER:
            # Anyone can read a lead's badge number off a lanyard and type it.
            return needs_action(
                "pin_required",
                "Badge {badge} belongs to a {role}: scan the badge, or log in with the badge "
                "number and PIN.", Sound.ERROR, badge=operator.badge, role=_(str(operator.role)),
            )
        if session is not None and session.state is PackState.WRONG_ITEM:
            if not operator.may(Permission.ACKNOWLEDGE_WRONG_ITEM):
                return stop(
                    "lead_required",
                    "Only a lead can clear a wrong item. Or scan the order barcode.",
                    Sound.WRONG_ITEM,
                )
            return self._record(session.acknowledge(operator.badge), audit_as=operator.badge)
        self._set_operator(operator, via="scan" if scanned else "typed")
        return ok("logged_in", "Hello {name}.", Sound.ACCEPT, name=operator.name)

    def _from_index(self, parsed: ParsedScan) -> tuple[str, SkuBarcode] | None:
        if parsed.kind is ParsedKind.CODE:
            hit = self._index.get(parsed.text)
            return (hit.sku, hit) if hit else None
        if parsed.kind is ParsedKind.GS1 and parsed.gs1 and parsed.gs1.gtin:
            codes = gtin_candidates(parsed.gs1.gtin)
            if parsed.symbology is None:
                codes.append(parsed.text)  # guessed GS1: maybe a plain code on file
            for code in codes:
                hit = self._index.get(code)
                if hit:
                    return hit.sku, hit
        return None

    def _box_by_barcode(self, code: str) -> Any:
        box_code = self.catalog.box_by_barcode(code)
        return self.catalog.box(box_code) if box_code else None
