"""A receipt: inbound goods counted against their notice, put away by SKU, discrepancies.

Pure rules, no I/O. Every accepted action is a :class:`ReceiptFact`; the store keeps them in
order and replaying them through :meth:`Receipt.apply` rebuilds the receipt exactly (that is
how a restart resumes). Units beyond the notice are never counted as received: they are
recorded as an over-delivery and set aside, so stock never grows by more than was announced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from station.domain.verdict import Sound, Verdict, needs_action, ok, stop


class FactType(StrEnum):
    COUNTED = "counted"  # units of a SKU of the notice
    OVER = "over"  # units beyond the notice (or of a SKU it does not list): set aside
    UNKNOWN = "unknown"  # a code that names no product
    PUT_AWAY = "put_away"  # the location of a SKU's counted units
    FINISHED = "finished"


@dataclass(frozen=True, slots=True)
class ReceiptFact:
    type: FactType
    sku: str | None = None  # for UNKNOWN: the scanned code
    units: int = 0
    location: str | None = None
    raw: str | None = None
    lot: str | None = None  # COUNTED units of a lot-tracked SKU: their lot
    expiry: str | None = None  # and its expiry date (YYYY-MM-DD) when the pack says it


class DiscrepancyKind(StrEnum):
    OVER = "over"
    UNDER = "under"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Discrepancy:
    kind: DiscrepancyKind
    item: str  # SKU, or the scanned code of an unknown item
    quantity: int


@dataclass(frozen=True, slots=True)
class Outcome:
    verdict: Verdict
    facts: tuple[ReceiptFact, ...] = ()


@dataclass
class Receipt:
    """One inbound notice being counted at one bench."""

    receipt_id: str
    notice_id: str
    expected: dict[str, int]
    counted: dict[str, int] = field(default_factory=dict)
    over: dict[str, int] = field(default_factory=dict)
    unknown: dict[str, int] = field(default_factory=dict)
    location: dict[str, str] = field(default_factory=dict)  # where the SKU's next units go
    # Put-away is a fact per counted quantity and bin: units counted go to the SKU's bin of
    # the moment; units counted before any bin wait in ``unplaced`` for the next bin scan.
    placed: dict[tuple[str, str], int] = field(default_factory=dict)
    unplaced: dict[str, int] = field(default_factory=dict)
    current: str | None = None  # the SKU the next location scan is for
    finished: bool = False
    # where each SKU was put away last at this station: suggested when it has no bin yet
    suggested: dict[str, str] = field(default_factory=dict)
    # lot-tracked SKUs: each counted unit needs its lot; units per (sku, lot, expiry)
    lot_skus: frozenset[str] = frozenset()
    lots: dict[tuple[str, str, str | None], int] = field(default_factory=dict)

    # ------------------------------------------------------------------ decisions
    def count(self, sku: str, units: int, raw: str | None = None, lot: str | None = None,
              expiry: str | None = None) -> Outcome:
        """A scan of ``units`` of ``sku`` (a case barcode counts its units); a lot-tracked
        SKU's units are counted only with their ``lot``."""
        if self.finished:
            return Outcome(stop("receipt_closed", "Receipt {notice} is closed.",
                                notice=self.notice_id))
        if units < 1:
            return Outcome(stop("bad_quantity", "A count must be at least 1."))
        if sku in self.lot_skus and sku in self.expected and not lot:
            return Outcome(needs_action(
                "scan_lot", "{sku} is received with its lot: scan the lot (or the GS1 code "
                "with lot and expiry) printed on the pack.", Sound.PROMPT, sku=sku))
        if sku not in self.expected:
            fact = ReceiptFact(FactType.OVER, sku, units, raw=raw)
            return Outcome(stop(
                "not_on_notice",
                "{sku} is not on notice {notice}: set it aside. Recorded as a discrepancy.",
                Sound.WRONG_ITEM, sku=sku, notice=self.notice_id), (fact,))
        left = self.expected[sku] - self.counted.get(sku, 0)
        take = min(units, left)
        facts = []
        if take:
            facts.append(ReceiptFact(FactType.COUNTED, sku, take, raw=raw, lot=lot,
                                     expiry=expiry))
        if units > take:
            facts.append(ReceiptFact(FactType.OVER, sku, units - take, raw=raw))
            return Outcome(stop(
                "over_notice",
                "More units of {sku} than notice {notice} announced ({expected}): set {extra} "
                "aside. Recorded as over-delivery, not put away.",
                Sound.WRONG_ITEM, sku=sku, notice=self.notice_id,
                expected=self.expected[sku], extra=units - take), tuple(facts))
        done = self.counted.get(sku, 0) + take
        if sku not in self.location and sku in self.suggested:
            return Outcome(needs_action(
                "counted_scan_location", "Counted {sku}: {done} of {expected}. Scan its "
                "put-away location: it was last put away to {suggested}.", Sound.ACCEPT,
                sku=sku, done=done, expected=self.expected[sku],
                suggested=self.suggested[sku]), tuple(facts))
        if sku not in self.location:
            return Outcome(needs_action(
                "counted_scan_location", "Counted {sku}: {done} of {expected}. Scan its "
                "put-away location.", Sound.ACCEPT, sku=sku, done=done,
                expected=self.expected[sku]), tuple(facts))
        return Outcome(ok("counted", "Counted {sku}: {done} of {expected}, to {location}.",
                          sku=sku, done=done, expected=self.expected[sku],
                          location=self.location[sku]), tuple(facts))

    def unknown_item(self, code: str) -> Outcome:
        if self.finished:
            return Outcome(stop("receipt_closed", "Receipt {notice} is closed.",
                                notice=self.notice_id))
        return Outcome(stop(
            "unknown_item", "{code} is no known product: set it aside. Recorded as a "
            "discrepancy.", Sound.WRONG_ITEM, code=code),
            (ReceiptFact(FactType.UNKNOWN, code, 1, raw=code),))

    def put_away(self, location: str, kind: str | None) -> Outcome:
        """A location scan: where the last counted SKU goes. ``kind`` is None if unknown."""
        if kind is None:
            return Outcome(stop("unknown_location", "Location {location} does not exist. Scan "
                                "a location label of this warehouse.", location=location))
        if kind not in ("bin", "qc_hold"):
            return Outcome(stop("not_a_bin", "{location} is not a storage bin: received goods "
                                "are put away to a bin or a QC hold.", location=location))
        sku = self.current
        if sku is None:
            return Outcome(needs_action("count_first", "Scan an item first, then its location."))
        if self.location.get(sku) == location:
            return Outcome(ok("already_put_away", "{sku} already goes to {location}.",
                              sku=sku, location=location))
        fact = (ReceiptFact(FactType.PUT_AWAY, sku, location=location, raw=location),)
        if kind == "qc_hold":  # counted stock, not for orders until a lead releases it
            return Outcome(ok("put_away_qc", "{sku} goes to QC hold {location}: not for "
                              "orders until it passes QC.", sku=sku, location=location), fact)
        return Outcome(ok("put_away", "{sku} goes to {location}.", sku=sku, location=location),
                       fact)

    def finish(self) -> Outcome:
        """Close the receipt: every counted SKU needs its location; shortfalls are listed."""
        if self.finished:
            return Outcome(ok("already_finished", "Receipt {notice} is already closed.",
                              notice=self.notice_id))
        if not any(self.counted.values()) and not self.over and not self.unknown:
            return Outcome(needs_action("nothing_counted", "Nothing is counted yet."))
        missing = [s for s, n in self.unplaced.items() if n]
        if missing:
            self.current = missing[0]
            return Outcome(needs_action(
                "location_missing", "Scan the put-away location of {sku} before closing.",
                sku=missing[0]))
        found = self.discrepancies()
        fact = (ReceiptFact(FactType.FINISHED),)
        short = sum(d.quantity for d in found if d.kind is DiscrepancyKind.UNDER)
        if short:
            return Outcome(needs_action(
                "finished_with_discrepancies", "Receipt {notice} closed with {n} "
                "discrepancies; they go to the WMS with it, and the {short} units not found "
                "stay announced as a backorder notice.", Sound.DONE, notice=self.notice_id,
                n=len(found), short=short), fact)
        if found:
            return Outcome(needs_action(
                "finished_with_discrepancies", "Receipt {notice} closed with {n} "
                "discrepancies; they go to the WMS with it.", Sound.DONE,
                notice=self.notice_id, n=len(found)), fact)
        return Outcome(ok("finished", "Receipt {notice} closed: everything as announced.",
                          Sound.DONE, notice=self.notice_id), fact)

    # ------------------------------------------------------------------ state
    def apply(self, fact: ReceiptFact) -> None:
        """Apply one recorded fact (live, or replayed from the store on resume)."""
        if fact.type is FactType.COUNTED and fact.sku:
            self.counted[fact.sku] = self.counted.get(fact.sku, 0) + fact.units
            if fact.lot:
                lot_key = (fact.sku, fact.lot, fact.expiry)
                self.lots[lot_key] = self.lots.get(lot_key, 0) + fact.units
            self.current = fact.sku
            bin_now = self.location.get(fact.sku)
            if bin_now is None:
                self.unplaced[fact.sku] = self.unplaced.get(fact.sku, 0) + fact.units
            else:
                key = (fact.sku, bin_now)
                self.placed[key] = self.placed.get(key, 0) + fact.units
        elif fact.type is FactType.OVER and fact.sku:
            self.over[fact.sku] = self.over.get(fact.sku, 0) + fact.units
        elif fact.type is FactType.UNKNOWN and fact.sku:
            self.unknown[fact.sku] = self.unknown.get(fact.sku, 0) + fact.units
        elif fact.type is FactType.PUT_AWAY and fact.sku and fact.location:
            self.location[fact.sku] = fact.location
            waiting = self.unplaced.pop(fact.sku, 0)
            if waiting:
                key = (fact.sku, fact.location)
                self.placed[key] = self.placed.get(key, 0) + waiting
        elif fact.type is FactType.FINISHED:
            self.finished = True

    def put_away_lines(self) -> list[tuple[str, str | None, int]]:
        """(sku, bin, units) for every counted quantity, in notice order then bin order."""
        out: list[tuple[str, str | None, int]] = []
        for sku in self.expected:
            bins = [(loc, n) for (s, loc), n in self.placed.items() if s == sku and n]
            out += [(sku, loc, n) for loc, n in bins]
            if self.unplaced.get(sku):
                out.append((sku, None, self.unplaced[sku]))
        return out

    def discrepancies(self) -> list[Discrepancy]:
        """Over, under and unknown, in notice order then scan order."""
        out = []
        for sku, want in self.expected.items():
            have = self.counted.get(sku, 0)
            if have < want:
                out.append(Discrepancy(DiscrepancyKind.UNDER, sku, want - have))
        out += [Discrepancy(DiscrepancyKind.OVER, s, n) for s, n in self.over.items()]
        out += [Discrepancy(DiscrepancyKind.UNKNOWN, c, n) for c, n in self.unknown.items()]
        return out
