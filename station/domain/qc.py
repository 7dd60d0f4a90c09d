"""Releasing goods from a QC hold, by scanner: the hold the goods are in, then each unit and
where it goes. A bin means it passed the check, the quarantine that it failed. No I/O: the
service records each move (an event for central, an audit row) before the next scan.

    QC-RELEASE → scan the QC hold → scan an item → scan a bin (passed) or the quarantine
    (failed) → the next item … → CLOSE
"""

from __future__ import annotations

from dataclasses import dataclass, field

from station.domain.verdict import Sound, Verdict, needs_action, ok, stop


@dataclass(frozen=True, slots=True)
class QcMove:
    """One unit checked: from the hold to ``to_location``; ``passed`` when that is a bin."""

    sku: str
    from_location: str
    to_location: str
    passed: bool


@dataclass
class QcRelease:
    """One lead's QC release at one bench (nothing is kept between moves but the hold)."""

    hold: str | None = None
    pending: str | None = None  # the SKU scanned, waiting for where it goes
    passed: int = 0
    failed: int = 0
    moves: list[QcMove] = field(default_factory=list)

    def location(self, code: str, kind: str | None) -> tuple[Verdict, QcMove | None]:
        """A location scanned: the hold first, then where the pending unit goes."""
        if kind is None:
            return stop("unknown_location", "Location {location} does not exist. Scan a "
                        "location label of this warehouse.", location=code), None
        if self.hold is None or (kind == "qc_hold" and self.pending is None):
            if kind != "qc_hold":
                return stop("not_a_qc_hold", "{location} is not a QC hold: scan the QC hold "
                            "the goods are in.", location=code), None
            self.hold = code
            return needs_action("qc_hold_chosen", "QC hold {location}: scan an item.",
                                Sound.ACCEPT, location=code), None
        sku = self.pending
        if sku is None:
            return needs_action("qc_item_first", "Scan an item from {hold} first, then where "
                                "it goes.", hold=self.hold), None
        if kind not in ("bin", "quarantine"):
            return stop("qc_bin_or_quarantine", "{sku} goes to a bin (passed QC) or the "
                        "quarantine (failed QC); {location} is neither.", sku=sku,
                        location=code), None
        move = QcMove(sku, self.hold, code, passed=kind == "bin")
        self.pending = None
        self.moves.append(move)
        if move.passed:
            self.passed += 1
            return ok("qc_passed", "{sku} passed QC: to {location}.", sku=sku,
                      location=code), move
        self.failed += 1
        return ok("qc_failed", "{sku} failed QC: to quarantine {location}.", Sound.DONE,
                  sku=sku, location=code), move

    def item(self, sku: str) -> Verdict:
        """A product scanned at the hold: where does it go?"""
        if self.hold is None:
            return needs_action("qc_hold_first", "Scan the QC hold the goods are in first.")
        if self.pending is not None and self.pending != sku:
            return stop("qc_place_first", "Put {sku} away first: scan a bin (passed) or the "
                        "quarantine (failed).", sku=self.pending)
        self.pending = sku
        return needs_action("qc_where", "{sku}: scan a bin if it passed QC, the quarantine if "
                            "it failed.", Sound.ACCEPT, sku=sku)

    def end(self) -> Verdict:
        """CLOSE or CANCEL: a unit scanned but not placed stays in the hold."""
        left = self.pending
        if left is not None:
            return ok("qc_release_ended_pending", "QC release ended: {passed} passed, "
                      "{failed} failed; {sku} stays in the QC hold.", passed=self.passed,
                      failed=self.failed, sku=left)
        return ok("qc_release_ended", "QC release ended: {passed} passed, {failed} failed.",
                  passed=self.passed, failed=self.failed)
