"""The pack bench use cases the UI calls: log in, open an order, scan, choose a box, weigh,
override, close parcels, decide a short pick, finish, and resume after a restart.

Every action that changes anything is committed (with its outbox event and audit row, in the
same SQLite transaction) before its verdict is returned; if the database refuses, the action
raises :class:`StoreUnavailable` and the in-memory session is rebuilt from the store, so the
screen never shows what the disk does not hold. Roles are checked here, not only in the UI.

Call from one thread at a time (the UI's single store worker): SQLite has one writer.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from station.devices import Weight
from station.domain.events import EventType
from station.domain.model import (
    Operator,
    OrderStatus,
    Permission,
    Role,
    SkuBarcode,
)
from station.domain.session import TERMINAL, Outcome, PackSession, PackState
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
    LoginFailed,
    NoOpenSession,
    NotLoggedIn,
    PermissionDenied,
    ReferenceDataMissing,
    StoreUnavailable,
)
from station.services.pack_effects import record_side_effects
from station.services.pins import LeadProof, PinGuard, pin_matches
from station.services.policy import PackPolicy, ReadyParcel
from station.store import pack_store
from station.store.catalog import Catalog
from station.store.db import describe_db_error
from station.store.outbox import audit, last_logged_in
from station.store.uow import StationStore, StoreError

T = TypeVar("T")

_ENDED = {
    PackState.FINISHED, PackState.HELD, PackState.RETURNED_TO_PICK, PackState.ORDER_STOPPED,
    PackState.LABEL_WAITING,
}


class PackingService:
    """One bench's pack use cases, on an engine made by ``create_station_engine``."""

    def __init__(
        self,
        store: StationStore | Engine,
        station_id: str,
        policy: PackPolicy | None = None,
    ):
        self._own_store = not isinstance(store, StationStore)
        self.store = store if isinstance(store, StationStore) else StationStore(store)
        self.engine = self.store.engine
        self.station_id = station_id
        self.policy = policy or PackPolicy()
        self.catalog = Catalog(self.store.conn)
        self.pins = PinGuard(self.policy.pin_lock)
        self.operator: Operator | None = None
        self.session: PackSession | None = None
        self.session_id: int | None = None
        self._seq = 0
        self._index: dict[str, SkuBarcode] = {}

    @property
    def _conn(self) -> Connection:
        return self.store.conn

    def close(self) -> None:
        """Release the database connection (when this service opened it)."""
        if self._own_store:
            self.store.close()

    # ================================================================ login
    def login_badge(self, badge: str) -> Operator:
        """Log in by badge scan."""
        operator = self._operator(badge)
        self._set_operator(operator, via="scan")
        return operator

    def login_pin(self, badge: str, pin: str) -> Operator:
        """Log in with badge id and PIN (argon2 hash check; failures back off, then lock)."""
        operator = self._verify_pin(badge, pin)
        self._set_operator(operator, via="typed+pin")
        return operator

    def _verify_pin(self, badge: str, pin: str) -> Operator:
        if not isinstance(badge, str) or not isinstance(pin, str):
            raise InvalidInput("A badge and a PIN must be text.")
        if len(pin) < self.policy.min_pin_length:
            raise LoginFailed(
                "A PIN has at least {n} characters here.", n=self.policy.min_pin_length
            )
        found = self._in_transaction(lambda: self.catalog.operator(badge))
        wait = self._in_transaction(lambda: self.pins.wait_s(self._conn, badge))
        if wait > 0:
            raise LoginFailed(
                "Too many wrong PINs for badge {badge}: try again in {seconds} s, or scan "
                "the badge.", badge=badge, seconds=int(wait + 0.999),
            )
        if found is None or not found[0].active or not found[1] or not pin_matches(found[1], pin):
            failures = self._in_transaction(lambda: self.pins.failed(self._conn, badge))
            left = self.pins.policy.lock_after - failures
            if left > 0:
                raise LoginFailed("Badge or PIN is wrong: {left} more tries before the badge "
                                  "is locked.", left=left)
            raise LoginFailed("Badge or PIN is wrong.")
        self._in_transaction(lambda: self.pins.cleared(self._conn, badge))
        return found[0]

    def logout(self) -> None:
        """End the operator's turn (button, badge or the idle lock); audited, so a restart
        after a crash knows nobody was logged in."""
        if self.operator is not None:
            badge = self.operator.badge
            try:
                with self.store.transaction():
                    audit(self._conn, "logout", badge, None)
            except (SQLAlchemyError, sqlite3.Error, StoreError):
                pass  # the turn ends anyway; the login screen shows
        self.operator = None

    def resume_login(self) -> Operator | None:
        """After the window crashed and was restarted: whoever was logged in when it died
        (the last login not followed by a logout), if that badge is still active. Audited."""
        badge = self._in_transaction(lambda: last_logged_in(self._conn))
        if badge is None:
            return None
        found = self._in_transaction(lambda: self.catalog.operator(badge))
        if found is None or not found[0].active:
            return None
        self._set_operator(found[0], via="crash-restart")
        return found[0]

    # ================================================================ resume / open
    def resume(self) -> PackSession | None:
        """Rebuild this station's unfinished session from the store (after a restart)."""

        def load() -> tuple[int, PackSession, int] | None:
            found = pack_store.open_session(self._conn, self.station_id)
            return None if found is None else self._load_session(*found)

        try:
            loaded = self._in_transaction(load)
        except KeyError as exc:
            raise ReferenceDataMissing(
                "The open pack session needs {what}, which this station no longer knows. "
                "Ask IT to check the product and order sync.",
                what=str(exc.args[0]),
            ) from None
        if loaded is None:
            self.session, self.session_id, self._seq = None, None, 0
            return None
        self.session_id, self.session, self._seq = loaded
        self._index = self._barcode_index(self.session)
        return self.session

    def _load_session(self, sid: int, order_id: str) -> tuple[int, PackSession, int]:
        session = self._new_session(order_id)
        events = pack_store.load_events(self._conn, sid)
        for event in events:
            session.apply(event)
        return sid, session, len(events)

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

    def mark_labelled(self, parcel_no: int, tracking_number: str) -> None:
        """The label step printed parcel ``parcel_no`` with ``tracking_number`` (committed).

        The tracking number then opens the order when scanned, and goes into PackCompleted.
        """
        sid = self._session_id()
        done = self._in_transaction(
            lambda: pack_store.mark_labelled(self._conn, sid, parcel_no, tracking_number)
        )
        if not done:
            raise InvalidInput("Parcel {n} is not waiting for a label.", n=parcel_no)

    def label_voided(self, parcel_no: int) -> None:
        """The label step voided parcel ``parcel_no``'s label (a lead's decision, audited
        there): the parcel waits for a new label, and the order cannot finish without it."""
        sid = self._session_id()
        done = self._in_transaction(lambda: pack_store.unlabel(self._conn, sid, parcel_no))
        if not done:
            raise InvalidInput("Parcel {n} has no label to void.", n=parcel_no)

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

    # ================================================================ internals: helpers
    def _open(self, order_id: str) -> Verdict:
        operator = self._require_login()
        active = self._active()
        if active is not None:
            if active.order.order_id == order_id:
                return ok("already_open", "Order {order} is open.", order=order_id)
            return active.scan_other_order(order_id).verdict
        try:
            session = self._in_transaction(lambda: self._new_session(order_id))
        except KeyError as exc:
            return stop(
                "unknown_product",
                "Order {order} holds item {sku} that this station does not know yet. Ask IT "
                "to check the product sync.",
                order=order_id,
                sku=str(exc.args[0]),
            )
        outcome = session.open(operator.badge)
        if not outcome.events:
            return outcome.verdict
        self.session, self.session_id, self._seq = session, None, 0
        self._index = self._barcode_index(session)
        return self._record(outcome)

    def _new_session(self, order_id: str) -> PackSession:
        order = self.catalog.order(order_id)
        if order is None:
            raise KeyError(order_id)
        wanted = {line.sku for line in order.lines}
        skus = self.catalog.skus(wanted)
        for sku in wanted:
            if sku not in skus:
                raise KeyError(sku)
        return PackSession(order, skus, self.catalog.packaging(),
                           default_tolerance=self.policy.default_tolerance)

    @staticmethod
    def _barcode_index(session: PackSession) -> dict[str, SkuBarcode]:
        return {b.code: b for sku in session.skus.values() for b in sku.barcodes}

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

    def _guarded(self, decide: Callable[[], Outcome]) -> Verdict:
        """Check the order was not cancelled/intercepted before a step towards a label."""
        session = self._require_session()
        order_id = session.order.order_id
        status = self._in_transaction(lambda: self.catalog.order_status(order_id))
        if status in (OrderStatus.CANCELLED, OrderStatus.INTERCEPTED):
            return self._record(session.order_stopped(status))
        return self._record(decide())

    def _record(
        self,
        outcome: Outcome,
        audit_as: str | None = None,
        extra: Callable[[Connection], None] | None = None,
    ) -> Verdict:
        """Commit the outcome's events (+ outbox/audit) and only then apply them."""
        if not outcome.events:
            return outcome.verdict
        session = self.session
        assert session is not None
        who = audit_as or (self.operator.badge if self.operator else None)
        state_before = session.state
        try:
            with self.store.transaction():
                if outcome.events[0].type is EventType.OPENED:
                    self.session_id = pack_store.create_session(
                        self._conn, session.order.order_id, self.station_id, who or "?"
                    )
                    self._seq = 0
                assert self.session_id is not None
                pack_store.insert_events(self._conn, self.session_id, self._seq,
                                         outcome.events, who)
                for event in outcome.events:
                    closing = session.current
                    session.apply(event)
                    record_side_effects(self._conn, session, self.session_id, event,
                                        closing, who)
                if extra is not None:
                    extra(self._conn)
                if session.state is not state_before:
                    pack_store.set_state(self._conn, self.session_id, session.state.value,
                                         ended=session.state in _ENDED)
        except (SQLAlchemyError, sqlite3.Error, StoreError) as exc:  # scan INSERT: raw sqlite3
            self._rebuild()
            message = str(exc) if isinstance(exc, StoreError) else describe_db_error(exc)
            raise StoreUnavailable(message) from exc
        self._seq += len(outcome.events)
        return outcome.verdict

    def _rebuild(self) -> None:
        """After a failed commit: forget in-memory changes, reload what the store holds."""
        try:
            self.resume()
        except (SQLAlchemyError, StoreUnavailable):
            self.session, self.session_id = None, None

    def _session_id(self) -> int:
        """The stored id of the open pack session (after its first committed event)."""
        if self.session_id is None:
            raise NoOpenSession("No order is open. Scan an order, tote or pick list.")
        return self.session_id

    def _in_transaction(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` in one transaction; a database failure becomes StoreUnavailable."""
        try:
            with self.store.transaction(immediate=False):
                return fn()
        except (SQLAlchemyError, sqlite3.Error) as exc:
            raise StoreUnavailable(describe_db_error(exc)) from exc
        except StoreError as exc:
            raise StoreUnavailable(str(exc)) from exc

    def _active(self) -> PackSession | None:
        s = self.session
        return s if s is not None and s.state not in TERMINAL else None

    def _require_login(self) -> Operator:
        if self.operator is None:
            raise NotLoggedIn("Scan your badge to log in.")
        return self.operator

    def _require_session(self) -> PackSession:
        session = self._active()
        if session is None:
            raise NoOpenSession("No order is open. Scan an order, tote or pick list.")
        return session

    def _operator(self, badge: str) -> Operator:
        found = self._in_transaction(lambda: self.catalog.operator(badge))
        if found is None or not found[0].active:
            raise LoginFailed("Badge {badge} is not known or not active.", badge=badge)
        return found[0]

    def _set_operator(self, operator: Operator, via: str) -> None:
        """Every login is audited with how it came: scan, typed (packers only), typed+pin."""

        def log() -> None:
            audit(self._conn, "login", operator.badge, None, via=via, role=str(operator.role))

        try:
            with self.store.transaction():
                log()
        except (SQLAlchemyError, sqlite3.Error) as exc:
            raise StoreUnavailable(describe_db_error(exc)) from exc
        except StoreError as exc:
            raise StoreUnavailable(str(exc)) from exc
        self.operator = operator

    def authorise(self, permission: Permission, lead: LeadProof | None, action: str) -> Operator:
        """Who may do ``action``: the logged-in operator, or a lead proven by a scanned
        badge or by badge + PIN. A typed badge number alone proves nothing."""
        if lead is None:
            who = self._require_login()
        elif lead.pin:
            who = self._verify_pin(lead.badge, lead.pin)
        elif lead.scanned:
            who = self._operator(lead.badge)
        else:
            raise PermissionDenied(
                "Scan the lead's badge, or type the badge number with the lead's PIN."
            )
        if not who.may(permission):
            raise PermissionDenied(
                "{name} ({role}) may not {action}: a lead must do this.",
                name=who.name, role=str(who.role), action=_(action),
            )
        return who

    _authorise = authorise
