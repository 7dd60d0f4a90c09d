"""The bench controller: forwards input to the core's :class:`~station.services.bench.Bench`
on worker lanes and hands its answers to the screens. It owns no rule.

Scans queue on the single store lane in arrival order, so two scans 5 ms apart are both
handled, in order, and none is lost. Labels the core asks for print on the print lane, so a
hung printer never holds up a scan.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from station.services.bench_view import PackView
from ui.ops import OpFailure, Ops
from ui.qt import QObject, Signal

if TYPE_CHECKING:  # types only: the core loads on the store lane, after the first paint
    from station.services.bench import Bench, BenchAnswer, LabelTask
    from station.services.label_step import LabelResult
    from station.services.lead_proof import LeadProof


class BenchController(QObject):
    """Glue between the screens and one bench (built on the store lane)."""

    answered = Signal(object)  # BenchAnswer after a scan or an action (verdict may be None)
    view_changed = Signal(object)  # PackView after any answer
    label_done = Signal(object)  # LabelResult of a print or reprint

    def __init__(self, make_bench: Callable[[], Bench], ops: Ops | None = None) -> None:
        super().__init__()
        self.ops = ops or Ops(self)
        self.bench: Bench | None = None
        self.view = PackView()
        self.scans_sent = 0
        self.scans_answered = 0
        self.print_jobs = 0
        self._weight_in_flight = False
        self.ops.run(lambda: self._start(make_bench), self._answer, what="open the store")
        self.ops.run(self._preload, lambda _r: None, what="load GS1 tables")

    def _start(self, make_bench: Callable[[], Bench]) -> BenchAnswer:
        import os

        from station.ops.supervisor import RESTART_ENV

        self.bench = make_bench()
        return self.bench.start(after_crash=os.environ.get(RESTART_ENV) == "1")

    @staticmethod
    def _preload() -> None:
        from station.scan.parse import preload_gs1  # on the store lane, after the store opens

        preload_gs1()

    def _core(self) -> Bench:
        assert self.bench is not None, "the store lane opens the bench before any action"
        return self.bench

    # ------------------------------------------------------------------ answers
    def _answer(self, answer: BenchAnswer) -> None:
        self.view = answer.view
        if answer.raw is not None:
            self.scans_answered += 1
        self.answered.emit(answer)
        self.view_changed.emit(answer.view)
        if answer.label is not None:
            self.label_done.emit(answer.label)
        for task in answer.tasks:
            self._print(task)

    def _print(self, task: LabelTask) -> None:
        self.print_jobs += 1

        def failed(f: OpFailure) -> None:
            self.ops.failed.emit(f)
            self.refresh()

        self.ops.run(lambda: self._core().print_label(task), self._answer, lane="print",
                     what="print label", on_error=failed)

    def _act(self, fn: Callable[[Bench], BenchAnswer], what: str) -> None:
        self.ops.run(lambda: fn(self._core()), self._answer, what=what)

    # ------------------------------------------------------------------ input
    def scan(self, raw: str, scanned: bool = True) -> None:
        """Anything a scanner sent (wedge or serial); ``scanned`` False when typed."""
        self.scans_sent += 1
        self._act(lambda b: b.scan(raw, scanned), "scan")

    def command(self, name: str) -> None:
        """A command button does what its barcode does."""
        self.scan("CMD:" + name)

    def login_pin(self, badge: str, pin: str, on_error: Callable[[str], None]) -> None:
        def done(answer: BenchAnswer) -> None:
            if answer.view.operator is None and answer.verdict is not None:
                on_error(answer.verdict.message)
            self._answer(answer)

        self.ops.run(lambda: self._core().login_pin(badge, pin), done, what="log in")

    def logout(self) -> None:
        self._act(lambda b: b.logout(), "log out")

    def override_weight(self, reason: str, lead: LeadProof) -> None:
        self._act(lambda b: b.override_weight(reason, lead), "override weight")

    def acknowledge(self, lead: LeadProof) -> None:
        self._act(lambda b: b.acknowledge(lead), "acknowledge")

    def decide_short_pick(self, decision: str, lead: LeadProof) -> None:
        self._act(lambda b: b.decide_short_pick(decision, lead), "short pick")

    def enter_quantity(self, sku: str, quantity: int) -> None:
        self._act(lambda b: b.enter_quantity(sku, quantity), "enter a quantity")

    def void(self, reason: str, lead: LeadProof) -> None:
        self._act(lambda b: b.void(reason, lead), "void label")

    def weight_reading(self, grams: int | None, stable: bool) -> None:
        """Live scale events; the core decides whether a reading is taken. Only an emptied
        scale and stable readings while weighing are worth a trip to the store lane, one
        stable reading at a time (a scale streams 10-20 a second)."""
        placed = grams is not None and grams > 0
        if placed and not (stable and self.view.weighing):
            return
        if placed and self._weight_in_flight:
            return
        self._weight_in_flight = self._weight_in_flight or placed

        def done(answer: BenchAnswer | None) -> None:
            if placed:
                self._weight_in_flight = False
            if answer is not None:
                self._answer(answer)

        def failed(f: OpFailure) -> None:
            if placed:
                self._weight_in_flight = False
            self.ops.failed.emit(f)

        self.ops.run(lambda: self._core().reading(grams, stable), done,
                     what="record weight", on_error=failed)

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
        self.ops.run(lambda: self._core().view(), self._publish, what="refresh")

    def _publish(self, view: PackView) -> None:
        self.view = view
        self.view_changed.emit(view)

    def shutdown(self) -> None:
        bench = self.bench
        self.ops.shutdown()
        if bench is not None:
            bench.close()
