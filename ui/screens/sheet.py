"""A sheet of barcodes to click or scan: command barcodes (printable from the app) and, in
the demo, badges, totes, the open order's items and boxes."""

from __future__ import annotations

from pathlib import Path

from ui.qt import (
    QColor,
    QCoreApplication,
    QGridLayout,
    QGroupBox,
    QImage,
    QLabel,
    QPainter,
    QPixmap,
    QPushButton,
    QScrollArea,
    QSize,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

COMMANDS = [
    "CMD:CONFIRM", "CMD:CANCEL", "CMD:NEW-PARCEL", "CMD:CLOSE", "CMD:REPRINT", "CMD:VOID",
    "CMD:PUT-ASIDE", "CMD:PRINT-WAITING",
]


def tr(text: str) -> str:
    return QCoreApplication.translate("BarcodeSheet", text)


def barcode_pixmap(data: str, height: int = 54, module: int = 2) -> QPixmap:
    """Code 128 of ``data`` drawn module by module (same encoder as the labels)."""
    from station.labels.symbols import encode

    matrix = encode("code128", data)
    quiet = 10 * module
    image = QImage(matrix.width * module + 2 * quiet, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    black = QColor("black")
    for x, dark in enumerate(matrix.rows[0]):
        if dark:
            painter.fillRect(quiet + x * module, 0, module, height, black)
    painter.end()
    return QPixmap.fromImage(image)


class BarcodeButton(QPushButton):
    """Click it and it is scanned (the demo's stand-in for a handheld scanner)."""

    def __init__(self, code: str, caption: str) -> None:
        super().__init__()
        self.code = code
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        pix = barcode_pixmap(code)
        self.setIcon(pix)
        self.setIconSize(QSize(pix.width(), pix.height()))
        self.setText(f"  {caption}\n  {code}")
        self.setStyleSheet(
            "QPushButton { background: #ffffff; color: #000000; text-align: left; "
            "padding: 6px; font-size: 15px; }"
        )


class BarcodeSheet(QWidget):
    scanned = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(tr("Barcode sheet"))
        self.groups: dict[str, QGroupBox] = {}
        self.buttons: dict[str, BarcodeButton] = {}
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.inner = QWidget()
        self.col = QVBoxLayout(self.inner)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.inner)
        self.save_button = QPushButton(tr("Save command sheet as image (to print)"))
        self.save_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer = QVBoxLayout(self)
        outer.addWidget(self.hint)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.save_button)
        self.set_group("commands", tr("Commands"), [(c, c[4:]) for c in COMMANDS])
        from ui.inbound import COMMANDS as INBOUND

        self.set_group("inbound", tr("Receiving, returns, stock"), [(c, c[4:]) for c in INBOUND])

    def set_group(self, key: str, title: str, codes: list[tuple[str, str]]) -> None:
        """Replace one group of barcodes (code, caption)."""
        old = self.groups.pop(key, None)
        if old is not None:
            old.setParent(None)
            old.deleteLater()
        box = QGroupBox(title)
        grid = QGridLayout(box)
        for i, (code, caption) in enumerate(codes):
            button = BarcodeButton(code, caption)
            button.clicked.connect(lambda _c=False, c=code: self.scanned.emit(c))
            self.buttons[code] = button
            grid.addWidget(button, i // 2, i % 2)
        self.groups[key] = box
        order = ["help", "badges", "orders", "items", "boxes", "commands"]
        self.col.insertWidget(
            sum(1 for k in order[: order.index(key)] if k in self.groups) if key in order
            else self.col.count(),
            box,
        )

    def save_commands(self, path: Path) -> Path:
        """The command group as a PNG, for printing on an office printer at the bench."""
        self.groups["commands"].grab().save(str(path))
        return path
