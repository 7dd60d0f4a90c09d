"""A lead releases goods from a QC hold at the receiving screen, by scanner alone (see
``station.domain.qc``). Each unit's move is committed (event for central, audit row) before
its verdict; central moves the stock and refuses a move of units the hold does not have."""

from __future__ import annotations

import copy
import uuid

from contract import EventKind, QcMoved
from station.domain.model import Operator, Permission
from station.domain.qc import QcMove, QcRelease
from station.domain.verdict import Sound, Verdict, needs_action, stop
from station.scan import ScanError, code_spellings, parse_scan
from station.services.inbound import BenchUseCases
from station.store import inbound_store as store
from station.store.outbox import audit, enqueue_event

START = "CMD:QC-RELEASE"
LOCATION_PREFIX = "LOC:"


class QcDesk(BenchUseCases):
    """The QC release of one bench; ``release`` is None when none is going on."""

    release: QcRelease | None = None

    @property
    def active(self) -> bool:
        return self.release is not None

    def start(self) -> Verdict:
        who = self._require(Permission.RELEASE_QC, "release goods from a QC hold")
        self.release = QcRelease()
        self._tx(lambda: audit(self._conn, "qc_release_started", who.badge, None))
        return needs_action("qc_release_started", "QC release: scan the QC hold the goods "
                            "are in.", Sound.PROMPT)

    def scan(self, raw: str) -> Verdict:
        """One scan during a QC release: the hold, an item, where it goes, or CLOSE."""
        who = self._require(Permission.RELEASE_QC, "release goods from a QC hold")
        release = self.release
        if release is None:
            return self.start()
        command = raw.strip().upper()
        if command in ("CMD:CLOSE", "CMD:CANCEL", "CMD:CONFIRM"):
            verdict = release.end()
            self.release = None
            self._tx(lambda: audit(self._conn, "qc_release_ended", who.badge, None,
                                   passed=release.passed, failed=release.failed))
            return verdict
        if command.startswith("CMD:"):
            return needs_action("command_not_here", "That command does nothing during a QC "
                                "release: CLOSE ends it.")
        try:
            parsed = parse_scan(raw)
        except ScanError as exc:
            return stop(exc.code, exc.text, **exc.params)
        code = parsed.text.strip()
        if code.upper().startswith(LOCATION_PREFIX):
            code = code[len(LOCATION_PREFIX):]
            return self._place(who, release, code,
                               self._tx(lambda: store.location_kind(self._conn, code)))
        spellings = code_spellings(parsed)

        def resolve() -> tuple[str, str | None]:
            kind = store.location_kind(self._conn, code)
            if kind is not None:
                return "location", kind
            hit = store.sku_of_spellings(self._conn, spellings)
            return ("sku", hit[0]) if hit is not None else ("", None)

        what, value = self._tx(resolve)
        if what == "location":
            return self._place(who, release, code, value)
        if what == "sku" and value is not None:
            return release.item(value)
        return stop("unknown_item", "{code} is no known product or location: set it aside.",
                    Sound.WRONG_ITEM, code=code[:40])

    def _place(self, who: Operator, release: QcRelease, code: str,
               kind: str | None) -> Verdict:
        before = copy.deepcopy(release)
        verdict, move = release.location(code, kind)
        if move is None:
            return verdict
        try:
            self._tx(lambda: self._record(who, move))
        except Exception:
            self.release = before  # not written: the unit is still to place
            raise
        return verdict

    def _record(self, who: Operator, move: QcMove) -> None:
        move_id = uuid.uuid4().hex
        enqueue_event(self._conn, EventKind.QC_MOVED, QcMoved(
            move_id=move_id, sku=move.sku, quantity=1, from_location=move.from_location,
            to_location=move.to_location, passed=move.passed, operator=who.badge))
        audit(self._conn, "qc_passed" if move.passed else "qc_failed", who.badge, move.sku,
              hold=move.from_location, to=move.to_location, move_id=move_id)
