"""Handover screen: pick the carrier's pickup, scan each parcel as the driver takes it, see
expected vs scanned and what is still missing, close the manifest. It paints what the lead
controller (ui/lead.py) hands it and forwards clicks; the rules live in the core."""

from __future__ import annotations

from typing import Any

from ui.qt import (
    QCoreApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.screens.lead_tables import fill, local_time, read_only_table
from ui.widgets import VerdictBanner, caption


def tr(text: str) -> str:
    return QCoreApplication.translate("HandoverScreen", text)


class HandoverScreen(QWidget):
    open_requested = Signal(str, str)  # carrier, pickup
    close_requested = Signal()
    reopen_requested = Signal()
    sign_requested = Signal()  # the driver signs the closed manifest on the screen
    back = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.manifest: Any = None
        self.language = "en"  # set by the lead controller: which carrier name to show
        self.pickups: list[Any] = []
        self.title = QLabel()
        self.title.setProperty("role", "big")
        self.pickup_caption = caption("")
        self.pickup = QLineEdit()
        self.pickup.setMaxLength(100)
        self.pickup.setMinimumWidth(260)  # a long title squeezed it to ~60 px
        self.carrier_row = QHBoxLayout()
        self.carrier_buttons: dict[str, QPushButton] = {}
        self.banner = VerdictBanner()
        self.counts = QLabel()
        self.counts.setProperty("role", "big")
        self.scanned = read_only_table(4)
        self.missing = read_only_table(3)
        self.scanned_caption = caption("")
        self.missing_caption = caption("")
        self.close_button = QPushButton()
        self.reopen_button = QPushButton()
        self.sign_button = QPushButton()
        self.back_button = QPushButton()
        for b in (self.close_button, self.reopen_button, self.sign_button, self.back_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.clicked.connect(self.close_requested)
        self.reopen_button.clicked.connect(self.reopen_requested)
        self.sign_button.clicked.connect(self.sign_requested)
        self.back_button.clicked.connect(self.back)

        top = QHBoxLayout()
        self.title.setWordWrap(True)  # a long manifest title wraps instead of squeezing
        top.addWidget(self.title, 1)
        top.addWidget(self.pickup_caption)
        top.addWidget(self.pickup)
        lists = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.scanned_caption)
        left.addWidget(self.scanned, 1)
        right = QVBoxLayout()
        right.addWidget(self.missing_caption)
        right.addWidget(self.missing, 1)
        lists.addLayout(left, 3)
        lists.addLayout(right, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.reopen_button)
        buttons.addWidget(self.sign_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        col = QVBoxLayout(self)
        col.setContentsMargins(14, 8, 14, 8)
        col.addLayout(top)
        col.addLayout(self.carrier_row)
        col.addWidget(self.banner)
        col.addWidget(self.counts)
        col.addLayout(lists, 1)
        col.addLayout(buttons)
        self.retranslate()

    # ------------------------------------------------------------------ painting
    def show_pickups(self, pickups: list[Any]) -> None:
        """One button per carrier (its command barcode is CMD:HANDOVER:<code>)."""
        self.pickups = pickups
        for button in self.carrier_buttons.values():
            self.carrier_row.removeWidget(button)
            button.deleteLater()
        self.carrier_buttons = {}
        for p in pickups:
            button = QPushButton()
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(
                lambda _c=False, code=p.code: self.open_requested.emit(code, self.pickup.text()))
            self.carrier_buttons[p.code] = button
            self.carrier_row.addWidget(button)
        self._label_carriers()

    def show_manifest(self, manifest: Any) -> None:
        self.manifest = manifest
        self._paint_manifest()

    def show_verdict(self, severity: str, message: str, code: str) -> None:
        tags = {"ok": tr("OK"), "needs_action": tr("ACTION"), "stop": tr("STOP")}
        self.banner.show_verdict(severity, message, code, tags.get(severity, ""))

    def _label_carriers(self) -> None:
        zh = self.language.startswith("zh")
        for p in self.pickups:
            name = (p.name_zh if zh and p.name_zh else p.name)
            text = tr("{carrier}: {n} waiting").format(carrier=name, n=p.waiting)
            if p.open_manifests:  # resumed by this button (or CMD:HANDOVER:<code>)
                text += "\n" + tr("open: {manifests}").format(
                    manifests=", ".join(p.open_manifests))
            self.carrier_buttons[p.code].setText(text)

    def _paint_manifest(self) -> None:
        m = self.manifest
        self.close_button.setEnabled(m is not None and m.is_open)
        self.reopen_button.setEnabled(m is not None and not m.is_open)
        self.sign_button.setEnabled(m is not None and not m.is_open)
        if m is None:
            self.title.setText(tr("Handover: choose the carrier's pickup"))
            self.counts.setText(tr("Scan CMD:HANDOVER:<carrier> or press a carrier."))
            fill(self.scanned, self._scanned_headers(), [])
            fill(self.missing, self._missing_headers(), [])
            return
        state = tr("open") if m.is_open else tr("closed")
        self.title.setText(tr("Manifest {manifest} · {carrier} {pickup} · {state}").format(
            manifest=m.manifest_id, carrier=m.carrier, pickup=m.head.pickup, state=state))
        self.counts.setText(tr("Expected {expected} · Scanned {scanned} · Missing {missing}")
                            .format(expected=m.expected, scanned=len(m.scanned),
                                    missing=len(m.missing)))
        fill(self.scanned, self._scanned_headers(), [
            (line.tracking_number, line.order_id, _kg(line.weight_g), _hhmm(line.scanned_at))
            for line in reversed(m.scanned)])
        fill(self.missing, self._missing_headers(), [
            (line.tracking_number, line.order_id, _kg(line.weight_g)) for line in m.missing])

    def _scanned_headers(self) -> list[str]:
        return [tr("Tracking number"), tr("Order"), tr("Weight"), tr("Scanned at")]

    def _missing_headers(self) -> list[str]:
        return [tr("Tracking number"), tr("Order"), tr("Weight")]

    def retranslate(self) -> None:
        self.pickup_caption.setText(tr("Pickup (driver, van, time)"))
        self.scanned_caption.setText(tr("Handed over (newest first)"))
        self.missing_caption.setText(tr("Missing: still in the staging lane"))
        self.close_button.setText(tr("Close manifest (CMD:CLOSE-MANIFEST)"))
        self.reopen_button.setText(tr("Reopen (lead)"))
        self.sign_button.setText(tr("Driver signs"))
        self.back_button.setText(tr("Back to packing"))
        self._label_carriers()
        self._paint_manifest()


def _kg(grams: int | None) -> str:
    return "—" if grams is None else f"{grams / 1000:.3f} kg"


def _hhmm(at: str | None) -> str:
    return local_time(at)
