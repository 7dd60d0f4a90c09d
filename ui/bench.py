"""The bench controller: every packer action becomes a small operation on the core services.

It owns no rule. A scan, a PIN, a stable weight, an override or a print goes to the services
on a worker lane; the answer (the core's verdict and a fresh :class:`PackView`) comes back as
a signal the screens render. Scans queue on the single store lane in arrival order, so two
scans 5 ms apart are both handled, in order, and none is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from station.domain.verdict import Severity, Sound, Verdict
from ui.ops import OpFailure, Ops
from ui.qt import QObject, Signal
from ui.view import PackView, ScanResult, build_view


@dataclass(frozen=True)
class LabelOutcome:
    """What the label step did (same fields as the core's ``LabelResult``)."""

    parcel_no: int
    printed: bool
    message: str
    tracking: str | None = None
    png: bytes | None = None


def service_error_verdict(exc: Any) -> Verdict:
    """A refused action (no permission, bad PIN...) shown like any other stop."""
    return Verdict(Severity.STOP, exc.code, exc.text, dict(exc.params), Sound.ERROR)


class BenchController(QObject):
    """Glue between the screens and one bench's services (built on the store lane)."""

    answered = Signal(object)  # ScanResult: verdict + view after a scan or action
    view_changed = Signal(object)  # PackView without a verdict (resume, logout, labels)
    label_done = Signal(object)  # LabelOutcome
    void_done = Signal(object)  # LabelOutcome: printed=False voided, True refused
    weight_submitted = Signal(int)

    def __init__(
        self,
        make_services: Callable[[], Any],
        ops: Ops | None = None,
        labeler: Any | None = None,
    ) -> None:
        super().__init__()
        self.ops = ops or Ops(self)
        self.service: Any = None
        self.labeler = labeler  # the label step (print/reprint/void); may come later
        self.view = PackView()
        self.scans_sent = 0
        self.scans_answered = 0
        self._last_weight_sent: int | None = None
        self._weight_in_flight = False
        self._labels: dict[int, dict[str, Any]] = {}
        self._labels_order: str | None = None
        self.print_jobs = 0
        self.ops.run(lambda: self._start(make_services), self._publish, what="open the store")
        self.ops.run(self._preload, lambda _r: None, what="load GS1 tables")

    # ------------------------------------------------------------------ worker side
    def _start(self, make_services: Callable[[], Any]) -> PackView:
        self.service = make_services()
        self.service.resume()
        return self._snapshot()

    @staticmethod
    def _preload() -> None:
        from station.scan.parse import preload_gs1  # on the store lane, after the store opens

        preload_gs1()

    def _snapshot(self) -> PackView:
        extra: dict[str, Any] = {
            "labels": {n: dict(e) for n, e in list(self._labels.items())},
            "labels_order": self._labels_order,
        }
        if self.labeler is not None and self.service.session is not None:
            lane = getattr(self.labeler, "staging_lane", None)
            if callable(lane):
                extra["staging_lane"] = lane(self.service.session.order.carrier)
        return build_view(self.service, extra)

    def _call(self, fn: Callable[[], Verdict], raw: str | None = None) -> ScanResult:
        from station.services.errors import ServiceError  # loaded on the store lane

        try:
            verdict = fn()
        except ServiceError as exc:
            verdict = service_error_verdict(exc)
        return ScanResult(verdict, self._snapshot(), raw)

    # ------------------------------------------------------------------ GUI side
    def _publish(self, view: PackView) -> None:
        self.view = view
        self.view_changed.emit(view)

    def _answer(self, result: ScanResult) -> None:
        self.view = result.view
        if result.raw is not None:
            self.scans_answered += 1
        self.answered.emit(result)
        self._after(result)

    def _act(self, fn: Callable[[], Verdict], what: str, raw: str | None = None) -> None:
        self.ops.run(lambda: self._call(fn, raw), self._answer, what=what)

    def scan(self, raw: str) -> None:
        """Anything a scanner sent (wedge or serial)."""
        self.scans_sent += 1
        if raw.startswith("CMD:") and raw[4:] == "REPRINT":
            self.reprint()
        self._act(lambda: self.service.scan(raw), "scan", raw)

    def login_pin(self, badge: str, pin: str, on_error: Callable[[str], None]) -> None:
        def work() -> PackView:
            self.service.login_pin(badge, pin)
            return self._snapshot()

        def failed(f: OpFailure) -> None:
            on_error(getattr(f.error, "message", None) or f.message)

        self.ops.run(work, self._publish, what="log in", on_error=failed)

    def logout(self) -> None:
        def work() -> PackView:
            self.service.logout()
            return self._snapshot()

        self.ops.run(work, self._publish, what="log out")

    def override_weight(self, reason: str, lead_badge: str | None) -> None:
        self._act(lambda: self.service.override_weight(reason, lead_badge), "override weight")

    def override_weight_as(self, lead_badge: str, reason: str) -> None:
        self.override_weight(reason, lead_badge)

    def acknowledge(self, lead_badge: str | None = None) -> None:
        self._act(lambda: self.service.acknowledge(lead_badge), "acknowledge")

    def decide_short_pick_as(self, lead_badge: str, decision: str) -> None:
        self.decide_short_pick(decision, lead_badge)

    def decide_short_pick(self, decision: str, lead_badge: str | None = None) -> None:
        self._act(lambda: self.service.decide_short_pick(decision, lead_badge), "short pick")

    def enter_quantity(self, sku: str, quantity: int) -> None:
        self._act(lambda: self.service.enter_quantity(sku, quantity), "enter a quantity")

    def command(self, name: str) -> None:
        """A command button does what its barcode does."""
        self.scan("CMD:" + name)

    def weight_reading(self, grams: int | None, stable: bool) -> None:
        """Live scale events: a stable reading while weighing is handed to the core once."""
        if grams is None or grams <= 0:
            self._last_weight_sent = None  # parcel lifted: the next placement counts again
            return
        if not (stable and self.view.weighing) or self._weight_in_flight:
            return
        if grams == self._last_weight_sent:
            return
        self._last_weight_sent = grams
        self._weight_in_flight = True
        self.weight_submitted.emit(grams)

        def done(result: ScanResult) -> None:
            self._weight_in_flight = False
            self._answer(result)

        def failed(f: OpFailure) -> None:
            self._weight_in_flight = False
            self.ops.failed.emit(f)

        self.ops.run(
            lambda: self._call(lambda: self.service.record_weight(grams)),
            done,
            what="record weight",
            on_error=failed,
        )

    # ------------------------------------------------------------------ labels
    def _labels_of(self, order_id: str | None) -> dict[int, dict[str, Any]]:
        if order_id != self._labels_order:
            self._labels_order = order_id
            self._labels = {}
        return self._labels

    def _after(self, result: ScanResult) -> None:
        """Once every parcel is closed (parcel n of N is known), each is labelled once."""
        view = result.view
        if self.labeler is None or view.order_id is None:
            return
        labels = self._labels_of(view.order_id)
        if view.state not in ("ready_to_finish", "finished"):
            return
        from station.services.labeling import LabelRequest

        count = len(view.parcels)
        for parcel in view.parcels:
            if parcel.closed and parcel.number not in labels:
                labels[parcel.number] = {"printing": True}
                request = LabelRequest(view.order_id, parcel.number, count, parcel.actual_g or 0)
                self._print(request, reprint=False)

    def _print(self, request: Any, reprint: bool) -> None:
        labeler: Any = self.labeler
        order_id = request.order_id
        self.print_jobs += 1

        def done(outcome: LabelOutcome) -> None:
            entry = self._labels_of(order_id).setdefault(request.parcel_no, {})
            entry["printing"] = False
            entry["request"] = request
            if outcome.printed:
                entry.update(printed=True, tracking=outcome.tracking)
                if outcome.tracking and not reprint:
                    self._record_label(request.parcel_no, outcome.tracking)
            self.label_done.emit(outcome)
            self.refresh()

        def failed(f: OpFailure) -> None:
            entry = self._labels_of(order_id).setdefault(request.parcel_no, {})
            entry.update(printing=False, request=request)
            self.label_done.emit(LabelOutcome(request.parcel_no, False, f.message))

        self.ops.run(
            lambda: labeler.print_parcel(request, reprint=reprint),
            done, lane="print", what="print label", on_error=failed,
        )

    def _record_label(self, parcel_no: int, tracking: str) -> None:
        """Tell the pack session the parcel is labelled (store lane, before any later scan),
        so the order can finish and its PackCompleted carries the tracking number."""

        def work() -> PackView:
            self.service.mark_labelled(parcel_no, tracking)  # a refusal goes to ops.failed
            return self._snapshot()

        self.ops.run(work, self._publish, what="record label")

    def retry_print(self, parcel_no: int) -> None:
        """After a printer fault: the same label (same tracking number), once more."""
        entry = self._labels.get(parcel_no, {})
        if entry.get("printed") or entry.get("printing") or "request" not in entry:
            return
        entry["printing"] = True
        self._print(entry["request"], reprint=False)

    def reprint(self, parcel_no: int | None = None) -> None:
        """Explicit reprint of a printed label (audited by the label step)."""
        printed = [n for n, e in self._labels.items() if e.get("printed")]
        if not printed or self.labeler is None:
            return
        n = parcel_no or max(printed)
        self._print(self._labels[n]["request"], reprint=True)

    def void(self, parcel_no: int, reason: str, lead_badge: str | None = None) -> None:
        """A lead voids a printed label; its number is retired and a new label can print."""
        labeler: Any = self.labeler
        entry = self._labels.get(parcel_no)
        if labeler is None or entry is None or not entry.get("printed"):
            return
        order_id = entry["request"].order_id

        def done(outcome: LabelOutcome) -> None:
            if not outcome.printed:  # voided (a refusal leaves the label as printed)
                entry.setdefault("voided", []).append(entry.get("tracking"))
                entry.update(printed=False, tracking=None)
                self.ops.run(lambda: self.service.label_voided(parcel_no), lambda _r: None,
                             what="record void")
            self.void_done.emit(outcome)
            self.refresh()

        self.ops.run(
            lambda: labeler.void_parcel(order_id, parcel_no, reason, lead_badge),
            done, lane="print", what="void label",
        )

    def refresh(self) -> None:
        self.ops.run(self._snapshot, self._publish, what="refresh")

    @property
    def failed_labels(self) -> list[int]:
        return [
            n for n, e in self._labels.items() if not e.get("printed") and not e.get("printing")
        ]

    def shutdown(self) -> None:
        service = self.service
        self.ops.shutdown()
        if service is not None:
            service.close()

