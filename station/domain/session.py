"""The pack session: one state machine per order at the bench (pack steps 1-5).

Every action is decided in two halves: a ``decide`` method looks at the state and returns an
:class:`Outcome` (a verdict plus the events to record) WITHOUT changing anything; ``apply``
then moves the state. The services commit the events to the store first and apply them after,
so the screen never shows something the disk does not have. Replaying the stored events
through ``apply`` rebuilds the session after a restart.
"""

from __future__ import annotations

from station.domain.events import EventType, SessionEvent
from station.domain.item_rules import ItemRules
from station.domain.model import Packaging
from station.domain.packing import (
    box_fits,
    check_weight,
    effective_tolerance,
    expected_weight_g,
    suggest_box,
)
from station.domain.session_state import (
    MAX_WEIGHT_G,
    SHORT_PICK_DECISIONS,
    TERMINAL,
    LineProgress,
    Outcome,
    PackState,
    Parcel,
    PendingItem,
    shorten,
)
from station.domain.verdict import Sound, Verdict, needs_action, ok, stop

__all__ = [
    "TERMINAL", "LineProgress", "Outcome", "PackSession", "PackState", "Parcel", "PendingItem",
]


class PackSession(ItemRules):
    """Pure state machine; all inputs are already resolved (SKU, units, box...).

    Item rules live in :class:`ItemRules`; this class holds opening, acknowledgment,
    parcels, boxes, weighing, short picks, finishing, and ``apply``.
    """

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
                code=shorten(code),
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
        """CANCEL: drop a half-captured item, or go back to scanning from boxing, weighing or
        a short pick not yet decided."""
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
        if self.state is PackState.SHORT_PICK:
            # The packer found the missing items before the lead came.
            return Outcome(
                ok("short_pick_withdrawn", "Back to scanning: scan the items you found.",
                   Sound.PROMPT),
                (SessionEvent(EventType.SHORT_PICK_WITHDRAWN),),
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
                "{box}: put the parcel on the scale (expected {grams} g).",
                box=box.name,
                grams=expected,
            )
        else:
            verdict = needs_action(
                "box_may_not_fit",
                "{box} looks too small for these items by our data. If they fit, put the "
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

    def override_weight(
        self, lead_badge: str, reason: str, lead_name: str | None = None
    ) -> Outcome:
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
                lead=lead_name or lead_badge,
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

    def put_aside(self, lead_badge: str, reason: str) -> Outcome:
        """A lead takes the open order off the bench (held), whatever state it is stuck in:
        a refusal central gave for a reason the bench cannot fix, a printer that is gone."""
        if self.state in TERMINAL:
            return Outcome(needs_action("nothing_to_put_aside", "No order is open."))
        return Outcome(
            ok("order_put_aside", "Order {order} put aside by {lead}: take it off the bench "
               "to the lead's shelf.", Sound.PROMPT, order=self.order.order_id, lead=lead_badge),
            (SessionEvent(EventType.PUT_ASIDE, by=lead_badge, decision=reason[:200]),),
        )

    def labels_waiting(self, operator_badge: str) -> Outcome:
        """Every parcel is packed but central, the only source of this carrier's labels, is
        away: the order leaves the bench; its parcels wait on the shelf for PRINT-WAITING."""
        if self.state is not PackState.READY_TO_FINISH:
            return Outcome(self._not_now())
        return Outcome(
            needs_action(
                "order_label_waiting",
                "Order {order} is packed; its {carrier} label cannot be had until the central "
                "server answers. Put the parcels on the waiting shelf and go on with the next "
                "order; scan PRINT-WAITING when the network is back.",
                Sound.PROMPT, order=self.order.order_id, carrier=self.order.carrier),
            (SessionEvent(EventType.LABEL_WAITING, by=operator_badge),),
        )

    def resume_labels(self, operator_badge: str) -> Outcome:
        """PRINT-WAITING: the order comes back to the bench to print its waiting labels."""
        if self.state is not PackState.LABEL_WAITING:
            return Outcome(self._not_now())
        return Outcome(
            ok("label_resumed", "Printing the waiting labels of order {order}: take its "
               "parcels from the waiting shelf.", Sound.PROMPT, order=self.order.order_id),
            (SessionEvent(EventType.LABEL_RESUMED, by=operator_badge),),
        )

    def finish(self, operator_badge: str) -> Outcome:
        """All parcels closed: the order is packed."""
        if self.state is not PackState.READY_TO_FINISH:
            return Outcome(self._not_now())
        return Outcome(
            ok("order_packed", "Order {order} packed.", Sound.DONE, order=self.order.order_id),
            (SessionEvent(EventType.FINISHED, by=operator_badge),),
        )

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
        elif t is EventType.SHORT_PICK_WITHDRAWN:
            self.state = PackState.SCANNING
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
        elif t is EventType.PUT_ASIDE:
            self.state = PackState.HELD
        elif t is EventType.LABEL_WAITING:
            self.state = PackState.LABEL_WAITING
        elif t is EventType.LABEL_RESUMED:
            self.state = PackState.READY_TO_FINISH
        elif t is EventType.FINISHED:
            self.state = PackState.FINISHED

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
