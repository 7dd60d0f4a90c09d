"""The pack session: one state machine per order at the bench (pack steps 1-5).

Every action is decided in two halves: a ``decide`` method looks at the state and returns an
:class:`Outcome` (a verdict plus the events to record) WITHOUT changing anything; ``apply``
then moves the state. The services commit the events to the store first and apply them after,
so the screen never shows something the disk does not have. Replaying the stored events
through ``apply`` rebuilds the session after a restart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from station.domain.events import EventType, SessionEvent
from station.domain.model import Order, Packaging, PackKind, Sku
from station.domain.packing import (
    DEFAULT_TOLERANCE,
    Tolerance,
    box_fits,
    check_weight,
    effective_tolerance,
    expected_weight_g,
    suggest_box,
)
from station.domain.verdict import Sound, Verdict, needs_action, ok, stop

MAX_WEIGHT_G = 1_000_000  # a reading above a tonne is a broken scale, not a parcel
MAX_CAPTURE_LEN = 64


class PackState(StrEnum):
    NEW = "new"
    SCANNING = "scanning"
    AWAITING_LOT = "awaiting_lot"
    AWAITING_SERIAL = "awaiting_serial"
    WRONG_ITEM = "wrong_item"
    SHORT_PICK = "short_pick"
    BOXING = "boxing"
    WEIGHING = "weighing"
    WEIGHT_STOP = "weight_stop"
    READY_TO_FINISH = "ready_to_finish"
    FINISHED = "finished"
    HELD = "held"
    RETURNED_TO_PICK = "returned_to_pick"
    ORDER_STOPPED = "order_stopped"


TERMINAL = frozenset(
    {PackState.FINISHED, PackState.HELD, PackState.RETURNED_TO_PICK, PackState.ORDER_STOPPED}
)
SHORT_PICK_DECISIONS = ("ship_partial", "hold", "return_to_pick")


@dataclass(frozen=True, slots=True)
class Outcome:
    verdict: Verdict
    events: tuple[SessionEvent, ...] = ()


@dataclass
class Parcel:
    """One box of the order. ``closed`` means weighed (or overridden) and ready to label."""

    parcel_no: int
    items: dict[str, int] = field(default_factory=dict)
    lots: list[tuple[str, str, int]] = field(default_factory=list)  # (sku, lot, units)
    serials: list[tuple[str, str]] = field(default_factory=list)  # (sku, serial)
    box_code: str | None = None
    expected_g: int | None = None
    actual_g: int | None = None
    within: bool | None = None
    override_by: str | None = None
    override_reason: str | None = None
    closed: bool = False

    @property
    def empty(self) -> bool:
        return not self.items

    def snapshot(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items()}


@dataclass
class PendingItem:
    sku: str
    units: int
    raw: str | None
    lot: str | None
    serial: str | None
    expiry: str | None


@dataclass(frozen=True, slots=True)
class LineProgress:
    sku: str
    name: str
    ordered: int
    packed: int

    @property
    def remaining(self) -> int:
        return self.ordered - self.packed


class PackSession:
    """Pure state machine; all inputs are already resolved (SKU, units, box...)."""

    def __init__(
        self,
        order: Order,
        skus: Mapping[str, Sku],
        packaging: Iterable[Packaging],
        default_tolerance: Tolerance = DEFAULT_TOLERANCE,
    ) -> None:
        self.order = order
        self.skus = dict(skus)
        self.packaging = {p.code: p for p in packaging}
        self.default_tolerance = default_tolerance
        self.ordered = order.ordered()
        self.state = PackState.NEW
        self.opened_by: str | None = None
        self.parcels: list[Parcel] = []
        self.packed: dict[str, int] = dict.fromkeys(self.ordered, 0)
        self.pending: PendingItem | None = None
        self.wrong_item: SessionEvent | None = None
        self.then_new = False
        self.short_pick_decision: str | None = None
        self.events_applied = 0

    # ----------------------------------------------------------------- views for the UI
    @property
    def current(self) -> Parcel | None:
        return self.parcels[-1] if self.parcels and not self.parcels[-1].closed else None

    @property
    def remaining(self) -> dict[str, int]:
        return {s: q - self.packed[s] for s, q in self.ordered.items() if q > self.packed[s]}

    @property
    def complete(self) -> bool:
        return not self.remaining

    def lines(self) -> list[LineProgress]:
        return [
            LineProgress(s, self.skus[s].name if s in self.skus else s, q, self.packed[s])
            for s, q in self.ordered.items()
        ]

    def suggested_box(self) -> Packaging | None:
        parcel = self.current
        if parcel is None or parcel.empty:
            return None
        return suggest_box(parcel.items, self.skus, self.packaging.values())

    def snapshot(self) -> dict[str, Any]:
        """Everything that defines the session, for comparison after a store round trip."""
        return {
            "order": self.order.order_id,
            "state": str(self.state),
            "opened_by": self.opened_by,
            "packed": dict(self.packed),
            "parcels": [p.snapshot() for p in self.parcels],
            "pending": vars(self.pending).copy() if self.pending else None,
            "wrong_item": self.wrong_item,
            "then_new": self.then_new,
            "short_pick": self.short_pick_decision,
        }

    # ----------------------------------------------------------------- decisions
    def open(self, operator_badge: str) -> Outcome:
        """Step 2: start packing. A cancelled or intercepted order is a hard stop."""
        if self.state is not PackState.NEW:
            return Outcome(ok("already_open", "Order {order} is open.", order=self.order.order_id))
        if self.order.stopped:
            return Outcome(_order_stopped_verdict(self.order.order_id, self.order.status))
        if str(self.order.status) != "released":
            return Outcome(
                stop(
                    "order_not_packable",
                    "Order {order} is {status} and cannot be packed again.",
                    order=self.order.order_id,
                    status=str(self.order.status),
                )
            )
        event = SessionEvent(EventType.OPENED, by=operator_badge)
        return Outcome(
            ok("order_opened", "Order {order} opened: scan the items.", order=self.order.order_id),
            (event,),
        )

    def scan_item(
        self,
        sku: str,
        units: int = 1,
        raw: str | None = None,
        *,
        lot: str | None = None,
        serial: str | None = None,
        expiry: str | None = None,
        pack: PackKind = PackKind.UNIT,
    ) -> Outcome:
        """Step 3: a scan resolved to ``units`` of ``sku`` (a case/inner pack counts N)."""
        blocked = self._blocked_for_items()
        if blocked is not None:
            return Outcome(blocked)
        if sku not in self.ordered:
            name = self.skus[sku].name if sku in self.skus else sku
            event = SessionEvent(EventType.WRONG_ITEM, raw=raw, sku=sku, units=units)
            return Outcome(
                stop(
                    "wrong_item",
                    "Wrong item: {name} is not in order {order}. Put it aside, then scan the "
                    "order barcode or call a lead.",
                    Sound.WRONG_ITEM,
                    name=name,
                    order=self.order.order_id,
                ),
                (event,),
            )
        return self._add_units(sku, units, raw, lot, serial, expiry, pack)

    def enter_quantity(self, sku: str, quantity: int) -> Outcome:
        """Manual count for a bulk line (the service has checked the operator may do this)."""
        blocked = self._blocked_for_items()
        if blocked is not None:
            return Outcome(blocked)
        if sku not in self.ordered:
            return Outcome(
                stop("not_in_order", "{sku} is not in this order.", sku=sku)
            )
        if not self.skus[sku].bulk:
            return Outcome(
                stop(
                    "not_bulk",
                    "{sku} must be scanned; typing a quantity is only for bulk goods.",
                    sku=sku,
                )
            )
        if self.skus[sku].requires_serial:
            return Outcome(
                stop("serial_needs_scan", "{sku} needs a serial per unit: scan each unit.", sku=sku)
            )
        return self._add_units(sku, quantity, None, None, None, None, PackKind.UNIT)

    def scan_text(self, raw: str) -> Outcome:
        """A scan that is no known code: a lot/serial when one is awaited, else unknown."""
        if self.state in (PackState.AWAITING_LOT, PackState.AWAITING_SERIAL):
            return self._capture(raw)
        return Outcome(
            stop(
                "unknown_code",
                "Unknown code {code}: it is not an item, box, order or command.",
                code=_shorten(raw),
            )
        )

    def scan_order_code(self, code: str) -> Outcome:
        """The order's own barcode: acknowledges a wrong item, otherwise just confirms."""
        if code not in self.order.codes:
            return self.scan_other_order(code)
        if self.state is PackState.WRONG_ITEM:
            event = SessionEvent(EventType.ACKNOWLEDGED, raw=code)
            return Outcome(
                ok("wrong_item_acknowledged", "Wrong item set aside. Carry on."), (event,)
            )
        return Outcome(ok("already_open", "Order {order} is open.", order=self.order.order_id))

    def scan_other_order(self, code: str) -> Outcome:
        return Outcome(
            stop(
                "other_order",
                "{code} belongs to another order. Finish order {order} first.",
                code=_shorten(code),
                order=self.order.order_id,
            )
        )

    def acknowledge(self, lead_badge: str) -> Outcome:
        """A lead clears a wrong-item stop (the service has checked the role)."""
        if self.state is not PackState.WRONG_ITEM:
            return Outcome(
                needs_action("nothing_to_acknowledge", "There is nothing to acknowledge.")
            )
        event = SessionEvent(EventType.ACKNOWLEDGED, by=lead_badge)
        return Outcome(
            ok("wrong_item_acknowledged", "Wrong item set aside. Carry on."), (event,)
        )

    def close_parcel(self) -> Outcome:
        """CLOSE: this parcel is done. Missing items go to a lead first (short pick)."""
        if self.state is not PackState.SCANNING:
            return Outcome(self._not_now())
        if self.remaining:
            if not any(self.packed.values()):
                return Outcome(needs_action("nothing_packed", "Scan the items first."))
            missing = ", ".join(f"{s} ×{n}" for s, n in self.remaining.items())
            return Outcome(
                stop(
                    "short_pick",
                    "Items missing: {missing}. A lead must decide: ship partial, hold or "
                    "return to pick.",
                    missing=missing,
                ),
                (SessionEvent(EventType.SHORT_PICK_RAISED),),
            )
        return self._start_boxing(then_new=False)

    def new_parcel(self) -> Outcome:
        """NEW-PARCEL: close this parcel (box, weight) and continue in another one."""
        if self.state is not PackState.SCANNING:
            return Outcome(self._not_now())
        parcel = self.current
        if parcel is None or parcel.empty:
            return Outcome(
                needs_action("parcel_empty", "This parcel is empty: scan items into it.")
            )
        if self.complete:
            return Outcome(needs_action("all_packed", "All items are packed: scan CLOSE."))
        return self._start_boxing(then_new=True)

    def confirm(self) -> Outcome:
        """CONFIRM: take the suggested box."""
        if self.state is PackState.BOXING:
            box = self.suggested_box()
            if box is None:
                return Outcome(
                    needs_action("no_box_fits", "No box in the catalogue fits: scan a box barcode.")
                )
            return self.choose_box(box)
        return Outcome(needs_action("nothing_to_confirm", "There is nothing to confirm now."))

    def cancel(self) -> Outcome:
        """CANCEL: drop a half-captured item, or go back from boxing/weighing to scanning."""
        if self.state in (PackState.AWAITING_LOT, PackState.AWAITING_SERIAL):
            return Outcome(
                ok("pending_cancelled", "Item not counted: put it back.", Sound.PROMPT),
                (SessionEvent(EventType.PENDING_CANCELLED),),
            )
        if self.state in (PackState.BOXING, PackState.WEIGHING, PackState.WEIGHT_STOP):
            return Outcome(
                ok("back_to_scanning", "Back to scanning this parcel.", Sound.PROMPT),
                (SessionEvent(EventType.BOXING_CANCELLED),),
            )
        return Outcome(needs_action("nothing_to_cancel", "There is nothing to cancel now."))

    def choose_box(self, box: Packaging, raw: str | None = None) -> Outcome:
        """Step 4: the box for the current parcel (suggested, or another one scanned)."""
        events: list[SessionEvent] = []
        if self.state is PackState.SCANNING and self.complete and self.current is not None:
            # Scanning a box when everything is packed means "close with this box".
            events.append(SessionEvent(EventType.PARCEL_CLOSING, then_new=False))
        elif self.state not in (PackState.BOXING, PackState.WEIGHING, PackState.WEIGHT_STOP):
            if self.state is PackState.SCANNING:
                return Outcome(
                    needs_action(
                        "box_too_early",
                        "Items are still missing: scan NEW-PARCEL to close this box and go on, "
                        "or CLOSE.",
                    )
                )
            return Outcome(self._not_now())
        parcel = self.current
        assert parcel is not None  # boxing always has an open parcel
        expected = expected_weight_g(parcel.items, self.skus, box)
        events.append(
            SessionEvent(EventType.BOX_CHOSEN, raw=raw, box_code=box.code, expected_g=expected)
        )
        if box_fits(box, parcel.items, self.skus):
            verdict = needs_action(
                "weigh",
                "Box {box}: put the parcel on the scale (expected {grams} g).",
                box=box.name,
                grams=expected,
            )
        else:
            verdict = needs_action(
                "box_may_not_fit",
                "Box {box} looks too small for these items by our data. If they fit, put the "
                "parcel on the scale (expected {grams} g).",
                box=box.name,
                grams=expected,
            )
        return Outcome(verdict, tuple(events))

    def record_weight(self, grams: int) -> Outcome:
        """Step 5: a stable reading in grams against the expected weight and tolerance."""
        if self.state not in (PackState.WEIGHING, PackState.WEIGHT_STOP):
            return Outcome(self._not_now())
        if not isinstance(grams, int) or grams <= 0 or grams > MAX_WEIGHT_G:
            return Outcome(
                stop(
                    "absurd_weight",
                    "The scale reading {grams} g is not a parcel weight. Check the scale.",
                    grams=grams,
                )
            )
        parcel = self.current
        assert parcel is not None and parcel.expected_g is not None
        tolerance = effective_tolerance(
            self.order, parcel.items, self.skus, self.default_tolerance
        )
        check = check_weight(parcel.expected_g, grams, tolerance)
        weighed = SessionEvent(
            EventType.WEIGHED, grams=grams, expected_g=parcel.expected_g, within=check.within
        )
        if check.within:
            return Outcome(
                ok(
                    "parcel_ready",
                    "Parcel {n}: {grams} g is within tolerance. Ready to label.",
                    Sound.DONE,
                    n=parcel.parcel_no,
                    grams=grams,
                ),
                (weighed, SessionEvent(EventType.PARCEL_CLOSED)),
            )
        return Outcome(
            stop(
                "weight_out_of_tolerance",
                "Weight {grams} g is outside tolerance (expected {expected} g ± {allowed} g). "
                "Check the parcel and weigh again, or a lead may override with a reason.",
                grams=grams,
                expected=check.expected_g,
                allowed=check.allowed_g,
            ),
            (weighed,),
        )

    def override_weight(self, lead_badge: str, reason: str) -> Outcome:
        """A lead accepts an out-of-tolerance weight; the reason is recorded (audited)."""
        if self.state is not PackState.WEIGHT_STOP:
            return Outcome(
                needs_action("nothing_to_override", "There is no weight to override now.")
            )
        reason = (reason or "").strip()
        if len(reason) < 3:
            return Outcome(
                needs_action("reason_required", "Give a reason for the weight override.")
            )
        parcel = self.current
        assert parcel is not None
        return Outcome(
            ok(
                "weight_overridden",
                "Weight accepted by {lead}. Parcel {n} is ready to label.",
                Sound.DONE,
                lead=lead_badge,
                n=parcel.parcel_no,
            ),
            (
                SessionEvent(EventType.WEIGHT_OVERRIDDEN, by=lead_badge, reason=reason[:500]),
                SessionEvent(EventType.PARCEL_CLOSED),
            ),
        )

    def decide_short_pick(self, decision: str, lead_badge: str) -> Outcome:
        """The lead's answer to missing items: ship partial, hold, or return to pick."""
        if self.state is not PackState.SHORT_PICK:
            return Outcome(needs_action("no_short_pick", "There is no short pick to decide."))
        if decision not in SHORT_PICK_DECISIONS:
            return Outcome(stop("bad_decision", "Unknown decision {d}.", d=decision))
        if decision == "ship_partial" and not any(self.packed.values()):
            return Outcome(
                stop("nothing_to_ship", "Nothing is packed: choose hold or return to pick.")
            )
        event = SessionEvent(EventType.SHORT_PICK_DECIDED, decision=decision, by=lead_badge)
        texts = {
            "ship_partial": "Shipping what is packed. Choose the box.",
            "hold": "Order on hold: put the items in the hold area.",
            "return_to_pick": "Order sent back to picking: return the tote.",
        }
        return Outcome(needs_action("short_pick_" + decision, texts[decision]), (event,))

    def order_stopped(self, status: str) -> Outcome:
        """Central says the order is cancelled or intercepted: hard stop before any label."""
        if self.state in TERMINAL:
            return Outcome(_order_stopped_verdict(self.order.order_id, status))
        return Outcome(
            _order_stopped_verdict(self.order.order_id, status),
            (SessionEvent(EventType.ORDER_STOPPED, decision=status),),
        )

    def finish(self, operator_badge: str) -> Outcome:
        """All parcels closed: the order is packed."""
        if self.state is not PackState.READY_TO_FINISH:
            return Outcome(self._not_now())
        return Outcome(
            ok("order_packed", "Order {order} packed.", Sound.DONE, order=self.order.order_id),
            (SessionEvent(EventType.FINISHED, by=operator_badge),),
        )

    # ----------------------------------------------------------------- apply
    def apply(self, event: SessionEvent) -> None:
        """Move the state by one recorded fact. Never refuses: validation was in ``decide``."""
        t = event.type
        self.events_applied += 1
        if t is EventType.OPENED:
            self.opened_by = event.by
            self.parcels.append(Parcel(1))
            self.state = PackState.SCANNING
        elif t is EventType.ITEM_PACKED:
            self.pending = None
            self._count(event.sku or "", event.units, event.lot, event.serial)
            self.state = PackState.SCANNING
        elif t is EventType.ITEM_PENDING:
            sku = event.sku or ""
            self.pending = PendingItem(
                sku, event.units, event.raw, event.lot, event.serial, event.expiry
            )
            needs_lot = self.skus[sku].requires_lot and not event.lot
            self.state = PackState.AWAITING_LOT if needs_lot else PackState.AWAITING_SERIAL
        elif t is EventType.LOT_CAPTURED:
            assert self.pending is not None
            self.pending.lot = event.lot
            self.state = PackState.AWAITING_SERIAL
        elif t is EventType.PENDING_CANCELLED:
            self.pending = None
            self.state = PackState.SCANNING
        elif t is EventType.WRONG_ITEM:
            self.wrong_item = event
            self.state = PackState.WRONG_ITEM
        elif t is EventType.ACKNOWLEDGED:
            self.wrong_item = None
            self.state = PackState.SCANNING
        elif t is EventType.PARCEL_CLOSING:
            self.then_new = bool(event.then_new)
            self.state = PackState.BOXING
        elif t is EventType.BOXING_CANCELLED:
            parcel = self._open_parcel()
            parcel.box_code = parcel.expected_g = parcel.actual_g = parcel.within = None
            self.state = PackState.SCANNING
        elif t is EventType.BOX_CHOSEN:
            parcel = self._open_parcel()
            parcel.box_code, parcel.expected_g = event.box_code, event.expected_g
            parcel.actual_g = parcel.within = None
            self.state = PackState.WEIGHING
        elif t is EventType.WEIGHED:
            parcel = self._open_parcel()
            parcel.actual_g, parcel.within = event.grams, event.within
            self.state = PackState.WEIGHING if event.within else PackState.WEIGHT_STOP
        elif t is EventType.WEIGHT_OVERRIDDEN:
            parcel = self._open_parcel()
            parcel.override_by, parcel.override_reason = event.by, event.reason
        elif t is EventType.PARCEL_CLOSED:
            self._open_parcel().closed = True
            if self.then_new:
                self.parcels.append(Parcel(len(self.parcels) + 1))
                self.state = PackState.SCANNING
            else:
                self.state = PackState.READY_TO_FINISH
            self.then_new = False
        elif t is EventType.SHORT_PICK_RAISED:
            self.state = PackState.SHORT_PICK
        elif t is EventType.SHORT_PICK_DECIDED:
            self.short_pick_decision = event.decision
            if event.decision == "ship_partial":
                current = self.current
                if current is not None and current.empty:
                    self.parcels.pop()  # an empty last parcel is not shipped
                    self.state = PackState.READY_TO_FINISH
                else:
                    self.then_new = False
                    self.state = PackState.BOXING
            elif event.decision == "hold":
                self.state = PackState.HELD
            else:
                self.state = PackState.RETURNED_TO_PICK
        elif t is EventType.ORDER_STOPPED:
            self.state = PackState.ORDER_STOPPED
        elif t is EventType.FINISHED:
            self.state = PackState.FINISHED

    def accept(self, outcome: Outcome) -> Verdict:
        """Apply an outcome's events and return its verdict (for callers without a store)."""
        for event in outcome.events:
            self.apply(event)
        return outcome.verdict

    # ----------------------------------------------------------------- internals
    def _open_parcel(self) -> Parcel:
        parcel = self.current
        assert parcel is not None, "event needs an open parcel"
        return parcel

    def _count(self, sku: str, units: int, lot: str | None, serial: str | None) -> None:
        parcel = self._open_parcel()
        parcel.items[sku] = parcel.items.get(sku, 0) + units
        self.packed[sku] = self.packed.get(sku, 0) + units
        if lot:
            parcel.lots.append((sku, lot, units))
        if serial:
            parcel.serials.append((sku, serial))

    def _blocked_for_items(self) -> Verdict | None:
        s = self.state
        if s is PackState.SCANNING:
            return None
        if s is PackState.WRONG_ITEM:
            return stop(
                "wrong_item_pending",
                "A wrong item is waiting: put it aside, then scan the order barcode or call a "
                "lead.",
                Sound.WRONG_ITEM,
            )
        if s in (PackState.AWAITING_LOT, PackState.AWAITING_SERIAL):
            what = "lot" if s is PackState.AWAITING_LOT else "serial number"
            return needs_action(
                "capture_first", "Scan the {what} of the last item first, or CANCEL.", what=what
            )
        if s is PackState.READY_TO_FINISH:
            return stop("over_scan", "Everything is packed: this item is one too many.")
        return self._not_now()

    def _not_now(self) -> Verdict:
        texts = {
            PackState.NEW: "Open an order first.",
            PackState.SHORT_PICK: "Waiting for a lead to decide about the missing items.",
            PackState.BOXING: "Choose the box first: scan a box barcode or CONFIRM.",
            PackState.WEIGHING: "Put the parcel on the scale.",
            PackState.WEIGHT_STOP: "The weight is out of tolerance: weigh again or ask a lead.",
            PackState.WRONG_ITEM: "A wrong item is waiting: scan the order barcode or call a "
            "lead.",
            PackState.READY_TO_FINISH: "All parcels are closed: finish the order.",
        }
        if self.state in TERMINAL:
            return stop("session_ended", "This pack session has ended.")
        text = texts.get(self.state, "That is not possible now.")
        return needs_action("not_now", text)

    def _add_units(
        self,
        sku: str,
        units: int,
        raw: str | None,
        lot: str | None,
        serial: str | None,
        expiry: str | None,
        pack: PackKind,
    ) -> Outcome:
        item = self.skus[sku]
        left = self.ordered[sku] - self.packed[sku]
        if not isinstance(units, int) or units <= 0:
            return Outcome(stop("bad_quantity", "A quantity must be a whole number above 0."))
        if units > left:
            if left == 0:
                return Outcome(
                    stop(
                        "over_scan",
                        "All {ordered} of {name} are already packed: this one is too many.",
                        ordered=self.ordered[sku],
                        name=item.name,
                    )
                )
            return Outcome(
                stop(
                    "over_scan_pack" if pack is not PackKind.UNIT else "over_quantity",
                    "{units} units of {name} is more than the {left} still needed. Nothing was "
                    "counted.",
                    units=units,
                    name=item.name,
                    left=left,
                )
            )
        if item.requires_serial and units > 1:
            return Outcome(
                needs_action(
                    "serial_per_unit",
                    "{name} needs a serial number per unit: open the pack and scan each unit.",
                    name=item.name,
                )
            )
        if serial and self._serial_packed(sku, serial):
            return Outcome(
                stop("duplicate_serial", "Serial {serial} is already packed.", serial=serial)
            )
        need_lot = item.requires_lot and not lot
        need_serial = item.requires_serial and not serial
        if need_lot or need_serial:
            event = SessionEvent(
                EventType.ITEM_PENDING, raw=raw, sku=sku, units=units, lot=lot, serial=serial,
                expiry=expiry,
            )
            what = "lot" if need_lot else "serial number"
            return Outcome(
                needs_action(
                    "capture_" + ("lot" if need_lot else "serial"),
                    "Scan or type the {what} of {name}.",
                    what=what,
                    name=item.name,
                ),
                (event,),
            )
        event = SessionEvent(
            EventType.ITEM_PACKED, raw=raw, sku=sku, units=units, lot=lot, serial=serial,
            expiry=expiry,
        )
        return Outcome(self._packed_verdict(sku, units), (event,))

    def _packed_verdict(self, sku: str, units: int) -> Verdict:
        packed = self.packed[sku] + units
        if packed == self.ordered[sku] and sum(self.remaining.values()) == units:
            return ok(
                "order_complete", "All items packed: scan CLOSE to choose the box.", Sound.DONE
            )
        return ok(
            "item_packed",
            "{name}: {packed} of {ordered}.",
            name=self.skus[sku].name,
            packed=packed,
            ordered=self.ordered[sku],
        )

    def _serial_packed(self, sku: str, serial: str) -> bool:
        return any((sku, serial) in p.serials for p in self.parcels)

    def _capture(self, raw: str) -> Outcome:
        text = raw.strip()  # a typed/scanned lot is plain text, no GS1 separators to keep
        pending = self.pending
        assert pending is not None
        lot: str | None
        serial: str | None
        if not text or len(text) > MAX_CAPTURE_LEN or not text.isprintable():
            return Outcome(
                stop(
                    "bad_capture",
                    "That does not look like a lot or serial number (1 to 64 printable "
                    "characters).",
                )
            )
        if self.state is PackState.AWAITING_LOT:
            if self.skus[pending.sku].requires_serial and not pending.serial:
                return Outcome(
                    needs_action(
                        "capture_serial",
                        "Lot {lot} noted. Scan or type the serial number.",
                        lot=text,
                    ),
                    (SessionEvent(EventType.LOT_CAPTURED, raw=raw, lot=text),),
                )
            lot, serial = text, pending.serial
        else:
            if self._serial_packed(pending.sku, text):
                return Outcome(
                    stop("duplicate_serial", "Serial {serial} is already packed.", serial=text)
                )
            lot, serial = pending.lot, text
        event = SessionEvent(
            EventType.ITEM_PACKED, raw=pending.raw, sku=pending.sku, units=pending.units,
            lot=lot, serial=serial, expiry=pending.expiry,
        )
        return Outcome(self._packed_verdict(pending.sku, pending.units), (event,))

    def _start_boxing(self, then_new: bool) -> Outcome:
        parcel = self.current
        assert parcel is not None
        box = suggest_box(parcel.items, self.skus, self.packaging.values())
        event = SessionEvent(EventType.PARCEL_CLOSING, then_new=then_new)
        if box is None:
            verdict = needs_action(
                "no_box_fits", "No box in the catalogue fits: scan a box barcode."
            )
        else:
            verdict = needs_action(
                "choose_box",
                "Suggested box: {box}. Scan CONFIRM to use it, or scan another box.",
                box=box.name,
                box_code=box.code,
            )
        return Outcome(verdict, (event,))


def _order_stopped_verdict(order_id: str, status: str) -> Verdict:
    return stop(
        "order_stopped",
        "Order {order} is {status}: do not ship it. Put the items aside for a lead.",
        order=order_id,
        status=str(status),
    )


def _shorten(text: str, limit: int = 40) -> str:
    shown = text.replace("\x1d", "<GS>")
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
