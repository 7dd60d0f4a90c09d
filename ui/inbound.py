"""Receiving, returns and stock at the bench window: a small controller on the ``ui/ops`` lanes
and the three screens it feeds. It owns no rule: scans go to the core services, answers (the
core's verdict and a fresh view) come back as a signal the screens paint.

Lanes: the services' store work runs on the bench's single store lane (one SQLite writer);
asking central (open a notice or a return, read stock) runs on the HTTP lane; printing on the
print lane. Scans that arrive while a notice or return is being fetched wait, in order, and
follow once it is open, so none is lost or handled before the document it belongs to.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from station.domain.verdict import Severity, Sound, Verdict
from ui.ops import OpFailure, Ops
from ui.qt import QCoreApplication, QObject, QPushButton, Qt, Signal

MODES = ("receive", "returns", "stock")
# Every button of the three screens as a command barcode (the barcode sheet prints them).
COMMANDS = [
    "CMD:RECEIVE", "CMD:RETURNS", "CMD:STOCK", "CMD:PACK", "CMD:SKU-LABELS", "CMD:CLOSE",
    "CMD:QC-RELEASE", "CMD:PHOTO",
    "CMD:REASON-UNWANTED", "CMD:REASON-DAMAGED", "CMD:REASON-WRONG-ITEM", "CMD:REASON-DEFECTIVE",
    "CMD:REASON-OTHER", "CMD:COND-RESELLABLE", "CMD:COND-DAMAGED", "CMD:REFUND", "CMD:EXCHANGE",
    "CMD:RETURN-LABEL", "CMD:GRADE-A", "CMD:GRADE-B", "CMD:GRADE-C", "CMD:GRADE-MISSING-PARTS",
]
SWITCH = {"CMD:RECEIVE": "receive", "CMD:RETURNS": "returns", "CMD:STOCK": "stock",
          "CMD:PACK": "pack"}


def tr(text: str) -> str:
    return QCoreApplication.translate("InboundController", text)


@dataclass(frozen=True)
class InboundAnswer:
    mode: str
    verdict: Verdict
    view: Any = None  # ReceivingView / ReturnView / StockReport
    png: bytes | None = None


def _refused(exc: BaseException) -> Verdict:
    """A refused action (not logged in, no permission, store busy) shown as a stop."""
    text = getattr(exc, "text", None)
    if isinstance(text, str):
        return Verdict(Severity.STOP, getattr(exc, "code", "refused"), text,
                       dict(getattr(exc, "params", {})), Sound.ERROR)
    return Verdict(Severity.STOP, "failure", "Could not do that: {message}",
                   {"message": str(exc)}, Sound.ERROR)


class InboundController(QObject):
    answered = Signal(object)  # InboundAnswer

    def __init__(self, ops: Ops, make_services: Callable[[], Any]) -> None:
        super().__init__()
        self.ops = ops
        self._make = make_services
        self.services: Any = None  # station.bootstrap.InboundServices, built on the store lane
        self.client: Any = None
        self.printer: Any = None
        self.pool: Any = None
        self.printer_language = "zpl"
        self.language = "en"
        self.open: dict[str, bool] = {"receive": False, "returns": False}
        self._fetching: set[str] = set()
        self._waiting: list[tuple[str, str]] = []
        self.scans_answered = 0
        self._lock = threading.Lock()
        # The bench's label step, when it comes later, lends its printer and pool.
        self.printer_source: Callable[[], tuple[Any, Any, str]] = lambda: (None, None, "zpl")
        ops.run(self._services, None, lane="store", what="open receiving and returns")

    # ------------------------------------------------------------------ plumbing
    def _services(self) -> Any:
        with self._lock:  # built once, by whichever lane asks first
            if self.services is None:
                self.services = self._make()
        for service in (self.services.receiving, self.services.returns, self.services.stock):
            service.client = self.client
        return self.services

    def _answer(self, answer: InboundAnswer) -> None:
        if answer.mode in self.open and answer.view is not None:
            self.open[answer.mode] = bool(answer.view.open)
        self.scans_answered += 1
        self.answered.emit(answer)

    def _failed(self, mode: str) -> Callable[[OpFailure], None]:
        return lambda f: self._answer(InboundAnswer(mode, _refused(f.error)))

    def _store(self, mode: str, work: Callable[[Any], Verdict], what: str,
               then: Callable[[], None] | None = None) -> None:
        def job() -> InboundAnswer:
            services = self._services()
            service = services.receiving if mode == "receive" else services.returns
            try:
                verdict = work(service)
            except Exception as exc:  # a ServiceError: shown as a stop, the view repainted
                verdict = _refused(exc)
            return InboundAnswer(mode, verdict, service.view())

        def done(answer: InboundAnswer) -> None:
            self._answer(answer)
            if then is not None:
                then()

        def failed(f: OpFailure) -> None:
            self._failed(mode)(f)
            if then is not None:
                then()

        self.ops.run(job, done, lane="store", what=what, on_error=failed)

    # ------------------------------------------------------------------ entry points
    def refresh(self, mode: str) -> None:
        """Repaint ``mode`` from the store (e.g. after a restart resumed an open receipt)."""
        if mode == "stock":
            self.stock()
            return
        self._store(mode, lambda s: Verdict(Severity.OK, "ready", "", {}, Sound.ACCEPT),
                    "show " + mode)

    def scan(self, mode: str, raw: str) -> None:
        """A scan (or a button's ``CMD:``) on the receiving, returns or stock screen."""
        if self._fetching:
            self._waiting.append((mode, raw))
            return
        command = raw.strip().upper()
        if mode == "stock":
            self.stock("" if command.startswith("CMD:") else raw)
        elif command == "CMD:SKU-LABELS" and mode == "receive":
            self.print_sku_labels()
        elif command == "CMD:RETURN-LABEL" and mode == "returns":
            self.print_return_label()
        elif not self.open.get(mode) and not command.startswith("CMD:"):
            self._open(mode, raw.strip())
        else:
            self._store(mode, lambda s: s.scan(raw), "scan")

    def _open(self, mode: str, code: str) -> None:
        self._fetching.add(mode)

        def fetch() -> Any:
            services = self._services()
            if mode == "receive":
                return services.receiving.fetch_notice(code)
            return services.returns.fetch(code)

        def fetched(result: Any) -> None:
            def opened() -> None:  # scans that waited go on once the document is open
                self._fetching.discard(mode)
                self._release()

            self._store(mode, (lambda s: s.open_notice(code, result)) if mode == "receive"
                        else (lambda s: s.open(code, result)), "open", opened)

        def failed(f: OpFailure) -> None:
            self._fetching.discard(mode)
            self._answer(InboundAnswer(mode, _refused(f.error)))
            self._release()

        self.ops.run(fetch, fetched, lane="http", what="ask central", on_error=failed)

    def _release(self) -> None:
        waiting, self._waiting = self._waiting, []
        for mode, raw in waiting:
            self.scan(mode, raw)

    def stock(self, code: str = "") -> None:
        def job() -> InboundAnswer:
            try:
                verdict, report = self._services().stock.fetch(code)
            except Exception as exc:
                return InboundAnswer("stock", _refused(exc))
            return InboundAnswer("stock", verdict, report)

        self.ops.run(job, self._answer, lane="http", what="read stock",
                     on_error=self._failed("stock"))

    def print_sku_labels(self) -> None:
        def job() -> Any:
            printer, _pool, language = self._devices()
            return self._services().receiving.print_sku_labels(printer, self.language, language)

        def done(result: Any) -> None:
            verdict, printed = result

            def record(service: Any) -> Verdict:
                service.labels_printed(printed)
                return verdict

            self._store("receive", record, "record SKU labels")

        self.ops.run(job, done, lane="print", what="print SKU labels",
                     on_error=self._failed("receive"))

    def print_return_label(self) -> None:
        def job() -> Any:
            printer, pool, language = self._devices()
            return self._services().returns.print_return_label(printer, pool, self.language,
                                                                language)

        def done(result: Any) -> None:
            verdict, number, png = result
            if number is None:
                self._store("returns", lambda s: verdict, "return label")
                return

            def record(s: Any) -> Verdict:
                s.label_printed(number)
                return verdict

            def with_png(answer: InboundAnswer) -> None:
                self._answer(InboundAnswer(answer.mode, answer.verdict, answer.view, png))

            self.ops.run(lambda: InboundAnswer("returns", record(self._services().returns),
                                               self._services().returns.view()),
                         with_png, lane="store", what="record the return label",
                         on_error=self._failed("returns"))

        self.ops.run(job, done, lane="print", what="print a return label",
                     on_error=self._failed("returns"))

    def _devices(self) -> tuple[Any, Any, str]:
        lent = self.printer_source()
        return (self.printer or lent[0], self.pool or lent[1],
                self.printer_language if self.printer else lent[2])

    def shutdown(self) -> None:
        services = self.services
        if services is not None:
            self.ops.run(services.close, None, lane="store", what="close inbound")


class InboundScreens:
    """The receiving, returns and stock screens in the window's stack, their buttons on the top
    bar, and the scan routing the window calls first (``take_scan``)."""

    def __init__(self, window: Any, controller: InboundController) -> None:
        from ui.screens.receiving import ReceivingScreen
        from ui.screens.returns import ReturnsScreen
        from ui.screens.stock import StockScreen

        self.window = window
        self.controller = controller
        self.screens: dict[str, Any] = {
            "receive": ReceivingScreen(), "returns": ReturnsScreen(), "stock": StockScreen(),
        }
        self.buttons: dict[str, QPushButton] = {}
        for mode, screen in self.screens.items():
            window.stack.addWidget(screen)
            screen.command.connect(lambda raw, m=mode: self.take_scan(raw, m))
            button = QPushButton()
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, m=mode: self.show(m))
            self.buttons[mode] = button
        self.screens["stock"].lookup.connect(controller.stock)
        controller.printer_source = self._lent
        controller.answered.connect(self.on_answer)
        self.retranslate()

    def _lent(self) -> tuple[Any, Any, str]:
        core = self.window.controller.bench
        labels = core.labels if core is not None else None
        if labels is None:
            return None, None, "zpl"
        return labels.printer, labels.pool, labels.printer_language

    def attach_sync(self, sync: Any) -> None:
        """Central client and tracking pool of the running sync; send events at once."""
        parts = getattr(sync, "parts", None)
        if parts is not None:
            self.controller.client = parts.client
            self.controller.pool = parts.pool
        self.controller.answered.connect(sync.wake)

    def mode(self) -> str | None:
        current = self.window.stack.currentWidget()
        return next((m for m, s in self.screens.items() if s is current), None)

    def show(self, mode: str) -> None:
        """Switch to a screen (logged-in only: the services check the role on every action)."""
        if self.window.controller.view.operator is None:
            return
        if mode == "pack":
            self.window.stack.setCurrentWidget(self.window.pack)
            return
        self.window.stack.setCurrentWidget(self.screens[mode])
        self.controller.refresh(mode)

    def take_scan(self, raw: str, mode: str | None = None) -> bool:
        """True when the scan was for these screens (a switch command, or one of them shows)."""
        switch = SWITCH.get(raw.strip().upper())
        if switch is not None and self.window.controller.view.operator is not None:
            self.show(switch)
            return True
        mode = mode or self.mode()
        if mode is None:
            return False
        if switch is not None:
            return True  # logged out meanwhile: the login screen takes over
        self.controller.scan(mode, raw)
        return True

    def on_answer(self, answer: InboundAnswer) -> None:
        screen = self.screens[answer.mode]
        if answer.verdict.text:
            screen.show_verdict(answer.verdict)
            self.window.sounds.play(str(answer.verdict.sound))
        if answer.mode == "stock":
            screen.render_report(answer.view)
        elif answer.view is not None:
            screen.render_view(answer.view)

    def retranslate(self) -> None:
        chinese = self.window.language.current != "en"
        self.controller.language = "zh" if chinese else "en"
        for mode, text in (("receive", tr("Receive")), ("returns", tr("Returns")),
                           ("stock", tr("Stock"))):
            self.buttons[mode].setText(text)
        for screen in self.screens.values():
            screen.chinese = chinese
            screen.retranslate()


def inbound_factory(bench: Any) -> Callable[[], Any]:
    """Services on the bench's own store and login (called on the store lane)."""

    def build() -> Any:
        from station.bootstrap import build_inbound

        packing = bench.bench.packing  # the bench's own store and login
        return build_inbound(packing.store, packing.station_id, lambda: packing.operator,
                             camera=bench.runtime.evidence)

    return build
