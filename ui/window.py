"""The station window: a stack of screens, the status bar, scan routing and the idle lock.

It wires screens to the bench controller and holds no rule of its own: what a scan means is
the core's answer, which the pack screen paints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from station.config import Settings
from ui.bench import BenchController
from ui.i18n import LANGUAGES, Language
from ui.later_screens import SCREENS_AFTER_MS, LaterScreens
from ui.ops import OpFailure
from ui.qt import (
    QApplication,
    QCoreApplication,
    QEvent,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QObject,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.screens.dialogs import (
    LeadDialog,
    QuantityDialog,
    override_reasons,
    short_pick_choices,
    void_reasons,
)
from ui.screens.login import LoginScreen
from ui.screens.pack import PackScreen
from ui.sounds import SoundPlayer
from ui.statusbar import StationStatusBar
from ui.wedge import WedgeFilter, no_input_method
from ui.widgets import STYLE

if TYPE_CHECKING:  # types only: the core loads on the store lane, after the first paint
    from PySide6.QtGui import QCloseEvent

    from station.services.bench import BenchAnswer
    from station.services.bench_view import PackView
    from station.services.lead_proof import LeadProof
    from ui.devices import DeviceBridge
    from ui.inbound import InboundScreens
    from ui.lead import LeadDesk
    from ui.screens.devices import DevicesScreen
    from ui.sync import SyncBridge


def tr(text: str) -> str:
    return QCoreApplication.translate("StationWindow", text)


class _ActivityWatch(QObject):
    """Any key, click or touch restarts the idle-lock timer."""

    def __init__(self, timer: QTimer) -> None:
        super().__init__()
        self.timer = timer

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in (
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.TouchBegin,
        ):
            self.timer.start()
        return False


class StationWindow(QMainWindow):
    locked = Signal()
    became_ready = Signal()  # once: the pack screen is painted, the bench open, scans caught

    def __init__(
        self,
        controller: BenchController,
        settings: Settings,
        sounds: SoundPlayer | None = None,
        language: Language | None = None,
        devices: DeviceBridge | None = None,
        sync: SyncBridge | None = None,
    ) -> None:
        super().__init__()
        self.controller = controller
        self.settings = settings
        self.sounds = sounds or SoundPlayer()
        self.language = language or Language()
        self.devices = devices
        self.sync = sync
        self.dialog: LeadDialog | QuantityDialog | None = None
        self.extra_screens: dict[str, Any] = {}
        self.setStyleSheet(STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.resize(1366, 768)

        self.login = LoginScreen()
        self.pack = PackScreen()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.login)
        self.stack.addWidget(self.pack)
        self.devices_scroll = QScrollArea()  # fits 1366×768 whatever the screen holds
        self.devices_scroll.setWidgetResizable(True)
        self.stack.addWidget(self.devices_scroll)
        self.later = LaterScreens(self)  # devices page, inbound screens, lead's desk
        self._announced = False

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.lang_button = QPushButton()
        self.devices_button = QPushButton()
        self.lock_button = QPushButton()
        for b in (self.lang_button, self.devices_button, self.lock_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        top = QHBoxLayout()
        top.setContentsMargins(10, 4, 10, 0)
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.lang_button)  # the inbound and lead buttons go before these three
        top.addWidget(self.devices_button)
        top.addWidget(self.lock_button)
        self.top = top
        central = QWidget()
        central.setObjectName("screen")
        no_input_method(central)
        col = QVBoxLayout(central)
        col.setContentsMargins(0, 0, 0, 0)
        col.addLayout(top)
        col.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.status = StationStatusBar()
        self.setStatusBar(self.status)

        self.wedge: WedgeFilter | None = None
        self._wedge_timer = QTimer(self)  # right after the first paint
        self._wedge_timer.setSingleShot(True)
        self._wedge_timer.timeout.connect(self.install_wedge)
        self._wedge_timer.start(0)
        app = QApplication.instance()
        assert app is not None

        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(settings.idle_lock_minutes * 60_000)
        self.idle.timeout.connect(self.lock)
        self._activity = _ActivityWatch(self.idle)
        app.installEventFilter(self._activity)

        controller.answered.connect(self.on_answer)
        controller.ops.failed.connect(self.on_failure)
        self.login.pin_login.connect(
            lambda badge, pin: controller.login_pin(badge, pin, self.on_login_error)
        )
        self.pack.command.connect(controller.command)
        self.pack.override_requested.connect(self.open_override)
        self.pack.acknowledge_requested.connect(lambda: self.open_lead("acknowledge"))
        self.pack.void_requested.connect(self.open_void)
        self.pack.short_pick_requested.connect(lambda: self.open_lead("short_pick"))
        self.pack.quantity_requested.connect(self.open_quantity)
        self.pack.typed.connect(lambda text: controller.scan(text, scanned=False))
        self.pack.retry_requested.connect(lambda: controller.command("REPRINT"))
        self.devices_button.clicked.connect(self.show_devices)
        self.pack.sheet_requested.connect(self.show_sheet)
        self.lang_button.clicked.connect(self.toggle_language)
        self.lock_button.clicked.connect(self.lock)
        if devices is not None:
            devices.weight.connect(self.on_weight)
            devices.scanned.connect(self.on_scan)
            devices.device_state.connect(self.status.set_device)
        if sync is not None:
            self.attach_sync(sync)
        self.retranslate()
        # Built by SCREENS_AFTER_MS after the pack screen is ready; this late if it never is
        # (a store that does not open): the lead's screens are the way out then.
        QTimer.singleShot(SCREENS_AFTER_MS * 10, self.build_screens)

    # ------------------------------------------------------------------ the other screens
    def build_screens(self) -> None:
        """The devices page, the inbound screens and the lead's desk, now (once). The timers
        call this method of the window, not ``later.build``: a window's own slot dies with the
        window, a plain object's would run on its deleted widgets."""
        self.later.build()

    @property
    def devices_screen(self) -> DevicesScreen:
        self.later.build()
        assert self.later.devices is not None
        return self.later.devices

    @property
    def inbound(self) -> InboundScreens:
        self.later.build()
        assert self.later.inbound is not None
        return self.later.inbound

    @property
    def lead(self) -> LeadDesk:
        self.later.build()
        assert self.later.lead is not None
        return self.later.lead

    def _check_ready(self) -> None:
        if self._announced or not self.ready:
            return
        self._announced = True
        self.became_ready.emit()
        QTimer.singleShot(SCREENS_AFTER_MS, self.build_screens)

    def attach_sync(self, sync: SyncBridge) -> None:
        """Central online/offline, backlog and pool level in the status bar; send at once."""
        self.sync = sync
        sync.changed.connect(self.status.set_central)
        sync.pool.connect(self.status.set_pool)
        self.controller.label_done.connect(sync.wake)
        self.controller.answered.connect(sync.wake)
        self.later.attach_sync(sync)

    @property
    def ready(self) -> bool:
        """The store is open and scans are caught: the pack screen can take a scan."""
        return self.controller.bench is not None and self.wedge is not None

    def install_wedge(self) -> None:
        """Keyboard-wedge scans anywhere in the window (see ui/wedge.py)."""
        if self.wedge is not None:
            return
        scan = self.settings.scan
        self.wedge = WedgeFilter(scan.wedge_max_gap_ms, scan.wedge_min_length)
        self.wedge.scanned.connect(self.on_scan)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.wedge)
        self._check_ready()

    # ------------------------------------------------------------------ scans
    def on_scan(self, raw: str) -> None:
        """Every scan, wedge or serial. A lead dialog takes it while it is open."""
        self.idle.start()
        if self.stack.currentWidget() is self.devices_scroll and self.devices_screen.take_scan(
            raw
        ):
            self.sounds.play("ok")
            return
        if self.dialog is not None and self.dialog.isVisible():
            if not self.dialog.take_scan(raw):
                self.sounds.play("error")
            return
        if self.inbound.take_scan(raw) or self.lead.take_scan(raw):
            return
        self.controller.scan(raw)

    def on_answer(self, answer: BenchAnswer) -> None:
        """Paint the core's answer: its verdict (banner + sound), the view, a label preview."""
        if answer.verdict is not None:
            self.pack.show_result(answer)
            self.sounds.play(str(answer.verdict.sound))
        else:
            self.pack.render_view(answer.view)
        label = answer.label
        if label is not None and label.png is not None:
            self.pack.preview.show_png(label.png if label.printed else None)
        self.pack.buttons["retry"].setEnabled(bool(answer.view.failed_labels))
        self._show_screen(answer.view)
        self._check_ready()

    def _show_screen(self, view: PackView) -> None:
        self.later.set_role(view.role)
        if self.stack.currentWidget() is self.devices_scroll or self.later.lead_screen_shown():
            return
        if view.operator is None:
            if self.stack.currentWidget() is not self.login:
                self.stack.setCurrentWidget(self.login)
        elif self.stack.currentWidget() is self.login:
            self.login.reset()
            self.stack.setCurrentWidget(self.pack)
            self.idle.start()

    def on_weight(self, grams: int | None, status: str) -> None:
        self.later.on_weight(grams, status)
        self.pack.show_weight(grams, status)
        self.controller.weight_reading(grams, status == "stable")

    def on_failure(self, failure: OpFailure) -> None:
        self.pack.banner.show_verdict(
            "stop", tr("Could not {what}: {message}").format(
                what=failure.what, message=failure.message
            ), "failure", tr("STOP"),
        )
        self.sounds.play("error")

    def on_login_error(self, message: str) -> None:
        self.login.show_error(message)
        self.sounds.play("error")

    # ------------------------------------------------------------------ command sheet
    def show_sheet(self) -> None:
        """Command barcodes to click, or to save and print for the bench."""
        sheet = self.extra_screens.get("sheet")
        if sheet is None:
            from ui.screens.sheet import BarcodeSheet

            sheet = BarcodeSheet()
            sheet.scanned.connect(self.on_scan)
            sheet.save_button.clicked.connect(self.save_sheet)
            self.extra_screens["sheet"] = sheet
        sheet.show()
        sheet.raise_()

    def save_sheet(self) -> None:
        from pathlib import Path

        sheet = self.extra_screens["sheet"]
        path = sheet.save_commands(Path.home() / "station-command-barcodes.png")
        sheet.hint.setText(tr("Saved {path}: print it and keep it at the bench.").format(
            path=path))

    # ------------------------------------------------------------------ devices page
    def show_devices(self) -> None:
        self.stack.setCurrentWidget(self.devices_scroll)

    def hide_devices(self) -> None:
        view = self.controller.view
        self.stack.setCurrentWidget(self.pack if view.operator else self.login)

    def print_test_label(self) -> None:
        started = self.controller.print_test_label(
            lambda r: self.devices_screen.show_print_result(r.printed, r.verdict.message),
            lambda f: self.devices_screen.show_print_result(False, f.message),
        )
        if not started:
            self.devices_screen.show_print_result(False, tr("No printer is set up."))

    # ------------------------------------------------------------------ lead actions
    def open_lead(self, kind: str) -> LeadDialog:
        titles = {
            "override": (tr("Weight override"), tr("A lead accepts this weight. Scan the "
                                                   "lead's badge and choose a reason."),
                         override_reasons()),
            "acknowledge": (tr("Clear wrong-item stop"),
                            tr("A lead clears the stop. Scan the lead's badge."),
                            [tr("Item set aside")]),
            "void": (tr("Void label"), tr("The tracking number is voided and never reused."),
                     void_reasons()),
            "short_pick": (tr("Items missing"), tr("A lead decides what happens to this "
                                                   "order. Scan the lead's badge."), []),
        }
        title, prompt, reasons = titles[kind]
        choices = short_pick_choices() if kind == "short_pick" else None
        dialog = LeadDialog(self, title, prompt, reasons, choices)
        if kind == "override":
            dialog.accepted_with.connect(
                lambda lead, reason: self.controller.override_weight(reason, lead))
        elif kind == "short_pick":
            dialog.accepted_with.connect(
                lambda lead, decision: self.controller.decide_short_pick(decision, lead))
        elif kind == "acknowledge":
            dialog.accepted_with.connect(lambda lead, _r: self.controller.acknowledge(lead))
        else:
            dialog.accepted_with.connect(self._void_as)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_quantity(self) -> QuantityDialog:
        """Typed count for the open lines (the services refuse roles that may not)."""
        lines = [(ln.sku, ln.name, ln.ordered - ln.packed) for ln in self.pack.view.lines
                 if ln.packed < ln.ordered]
        dialog = QuantityDialog(self, lines)
        dialog.entered.connect(self.controller.enter_quantity)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_override(self) -> LeadDialog:
        return self.open_lead("override")

    def open_void(self) -> LeadDialog:
        return self.open_lead("void")

    def _void_as(self, lead: LeadProof, reason: str) -> None:
        self.controller.void(reason, lead)

    def _dialog_closed(self) -> None:
        self.dialog = None

    # ------------------------------------------------------------------ lock, language
    def lock(self) -> None:
        """Idle or by hand: back to the badge screen; the open order waits for the next login."""
        if self.dialog is not None:
            self.dialog.reject()
        self.controller.logout()
        self.locked.emit()

    def toggle_language(self) -> None:
        self.set_language("zh_CN" if self.language.current == "en" else "en")

    def set_language(self, code: str) -> None:
        self.language.switch(code)
        self.retranslate()  # now, not when Qt's queued LanguageChange arrives

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Packing Station"))
        self.title.setText(tr("Packing Station · {station}").format(
            station=self.settings.station_id))
        other = "zh_CN" if self.language.current == "en" else "en"
        self.lang_button.setText(LANGUAGES[other])
        self.devices_button.setText(tr("Devices"))
        self.lock_button.setText(tr("Lock"))
        self.later.retranslate()
        self.login.retranslate()
        self.pack.retranslate()
        self.status.retranslate()
        for screen in self.extra_screens.values():
            retranslate = getattr(screen, "retranslate", None)
            if retranslate:
                retranslate()

    def closeEvent(self, event: QCloseEvent) -> None:
        app = QApplication.instance()
        if app is not None:
            if self.wedge is not None:
                app.removeEventFilter(self.wedge)
            app.removeEventFilter(self._activity)
        self.idle.stop()
        self.sounds.close()
        self.later.shutdown()
        guard = getattr(self, "gc_guard", None)
        if guard is not None:
            guard.release()  # automatic collection again once no window is open
        super().closeEvent(event)
