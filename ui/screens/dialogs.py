"""Lead dialogs (weight override, void). Scans reach them while they are open: a lead badge
scan fills the lead field; any other scan is refused with a visible message, never lost."""

from __future__ import annotations

from station.services.lead_proof import LeadProof
from ui.qt import (
    QComboBox,
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.wedge import no_input_method


def tr(text: str) -> str:
    return QCoreApplication.translate("LeadDialog", text)


# Every dialog of the bench: the window's dark background and white text (a dialog without it
# showed the window's white labels on Qt's light grey).
DIALOG_STYLE = "QDialog { background: #1c232a; } QLabel { color: #ffffff; }"


class LeadDialog(QDialog):
    """A lead identifies (badge scan, or typed badge + PIN) and gives a reason. The core
    decides whether that proves a lead: a typed badge number alone does not."""

    accepted_with = Signal(object, str)  # LeadProof, reason

    def __init__(
        self,
        parent: QWidget,
        title: str,
        prompt: str,
        reasons: list[str],
        choices: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(620)
        self.setStyleSheet(DIALOG_STYLE)
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.lead = QLineEdit()
        no_input_method(self.lead)
        self.scanned = False  # the badge came from a scanner, not the keyboard
        self.lead.textEdited.connect(self._typed)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        no_input_method(self.pin)
        self.reason = QComboBox()
        if choices:  # a decision from a fixed list (text, value)
            for text, value in choices:
                self.reason.addItem(text, value)
        else:
            self.reason.setEditable(True)  # a free reason may need Chinese input: IME on
            self.reason.addItems(reasons)
            self.reason.setCurrentIndex(-1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #ffd740; font-weight: 600;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(tr("Lead badge"), self.lead)
        form.addRow(tr("PIN (when the badge is typed)"), self.pin)
        form.addRow(tr("Reason"), self.reason)
        col = QVBoxLayout(self)
        col.addWidget(self.prompt)
        col.addLayout(form)
        col.addWidget(self.message)
        col.addWidget(self.buttons)

    def take_scan(self, raw: str) -> bool:
        """A scan while open goes into the lead field (the services check it is a lead)."""
        self.lead.setText(raw)
        self.scanned = True
        self.message.setText(tr("Scanned: {code}").format(code=raw))
        return True

    def _typed(self, _text: str) -> None:
        self.scanned = False

    def _ok(self) -> None:
        lead = self.lead.text().strip()
        data = self.reason.currentData()
        reason = str(data) if data else self.reason.currentText().strip()
        pin = self.pin.text()
        if not lead or len(reason) < 3 or not (self.scanned or pin):
            self.message.setText(
                tr("Scan the lead's badge (or type it with the lead's PIN) and give a reason."))
            return
        proof = LeadProof(lead, scanned=self.scanned, pin=None if self.scanned else pin)
        self.accepted_with.emit(proof, reason)
        self.accept()


def override_reasons() -> list[str]:
    return [
        tr("Item weight in the catalogue is wrong"),
        tr("Extra protective packaging"),
        tr("Scale checked: parcel content verified by lead"),
    ]


def void_reasons() -> list[str]:
    return [tr("Label damaged"), tr("Wrong parcel labelled"), tr("Carrier changed")]


def short_pick_choices() -> list[tuple[str, str]]:
    return [
        (tr("Ship what is packed"), "ship_partial"),
        (tr("Hold the order"), "hold"),
        (tr("Send back to picking"), "return_to_pick"),
    ]


class QuantityDialog(QDialog):
    """Typed count for a bulk line (the services check the role may do it)."""

    entered = Signal(str, int)  # sku, quantity

    def __init__(self, parent: QWidget, lines: list[tuple[str, str, int]]) -> None:
        from ui.qt import QSpinBox

        super().__init__(parent)
        self.setWindowTitle(tr("Enter a quantity"))
        self.setStyleSheet(DIALOG_STYLE)
        self.line = QComboBox()
        for sku, name, remaining in lines:
            self.line.addItem(f"{sku} · {name} ({remaining})", sku)
        self.quantity = QSpinBox()
        self.quantity.setRange(1, 100_000)
        no_input_method(self.quantity)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons = buttons
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #ffd740; font-weight: 600;")
        form = QFormLayout(self)
        form.addRow(tr("Item"), self.line)
        form.addRow(tr("Quantity"), self.quantity)
        form.addRow(self.message)
        form.addRow(buttons)

    def take_scan(self, raw: str) -> bool:
        """Refused, visibly: the count is typed here; the scan is not counted."""
        self.message.setText(
            tr("Scan ignored while this window is open: {code}. Finish or cancel it first.")
            .format(code=raw)
        )
        return False

    def _ok(self) -> None:
        sku = self.line.currentData()
        if sku:
            self.entered.emit(str(sku), self.quantity.value())
        self.accept()
