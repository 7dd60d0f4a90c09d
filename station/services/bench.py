"""The bench use case, whole: log in, scan, weigh, override, label, reprint, void, short pick.

One object per bench owns every rule of the pack-and-label loop; the window only forwards
input and paints the :class:`BenchAnswer` (a verdict and a fresh :class:`PackView`). Which
parcel gets a label and when is decided here: once every parcel of the order is closed
(parcel n of N is known) each parcel is labelled once; a label that did not come out waits
for an explicit REPRINT (scan or button) and prints with the same number.

Threads: store-lane calls (``scan``, ``weight``, lead actions...) and print-lane calls
(``print_label``, ``reprint_label``) may run at the same time. The pack session is touched
only under the store's lock; printer and network I/O never hold it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import Connection

from station.domain.model import Order, Permission
from station.domain.session import TERMINAL, PackState
from station.domain.verdict import Severity, Sound, Verdict, needs_action, ok, stop
from station.scan import Command, ParsedKind, ScanError, parse_scan
from station.services.bench_view import (
    HELD_PREFIX,
    LabelState,
    PackView,
)
from station.services.errors import ServiceError
from station.services.pack_view import build_view
from station.services.packing import PackingService
from station.services.pins import LeadProof
from station.store import label_store as labels_db

if TYPE_CHECKING:  # the label step (labels, HTTP) loads only when a printer is wired in
    from station.services.label_step import LabelResult, LabelStep

log = logging.getLogger(__name__)
_LABELLING = (PackState.READY_TO_FINISH, PackState.FINISHED)
VOID_BY_SCAN_REASON = "Voided at the bench by a lead's badge scan"
PUT_ASIDE_REASON = "Put aside at the bench by a lead's badge scan"


class PackWatcher(Protocol):
    """Told where a pack stands (e.g. the evidence recorder): called on the bench's lanes,
    must return at once, and a failing watcher never stops packing."""

    def order_opened(self, order_id: str, operator: str, station: str) -> object: ...
    def tracking_added(self, number: str) -> object: ...
    def order_ended(self, reason: str) -> object: ...


@dataclass(frozen=True)
class LabelTask:
    """A label the print lane should print now (decided by the bench, not the window)."""

    order: Order
    parcel_no: int
    parcel_count: int
    reprint: bool = False
    came_out: bool = False  # a held label the packer saw come out: record it, send nothing


@dataclass(frozen=True)
class BenchAnswer:
    """What the window shows after one action: verdict (None: nothing to say), view, and
    the labels to print next on the print lane."""

    verdict: Verdict | None
    view: PackView
    raw: str | None = None
    tasks: tuple[LabelTask, ...] = ()
    label: LabelResult | None = None


def refusal(exc: ServiceError) -> Verdict:
    """A refused action (no permission, bad PIN...) shown like any other stop."""
    return Verdict(Severity.STOP, exc.code, exc.text, dict(exc.params), Sound.ERROR)


class Bench:
    """One bench's pack-and-label use case, on the core services."""

    def __init__(
        self,
        packing: PackingService,
        labels: LabelStep | None = None,
        watchers: list[PackWatcher] | None = None,
    ) -> None:
        self.packing = packing
        self.labels = labels
        self.watchers = list(watchers or [])
        self._watched: str | None = None  # the order the watchers were told is open
        self.store = packing.store
        self._printing: set[tuple[str, int]] = set()
        self._pending_void = False
        self._last_weight: int | None = None
        self._lanes: dict[str, str | None] = {}
        self._pending_aside = False  # PUT-ASIDE waits for a lead's badge scan
        self._held_asked: set[tuple[str, int]] = set()  # REPRINT asked about a held label
        self._printing_waiting = False  # PRINT-WAITING runs: order after order until none

    def close(self) -> None:
        self.packing.close()

    # ================================================================ store lane
    def start(self, after_crash: bool = False) -> BenchAnswer:
        """Resume this station's open session after a (re)start; ``after_crash`` (the
        relauncher restarted the window): the operator who was logged in stays logged in,
        so the bench comes back on the pack screen exactly where it was."""
        with self.store.lock:
            self.packing.resume()
            if after_crash:
                self.packing.resume_login()
            if self.labels is not None:
                self.labels.abandon_unanswered()
            return self._answer(None)

    def scan(self, raw: str, scanned: bool = True) -> BenchAnswer:
        """Anything the scanner sent (wedge or serial; ``scanned`` False: typed)."""
        with self.store.lock:
            return self._guard(lambda: self._scan(raw, scanned), raw)

    def command(self, name: str) -> BenchAnswer:
        """A button does what its command barcode does."""
        return self.scan(f"CMD:{name}")

    def login_pin(self, badge: str, pin: str) -> BenchAnswer:
        with self.store.lock:
            return self._guard(lambda: self._login_pin(badge, pin))

    def logout(self) -> BenchAnswer:
        with self.store.lock:
            self.packing.logout()
            self._pending_void = False
            return self._answer(None)

    def weight(self, grams: int) -> BenchAnswer:
        """A stable scale reading while weighing."""
        with self.store.lock:
            return self._guard(lambda: self.packing.record_weight(grams))

    def reading(self, grams: int | None, stable: bool) -> BenchAnswer | None:
        """A live scale reading: a stable one while weighing is taken once per placement
        (the same weight again is not a new parcel until the scale was emptied). None:
        nothing to show."""
        with self.store.lock:
            if grams is None or grams <= 0:
                self._last_weight = None  # parcel lifted: the next placement counts again
                return None
            session = self.packing.session
            weighing = session is not None and session.state in (
                PackState.WEIGHING, PackState.WEIGHT_STOP)
            if not stable or not weighing or grams == self._last_weight:
                return None
            self._last_weight = grams
            return self._guard(lambda: self.packing.record_weight(grams))

    def override_weight(self, reason: str, lead: LeadProof) -> BenchAnswer:
        with self.store.lock:
            return self._guard(lambda: self.packing.override_weight(reason, lead))

    def acknowledge(self, lead: LeadProof) -> BenchAnswer:
        with self.store.lock:
            return self._guard(lambda: self.packing.acknowledge(lead))

    def decide_short_pick(self, decision: str, lead: LeadProof) -> BenchAnswer:
        with self.store.lock:
            return self._guard(lambda: self.packing.decide_short_pick(decision, lead))

    def enter_quantity(self, sku: str, quantity: int) -> BenchAnswer:
        with self.store.lock:
            return self._guard(lambda: self.packing.enter_quantity(sku, quantity))

    def capture(self, text: str) -> BenchAnswer:
        with self.store.lock:
            return self._guard(lambda: self.packing.capture(text))

    def void(self, reason: str, lead: LeadProof, parcel_no: int | None = None) -> BenchAnswer:
        """A lead voids a printed label (the last one unless ``parcel_no``): its number is
        retired at once; the parcel waits for a new label (scan REPRINT)."""
        with self.store.lock:
            return self._guard(lambda: self._void(reason, lead, parcel_no))

    def view(self) -> PackView:
        with self.store.lock:
            return self._view()

    # ================================================================ print lane
    def lookup_label(self, by: str | None, order_id: str, parcel_no: int,
                     void_reason: str | None = None) -> tuple[LabelResult, LabelResult | None]:
        """A lead's REPRINT (``void_reason`` None) or VOID from Lookup, of any parcel this
        station labelled, through this bench's label step (print lane): (the result, the new
        label's result after a void, or None). Raises :class:`ServiceError` when refused."""
        from station.services.lookup_labels import reprint_from_lookup, void_and_relabel

        labels = self.labels
        if labels is None:
            from station.services.errors import InvalidInput

            raise InvalidInput("No printer is set up.")
        if void_reason is None:
            return reprint_from_lookup(self.store, labels, by, order_id, parcel_no), None
        return void_and_relabel(self.store, labels, by, order_id, parcel_no, void_reason)

    def print_label(self, task: LabelTask) -> BenchAnswer:
        """Print one label the bench asked for (runs on the print lane)."""
        labels = self.labels
        if labels is None:
            return self.scan_free(stop("no_printer", "No printer is set up."))
        key = (task.order.order_id, task.parcel_no)
        operator = self.packing.operator.badge if self.packing.operator else None
        try:
            if task.reprint:
                result = labels.reprint(task.order, task.parcel_no, task.parcel_count, operator)
            else:
                result = labels.print_parcel(task.order, task.parcel_no, task.parcel_count,
                                             operator, came_out=task.came_out)
        finally:
            with self.store.lock:
                self._printing.discard(key)
        with self.store.lock:
            session = self.packing.session
            verdict = result.verdict
            current = session is not None and session.order.order_id == task.order.order_id
            try:
                if result.stopped is not None and current:
                    # the session ends stopped: hard stop, nothing else prints
                    self._printing_waiting = False
                    verdict = self.packing.stop_order(result.stopped)
                elif current:
                    verdict = self._after_label(result, verdict)
            except ServiceError as exc:
                verdict = refusal(exc)
            return self._answer(verdict, label=result)

    def _after_label(self, result: LabelResult, verdict: Verdict) -> Verdict:
        """Labels that must wait for central take the order off the bench once every parcel
        is packed; during PRINT-WAITING a fully labelled order finishes and the next one
        whose labels waited comes back."""
        session = self.packing.session
        assert session is not None
        if self._printing_labels_of(session.order.order_id):
            return verdict  # other parcels of this order are still at the printer
        if result.verdict.code == "label_waiting":
            self._printing_waiting = False
            if session.state is PackState.READY_TO_FINISH:
                return self.packing.label_waiting()
            return verdict
        if not self._printing_waiting or session.state is not PackState.READY_TO_FINISH:
            return verdict
        states = self._label_states()
        if not result.printed or not all(s.printed for s in states.values()):
            self._printing_waiting = False  # a printer fault: the packer sees to it first
            return verdict
        self.packing.finish_order()
        if not self.packing.waiting_orders():
            self._printing_waiting = False
            return ok("labels_waiting_done", "Every waiting label is printed.", Sound.DONE)
        return self.packing.resume_waiting()

    def _printing_labels_of(self, order_id: str) -> bool:
        return any(order == order_id for order, _n in self._printing)

    def _print_waiting(self) -> Verdict:
        """PRINT-WAITING: order by order, the labels that waited for central."""
        verdict = self.packing.resume_waiting()
        self._printing_waiting = verdict.code == "label_resumed"
        return verdict

    def scan_free(self, verdict: Verdict) -> BenchAnswer:
        with self.store.lock:
            return self._answer(verdict)

    # ================================================================ rules
    def _scan(self, raw: str, scanned: bool) -> Verdict | BenchAnswer:
        try:
            parsed = parse_scan(raw, self.packing.policy.scan)
        except ScanError:
            return self.packing.scan(raw, scanned)
        if self._pending_void:
            self._pending_void = False
            if parsed.kind is not ParsedKind.COMMAND:
                return self._void(VOID_BY_SCAN_REASON, LeadProof(raw, scanned=scanned), None)
        if self._pending_aside:
            self._pending_aside = False
            if parsed.kind is not ParsedKind.COMMAND:
                return self.packing.put_aside(PUT_ASIDE_REASON, LeadProof(raw, scanned=scanned))
        if parsed.kind is ParsedKind.COMMAND and self.packing.operator is not None:
            if parsed.command is Command.REPRINT:
                return self._reprint()
            if parsed.command is Command.CONFIRM:
                came_out = self._held_came_out()
                if came_out is not None:
                    return came_out
            if parsed.command is Command.VOID:
                return self._ask_void()
            if parsed.command is Command.PUT_ASIDE:
                return self._ask_put_aside()
            if parsed.command is Command.PRINT_WAITING:
                return self._print_waiting()
        return self.packing.scan(raw, scanned)

    def _login_pin(self, badge: str, pin: str) -> Verdict:
        operator = self.packing.login_pin(badge, pin)
        return ok("logged_in", "Hello {name}.", Sound.ACCEPT, name=operator.name)

    def _reprint(self) -> Verdict | BenchAnswer:
        """REPRINT: labels that failed print again (same number); otherwise the last printed
        label is reprinted (audited)."""
        session = self.packing.session
        if session is None or self.labels is None:
            return needs_action("nothing_to_reprint", "There is no label to reprint.")
        states = self._label_states()
        failed = [n for n, s in states.items() if not s.printed and not s.printing
                  and (s.error or s.tracking)]
        held = [n for n in failed if (states[n].error or "").startswith(HELD_PREFIX)
                and (session.order.order_id, n) not in self._held_asked]
        if held:
            # The printer may still print the held label once the fault is fixed: a reprint
            # now would put two labels with one number on the bench. Ask first; REPRINT again
            # prints (audited like every reprint).
            self._held_asked.update((session.order.order_id, n) for n in held)
            return needs_action(
                "label_held_check",
                "Did the label of parcel {parcels} come out after fixing the printer? If it "
                "did, put it on the parcel and scan CONFIRM. If not, scan REPRINT again.",
                Sound.PROMPT,
                parcels=", ".join(str(n) for n in held))
        due = self._due(states, include_failed=True)
        if due:
            return BenchAnswer(needs_action(
                "label_retry", "Printing the label of parcel {parcels} again.", Sound.PROMPT,
                parcels=", ".join(str(t.parcel_no) for t in due)), self._view(), tasks=due)
        if failed:
            return needs_action("label_printing", "The label is printing: wait for it.")
        printed = [n for n, s in states.items() if s.printed]
        if not printed:
            return needs_action("nothing_to_reprint", "There is no label to reprint.")
        order = session.order
        task = LabelTask(order, max(printed), len(session.parcels), reprint=True)
        self._printing.add((order.order_id, task.parcel_no))
        return BenchAnswer(needs_action("reprint_requested", "Reprinting the label of parcel "
                                        "{n}.", Sound.PROMPT, n=task.parcel_no),
                           self._view(), tasks=(task,))

    def _held_came_out(self) -> BenchAnswer | None:
        """CONFIRM after the held-label question: the label came out; record it printed."""
        session = self.packing.session
        if session is None or self.labels is None:
            return None
        states = self._label_states()
        asked = [n for n, st in states.items()
                 if (session.order.order_id, n) in self._held_asked and not st.printed
                 and (st.error or "").startswith(HELD_PREFIX)]
        if not asked:
            return None
        order = session.order
        tasks = []
        for n in asked:
            self._held_asked.discard((order.order_id, n))
            self._printing.add((order.order_id, n))
            tasks.append(LabelTask(order, n, len(session.parcels), came_out=True))
        return BenchAnswer(needs_action(
            "label_held_came_out", "Label of parcel {parcels} recorded as printed.",
            Sound.ACCEPT, parcels=", ".join(str(n) for n in asked)), self._view(),
            tasks=tuple(tasks))

    def _ask_put_aside(self) -> Verdict:
        session = self.packing.session
        if session is None or session.state in TERMINAL:
            return needs_action("nothing_to_put_aside", "No order is open.")
        self._pending_aside = True
        return needs_action("put_aside_scan_lead", "Scan a lead's badge to put order {order} "
                            "aside (any other scan cancels).", Sound.PROMPT,
                            order=session.order.order_id)

    def _ask_void(self) -> Verdict:
        states = self._label_states()
        if not any(s.printed or s.tracking for s in states.values()):
            return needs_action("nothing_to_void", "There is no label to void.")
        self._pending_void = True
        return needs_action("void_scan_lead", "Scan a lead's badge to void the last label "
                            "(any other scan cancels).", Sound.PROMPT)

    def _void(self, reason: str, lead: LeadProof, parcel_no: int | None) -> Verdict:
        labels = self.labels
        session = self.packing.session
        if labels is None or session is None:
            return needs_action("nothing_to_void", "There is no label to void.")
        who = self.packing.authorise(Permission.VOID_LABEL, lead, "void a label")
        states = self._label_states()
        if parcel_no is None:
            live = [n for n, s in states.items() if s.tracking]
            if not live:
                return needs_action("nothing_to_void", "There is no label to void.")
            parcel_no = max(live)
        result = labels.void(session.order.order_id, parcel_no, reason, who.badge)
        if result.verdict.code == "label_voided":
            self.store.run(lambda conn: labels_db.mark_waiting_after_void(
                conn, session.order.order_id, parcel_no))
        return result.verdict

    def _due(self, states: dict[int, LabelState], include_failed: bool) -> tuple[LabelTask, ...]:
        """Closed parcels to label now; a failed one only when REPRINT asks for it."""
        session = self.packing.session
        if session is None or self.labels is None or session.state not in _LABELLING:
            return ()
        order = session.order
        tasks = []
        for parcel in session.parcels:
            state = states.get(parcel.parcel_no)
            if state is None or state.printed or state.printing:
                continue
            if (state.error or state.tracking) and not include_failed:
                continue  # did not come out (or unknown after a crash): REPRINT decides
            tasks.append(LabelTask(order, parcel.parcel_no, len(session.parcels)))
            self._printing.add((order.order_id, parcel.parcel_no))
        return tuple(tasks)

    def _label_states(self) -> dict[int, LabelState]:
        session = self.packing.session
        if session is None:
            return {}
        order_id = session.order.order_id
        sid = self.packing.session_id
        if sid is None or not any(p.closed for p in session.parcels):
            return {}  # no closed parcel, no label: the scan hot path reads nothing more

        def read(conn: Connection) -> dict[int, LabelState]:
            voided = labels_db.voided_numbers(conn, order_id)
            return {
                r.parcel_no: LabelState(
                    r.tracking_number, r.status == "labelled", tuple(voided.get(r.parcel_no, ())),
                    r.label_error, (order_id, r.parcel_no) in self._printing, r.billed_g,
                )
                for r in labels_db.session_parcels(conn, sid)
            }

        return self.store.read(read)

    # ================================================================ plumbing
    def _guard(self, action: Callable[[], Verdict | BenchAnswer],
               raw: str | None = None) -> BenchAnswer:
        try:
            got = action()
        except ServiceError as exc:
            return self._answer(refusal(exc), raw)
        if isinstance(got, BenchAnswer):
            return BenchAnswer(got.verdict, got.view, raw, got.tasks)
        return self._answer(got, raw)

    def _answer(self, verdict: Verdict | None, raw: str | None = None,
                label: LabelResult | None = None) -> BenchAnswer:
        self._tell_watchers(label)
        states = self._label_states()
        tasks = self._due(states, include_failed=False)
        if tasks:
            states = self._label_states()
        return BenchAnswer(verdict, self._view(states), raw, tasks, label)

    def _tell_watchers(self, label: LabelResult | None) -> None:
        if not self.watchers:
            return
        session = self.packing.session
        active = session is not None and session.state not in TERMINAL
        current = session.order.order_id if session is not None and active else None
        calls: list[Callable[[PackWatcher], object]] = []
        if label is not None and label.printed and label.tracking \
                and label.verdict.code == "label_printed":
            number = label.tracking
            calls.append(lambda w: w.tracking_added(number))
        if current != self._watched:
            if self._watched is not None:
                ended = str(session.state) if session is not None and not active else "cancelled"
                calls.append(lambda w: w.order_ended(ended))
            if current is not None:
                # after a restart nobody is logged in yet: the packer who opened the pack
                logged_in = self.packing.operator
                opener = session.opened_by if session is not None else None
                operator = logged_in.badge if logged_in else (opener or "")
                station = self.packing.station_id
                calls.append(lambda w: w.order_opened(current, operator, station))
            self._watched = current
        for watcher in self.watchers:
            for call in calls:
                try:
                    call(watcher)
                except Exception:  # a recorder's trouble is logged, never a packer's
                    log.exception("pack watcher %r failed", watcher)

    def _view(self, states: dict[int, LabelState] | None = None) -> PackView:
        session = self.packing.session
        lane = None
        if session is not None and self.labels is not None:
            carrier = session.order.carrier
            if carrier not in self._lanes:  # reference data: read once per carrier
                self._lanes[carrier] = self.labels.staging_lane(carrier)
            lane = self._lanes[carrier]
        return build_view(
            self.packing.operator, session,
            states if states is not None else self._label_states(),
            lane, "void" if self._pending_void else None,
        )
