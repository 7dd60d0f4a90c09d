"""Login: scan a badge (anywhere on this screen), or type badge id and PIN."""

from __future__ import annotations

from ui.qt import (
    QCoreApplication,
    QFont,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.wedge import no_input_method


def tr(text: str) -> str:
    return QCoreApplication.translate("LoginScreen", text)


class LoginScreen(QWidget):
    pin_login = Signal(str, str)  # badge, PIN

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("screen")
        no_input_method(self)
        self.title = QLabel()
        font = QFont()
        font.setPointSize(34)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge = QLineEdit()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        for field in (self.badge, self.pin):
            no_input_method(field)
            field.setMaximumWidth(360)
        self.pin.returnPressed.connect(self._submit)
        self.badge.returnPressed.connect(self.pin.setFocus)
        self.button = QPushButton()
        self.button.clicked.connect(self._submit)
        self.error = QLabel()
        self.error.setStyleSheet("color: #ff5252; font-size: 20px; font-weight: 600;")
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.form = QFormLayout()
        self.badge_label = QLabel()
        self.pin_label = QLabel()
        self.form.addRow(self.badge_label, self.badge)
        self.form.addRow(self.pin_label, self.pin)
        self.form.addRow("", self.button)
        box = QWidget()
        box.setLayout(self.form)
        box.setMaximumWidth(560)
        col = QVBoxLayout(self)
        col.addStretch(2)
        col.addWidget(self.title)
        col.addWidget(self.hint)
        col.addSpacing(30)
        col.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        col.addWidget(self.error)
        col.addStretch(3)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("Scan your badge"))
        self.hint.setText(tr("or enter your badge number and PIN"))
        self.badge_label.setText(tr("Badge"))
        self.pin_label.setText(tr("PIN"))
        self.button.setText(tr("Log in"))

    def _submit(self) -> None:
        badge, pin = self.badge.text().strip(), self.pin.text()
        if not badge or not pin:
            self.show_error(tr("Enter your badge number and your PIN."))
            return
        self.pin.clear()
        self.pin_login.emit(badge, pin)

    def show_error(self, message: str) -> None:
        self.error.setText(message)

    def reset(self) -> None:
        self.badge.clear()
        self.pin.clear()
        self.error.clear()
