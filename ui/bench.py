"""The bench controller: the window's listener on the runtime's bench. It owns no rule.

:class:`station.runtime.StationRuntime` queues scans on the single store lane in arrival
order (two scans 5 ms apart are both handled, in order, none lost), filters scale readings
and prints the labels the core asks for on the print lane. This controller only forwards the
screens' input to it and carries its answers back to the GUI thread as signals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from station.runtime import StationRuntime
from station.services.bench_view import PackView
from ui.ops import OpFailure, Ops
from ui.qt import QObject, QTimer, Signal

# The GS1 tables (~50 ms of imports) load this long after start-up: loaded at once, they
# competed with the window for the interpreter and delayed the ready pack screen; loaded at
# the first GS1 scan, that scan would pay for them.
PRELOAD_AFTER_MS = 1500

if TYPE_CHECKING:  # types only: the core loads on the store lane, after the first paint
    from station.services.bench import Bench, BenchAnswer
    from station.services.label_step import LabelResult
    from station.services.lead_proof import LeadProof


class BenchController(QObject):
    """Glue between the screens and one runtime's bench (built on the store lane)."""

    answered = Signal(object)  # BenchAnswer after a scan or an action (verdict may be None)
    view_changed = Signal(object)  # PackView after any answer
    label_done = Signal(object)  # LabelResult of a print or reprint

    def __init__(
        self,
        make_bench: Callable[[], Bench] | None = None,
        ops: Ops | None = None,
        runtime: StationRuntime | None = None,
    ) -> None:
        super().__init__()
        self.runtime = runtime or StationRuntime()
        if make_bench is not None:
            self.runtime.make_bench = make_bench
        self.ops = ops or Ops(self, self.runtime.lanes)
        self.view = PackView()
        self.scans_sent = 0
        self.scans_answered = 0
        self.print_jobs = 0
        self.runtime.on_answer = lambda answer: self.ops.post(self._answer, answer)
        self.runtime.on_view = lambda view: self.ops.post(self._publish, view)
        self.runtime.on_failure = lambda failure: self.ops.post(self.ops.failed.emit, failure)
        self.runtime.open()
        QTimer.singleShot(PRELOAD_AFTER_MS, self._start_preload)

    def _start_preload(self) -> None:
        # Off the store lane: a scan arriving meanwhile does not wait behind the imports.
        self.ops.run(self._preload, lambda _r: None, lane="device", what="load GS1 tables")

    @property
    def bench(self) -> Bench | None:
        return self.runtime.bench

    @staticmethod
    def _preload() -> None:
        from station.scan.parse import preload_gs1

        preload_gs1()

    # ------------------------------------------------------------------ answers
    def _answer(self, answer: BenchAnswer) -> None:
        self.view = answer.view
        if answer.raw is not None:
            self.scans_answered += 1
        self.print_jobs += len(answer.tasks)  # the runtime prints them on the print lane
        self.answered.emit(answer)
        self.view_changed.emit(answer.view)
        if answer.label is not None:
            self.label_done.emit(answer.label)

    def _publish(self, view: PackView) -> None:
        self.view = view
        self.view_changed.emit(view)

    # ------------------------------------------------------------------ input
    def scan(self, raw: str, scanned: bool = True) -> None:
        """Anything a scanner sent (wedge or serial); ``scanned`` False when typed."""
        self.scans_sent += 1
        self.runtime.scan(raw, scanned)

    def command(self, name: str) -> None:
        """A command button does what its barcode does."""
        self.scan("CMD:" + name)

    def login_pin(self, badge: str, pin: str, on_error: Callable[[str], None]) -> None:
        def check(answer: BenchAnswer) -> None:
            if answer.view.operator is None and answer.verdict is not None:
                on_error(answer.verdict.message)

        self.runtime.login_pin(badge, pin, then=lambda a: self.ops.post(check, a))

    def logout(self) -> None:
        self.runtime.logout()

    def override_weight(self, reason: str, lead: LeadProof) -> None:
        self.runtime.override_weight(reason, lead)

    def acknowledge(self, lead: LeadProof) -> None:
        self.runtime.acknowledge(lead)

    def decide_short_pick(self, decision: str, lead: LeadProof) -> None:
        self.runtime.decide_short_pick(decision, lead)

    def enter_quantity(self, sku: str, quantity: int) -> None:
        self.runtime.enter_quantity(sku, quantity)

    def void(self, reason: str, lead: LeadProof) -> None:
        self.runtime.void(reason, lead)

    def weight_reading(self, grams: int | None, stable: bool) -> None:
        """A reading shown on the screens; the runtime's filter decides whether the bench
        sees it."""
        self.runtime.reading(grams, stable)

    def print_test_label(self, done: Callable[[LabelResult], None],
                         on_error: Callable[[OpFailure], None]) -> bool:
        """Devices page self-test; False when no printer is set up."""
        bench = self.bench
        if bench is None or bench.labels is None:
            return False
        labels = bench.labels
        self.ops.run(labels.print_test_label, done, lane="print", what="print a test label",
                     on_error=on_error)
        return True

    def refresh(self) -> None:
        self.runtime.refresh()

    def shutdown(self) -> None:
        bench = self.bench
        self.ops.shutdown()
        if bench is not None:
            bench.close()
