"""Lead dialogs (weight override, void). Scans reach them while they are open: a lead badge
scan fills the lead field; any other scan is refused with a visible message, never lost."""

from __future__ import annotations

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


class LeadDialog(QDialog):
    """A lead identifies (badge scan or typed badge) and gives a reason."""

    accepted_with = Signal(str, str)  # lead badge, reason

    def __init__(self, parent: QWidget, title: str, prompt: str, reasons: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(620)
        self.setStyleSheet("QDialog { background: #1c232a; } QLabel { color: #ffffff; }")
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.lead = QLineEdit()
        no_input_method(self.lead)
        self.reason = QComboBox()
        self.reason.setEditable(True)  # a free reason may need Chinese input: IME stays on
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
        form.addRow(tr("Reason"), self.reason)
        col = QVBoxLayout(self)
        col.addWidget(self.prompt)
        col.addLayout(form)
        col.addWidget(self.message)
        col.addWidget(self.buttons)

    def take_scan(self, raw: str) -> bool:
        """A scan while open goes into the lead field (the services check it is a lead)."""
        self.lead.setText(raw)
        self.message.setText(tr("Scanned: {code}").format(code=raw))
        return True

    def _ok(self) -> None:
        lead, reason = self.lead.text().strip(), self.reason.currentText().strip()
        if not lead or len(reason) < 3:
            self.message.setText(tr("Scan the lead's badge and give a reason."))
            return
        self.accepted_with.emit(lead, reason)
        self.accept()


def override_reasons() -> list[str]:
    return [
        tr("Item weight in the catalogue is wrong"),
        tr("Extra protective packaging"),
        tr("Scale checked: parcel content verified by lead"),
    ]


def void_reasons() -> list[str]:
    return [tr("Label damaged"), tr("Wrong parcel labelled"), tr("Carrier changed")]
