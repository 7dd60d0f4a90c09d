"""A return: items of a shipped order coming back, with reason, condition and where they go.

Pure rules, no I/O; facts are recorded and replayed like a receipt's. Resellable goods are
restocked to a storage bin, damaged goods go to a quarantine location; the refund or exchange
decision is recorded for the seller. Never more units come back than the order shipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from station.domain.verdict import Sound, Verdict, needs_action, ok, stop

REASONS = ("unwanted", "damaged", "wrong_item", "defective", "other")
CONDITIONS = ("resellable", "damaged")
# Grades beyond the condition, each with the condition it implies (where the unit goes):
# A like new and B opened or used are resold (B as second-grade stock at the seller's
# choice); C damaged and missing parts go to quarantine.
GRADES = {"A": "resellable", "B": "resellable", "C": "damaged", "missing_parts": "damaged"}
DECISIONS = ("refund", "exchange")


class ReturnFactType(StrEnum):
    REASON = "reason"  # reason for the next items
    CONDITION = "condition"  # condition of the next items
    ITEM = "item"
    PLACED = "placed"  # the items not yet placed go to this location
    DECIDED = "decided"
    LABEL = "label"  # a return label was printed with this tracking number
    FINISHED = "finished"
    CANCELLED = "cancelled"  # abandoned before anything was recorded: nothing goes to central


@dataclass(frozen=True, slots=True)
class ReturnFact:
    type: ReturnFactType
    sku: str | None = None
    units: int = 0
    reason: str | None = None
    condition: str | None = None
    location: str | None = None
    decision: str | None = None
    label: str | None = None
    raw: str | None = None
    by: str | None = None
    grade: str | None = None


@dataclass
class ReturnLine:
    sku: str
    units: int
    reason: str
    condition: str
    location: str | None = None
    grade: str | None = None

    @property
    def disposition(self) -> str:
        return "restock" if self.condition == "resellable" else "quarantine"


@dataclass(frozen=True, slots=True)
class ReturnOutcome:
    verdict: Verdict
    facts: tuple[ReturnFact, ...] = ()


@dataclass
class Return:
    return_id: str
    order_id: str
    returnable: dict[str, int]  # shipped minus returned before, per SKU
    tracking_number: str | None = None
    rma: str | None = None
    reason: str | None = None
    condition: str | None = None
    grade: str | None = None
    lines: list[ReturnLine] = field(default_factory=list)
    decision: str | None = None
    label: str | None = None
    finished: bool = False

    def returned(self, sku: str) -> int:
        return sum(ln.units for ln in self.lines if ln.sku == sku)

    # ------------------------------------------------------------------ decisions
    def choose_reason(self, reason: str) -> ReturnOutcome:
        if reason not in REASONS:
            return ReturnOutcome(stop("bad_reason", "{reason} is not a return reason.",
                                      reason=reason))
        return ReturnOutcome(ok("reason_set", "Reason: {reason}. Scan the condition, then the "
                                "items.", reason=reason),
                             (ReturnFact(ReturnFactType.REASON, reason=reason),))

    def choose_condition(self, condition: str) -> ReturnOutcome:
        if condition not in CONDITIONS:
            return ReturnOutcome(stop("bad_condition", "{condition} is not a condition.",
                                      condition=condition))
        return ReturnOutcome(ok("condition_set", "Condition: {condition}. Scan the items.",
                                condition=condition),
                             (ReturnFact(ReturnFactType.CONDITION, condition=condition),))

    def choose_grade(self, grade: str) -> ReturnOutcome:
        """A grade sets the condition it implies (A/B resellable, C/missing parts damaged)."""
        condition = GRADES.get(grade)
        if condition is None:
            return ReturnOutcome(stop("bad_grade", "{grade} is not a grade.", grade=grade))
        return ReturnOutcome(ok("grade_set", "Grade {grade} ({condition}). Scan the items.",
                                grade=grade, condition=condition),
                             (ReturnFact(ReturnFactType.CONDITION, condition=condition,
                                         grade=grade),))

    def item(self, sku: str, units: int, raw: str | None = None) -> ReturnOutcome:
        if self.finished:
            return ReturnOutcome(stop("return_closed", "This return is closed."))
        if self.reason is None or self.condition is None:
            return ReturnOutcome(needs_action(
                "reason_first", "Scan the reason and the condition first, then the item."))
        if sku not in self.returnable:
            return ReturnOutcome(stop(
                "not_in_order", "{sku} was not shipped in order {order}: set it aside.",
                Sound.WRONG_ITEM, sku=sku, order=self.order_id))
        left = self.returnable[sku] - self.returned(sku)
        if units > left:
            return ReturnOutcome(stop(
                "more_than_shipped", "Order {order} shipped only {left} more of {sku}: this "
                "unit is not counted.", Sound.WRONG_ITEM, order=self.order_id, left=left,
                sku=sku))
        said = {"sku": sku, "reason": self.reason, "condition": self.condition}
        if self.condition == "resellable":
            verdict = needs_action("item_returned", "{sku} returned ({reason}, {condition}). "
                                   "Scan a storage bin to restock it.", Sound.ACCEPT, **said)
        else:
            verdict = needs_action("item_returned", "{sku} returned ({reason}, {condition}). "
                                   "Scan the quarantine location.", Sound.ACCEPT, **said)
        return ReturnOutcome(
            verdict,
            (ReturnFact(ReturnFactType.ITEM, sku, units, self.reason, self.condition, raw=raw,
                        grade=self.grade),))

    def place(self, location: str, kind: str | None) -> ReturnOutcome:
        """A location scan: the unplaced items whose condition fits this kind go there."""
        if kind is None:
            return ReturnOutcome(stop("unknown_location", "Location {location} does not exist. "
                                      "Scan a location label of this warehouse.",
                                      location=location))
        waiting = [ln for ln in self.lines if ln.location is None]
        if not waiting:
            return ReturnOutcome(needs_action("nothing_to_place", "Scan an item first."))
        wanted = "bin" if kind == "bin" else "quarantine"
        fits = [ln for ln in waiting if (ln.disposition == "restock") == (wanted == "bin")]
        if not fits:
            return ReturnOutcome(stop(
                "wrong_location_kind", "Damaged goods go to quarantine, resellable goods to a "
                "storage bin: {location} does not fit.", location=location))
        return ReturnOutcome(
            ok("placed", "{n} item(s) go to {location}.", n=sum(ln.units for ln in fits),
               location=location),
            (ReturnFact(ReturnFactType.PLACED, location=location,
                        condition="resellable" if wanted == "bin" else "damaged", raw=location),))

    def decide(self, decision: str, by: str) -> ReturnOutcome:
        if decision not in DECISIONS:
            return ReturnOutcome(stop("bad_decision", "{decision} is not a decision.",
                                      decision=decision))
        return ReturnOutcome(ok("decided", "Decision for the seller: {decision}.",
                                decision=decision),
                             (ReturnFact(ReturnFactType.DECIDED, decision=decision, by=by),))

    def finish(self) -> ReturnOutcome:
        if self.finished:
            return ReturnOutcome(ok("already_finished", "This return is already closed."))
        if not self.lines:
            return ReturnOutcome(needs_action("nothing_returned", "Scan the returned items."))
        if any(ln.location is None for ln in self.lines):
            return ReturnOutcome(needs_action("place_first", "Scan where the returned items "
                                              "go (a bin or quarantine) before closing."))
        if self.decision is None:
            return ReturnOutcome(needs_action("decide_first", "Scan REFUND or EXCHANGE before "
                                              "closing."))
        return ReturnOutcome(ok("return_finished", "Return of order {order} recorded: "
                                "{decision}.", Sound.DONE, order=self.order_id,
                                decision=self.decision),
                             (ReturnFact(ReturnFactType.FINISHED),))

    def cancel(self) -> ReturnOutcome:
        """Abandon the return (wrong parcel opened): only while nothing is recorded, since a
        counted unit is never lost."""
        if self.finished:
            return ReturnOutcome(ok("already_finished", "This return is already closed."))
        if self.lines:
            return ReturnOutcome(needs_action(
                "cancel_items_recorded", "Items of this return are recorded already: place "
                "them and close it (CLOSE)."))
        return ReturnOutcome(ok("return_cancelled", "Return of order {order} cancelled: "
                                "nothing was recorded.", Sound.DONE, order=self.order_id),
                             (ReturnFact(ReturnFactType.CANCELLED),))

    # ------------------------------------------------------------------ state
    def apply(self, fact: ReturnFact) -> None:
        t = fact.type
        if t is ReturnFactType.REASON:
            self.reason = fact.reason
        elif t is ReturnFactType.CONDITION:
            self.condition, self.grade = fact.condition, fact.grade
        elif t is ReturnFactType.ITEM and fact.sku:
            self.lines.append(ReturnLine(fact.sku, fact.units, fact.reason or "other",
                                         fact.condition or "damaged", grade=fact.grade))
        elif t is ReturnFactType.PLACED:
            for ln in self.lines:
                if ln.location is None and ln.condition == fact.condition:
                    ln.location = fact.location
        elif t is ReturnFactType.DECIDED:
            self.decision = fact.decision
        elif t is ReturnFactType.LABEL:
            self.label = fact.label
        elif t in (ReturnFactType.FINISHED, ReturnFactType.CANCELLED):
            self.finished = True
