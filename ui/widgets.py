"""Building blocks of the bench screens: verdict banner, live weight, label preview.

Sizes are for reading at one metre on a 1366×768 screen; colours are high-contrast and the
verdict never relies on colour alone (the banner also says OK / ACTION / STOP).
"""

from __future__ import annotations

from ui.qt import QFont, QFrame, QHBoxLayout, QImage, QLabel, QPixmap, Qt, QVBoxLayout, QWidget

COLOURS = {
    "ok": ("#0b6e2e", "#ffffff"),
    "needs_action": ("#f2b705", "#000000"),
    "stop": ("#b00020", "#ffffff"),
    "idle": ("#263238", "#ffffff"),
}

STYLE = """
QWidget { font-size: 17px; }
QMainWindow, QWidget#screen { background: #101418; color: #f5f5f5; }
QLabel { color: #f5f5f5; }
QLabel[role="caption"] { color: #b0bec5; font-size: 14px; }
QLabel[role="big"] { font-size: 26px; font-weight: 600; }
QTableWidget, QListWidget { background: #1c232a; color: #ffffff; gridline-color: #37474f;
    font-size: 19px; }
QHeaderView::section { background: #263238; color: #ffffff; font-size: 15px; padding: 4px; }
QPushButton { min-height: 40px; padding: 2px 8px; background: #37474f; color: #ffffff;
    border: 2px solid #78909c; border-radius: 6px; font-size: 16px; }
QPushButton:disabled { color: #78909c; border-color: #455a64; }
QPushButton:focus { border-color: #ffeb3b; }
QLineEdit, QComboBox, QSpinBox { min-height: 40px; font-size: 19px; background: #ffffff;
    color: #000000; }
QStatusBar { background: #000000; color: #ffffff; font-size: 15px; }
QStatusBar QLabel { padding: 0 8px; }
QGroupBox { color: #b0bec5; border: 1px solid #37474f; margin-top: 14px; padding-top: 6px; }
QGroupBox::title { subcontrol-origin: margin; left: 8px; }
"""


def caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "caption")
    return label


class VerdictBanner(QFrame):
    """The big coloured line that answers every scan: OK (green), ACTION (amber), STOP (red)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("verdict")
        self.severity = ""
        self.code = ""
        self.tag = QLabel()
        self.text = QLabel()
        self.text.setWordWrap(True)
        font = QFont()
        font.setPointSize(24)
        font.setBold(True)
        self.text.setFont(font)
        tag_font = QFont(font)
        tag_font.setPointSize(30)
        self.tag.setFont(tag_font)
        self.tag.setMinimumWidth(170)
        self.tag.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 10, 16, 10)
        row.addWidget(self.tag)
        row.addWidget(self.text, 1)
        self.setMinimumHeight(96)
        self.show_verdict("idle", "", "")

    def show_verdict(self, severity: str, message: str, code: str, tag: str = "") -> None:
        if severity != self.severity or not self.styleSheet():
            bg, fg = COLOURS.get(severity, COLOURS["idle"])
            self.setStyleSheet(  # re-polishing is costly: only when the colour changes
                f"QFrame#verdict {{ background: {bg}; border-radius: 8px; }}"
                f"QFrame#verdict QLabel {{ color: {fg}; }}"
            )
        self.severity, self.code = severity, code
        self.tag.setText(tag)
        self.text.setText(message)


class WeightPanel(QFrame):
    """Live scale reading: grams, stable / in motion / fault, and expected ± tolerance."""

    def __init__(self) -> None:
        super().__init__()
        self.grams = QLabel("— g")
        self.grams.setProperty("role", "big")
        font = QFont()
        font.setPointSize(30)
        font.setBold(True)
        self.grams.setFont(font)
        self.state = QLabel()
        self.expected = caption("")
        col = QVBoxLayout(self)
        col.setContentsMargins(4, 4, 4, 4)
        col.addWidget(self.grams)
        col.addWidget(self.state)
        col.addWidget(self.expected)
        self.status = "none"

    def show_reading(self, grams: int | None, status: str, state_text: str) -> None:
        """``status``: stable, motion, fault or none."""
        self.status = status
        self.grams.setText("— g" if grams is None or status == "fault" else f"{grams} g")
        colour = {"stable": "#00e676", "motion": "#ffd740", "fault": "#ff5252"}.get(
            status, "#b0bec5"
        )
        self.state.setStyleSheet(f"color: {colour}; font-size: 20px; font-weight: 600;")
        self.state.setText(state_text)

    def show_expected(self, text: str) -> None:
        self.expected.setText(text)


class LabelPreview(QLabel):
    """The PNG of the last printed label, scaled to fit."""

    def __init__(self) -> None:
        super().__init__()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(160, 200)
        self.setStyleSheet("background: #ffffff; color: #000000; border-radius: 4px;")
        self.png: bytes | None = None

    def show_png(self, png: bytes | None, placeholder: str = "") -> None:
        self.png = png
        if not png:
            self.setPixmap(QPixmap())
            self.setText(placeholder)
            return
        image = QImage.fromData(png)
        self.setPixmap(
            QPixmap.fromImage(image).scaled(
                self.width() - 8,
                self.height() - 8,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )


def hbox(*widgets: QWidget, stretch_last: bool = False) -> QHBoxLayout:
    row = QHBoxLayout()
    for w in widgets:
        row.addWidget(w)
    if stretch_last:
        row.addStretch(1)
    return row
