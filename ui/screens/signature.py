"""The driver signs the closed manifest on the bench's screen (touch or mouse): a pad that
keeps the strokes and hands back a black-on-white PNG. It paints and collects only; saving
goes through the lead's desk to the handover service."""

from __future__ import annotations

import itertools
from typing import Any

from ui.qt import (
    QBuffer,
    QByteArray,
    QColor,
    QCoreApplication,
    QDialog,
    QHBoxLayout,
    QImage,
    QIODevice,
    QLabel,
    QLineEdit,
    QPainter,
    QPen,
    QPoint,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.screens.dialogs import DIALOG_STYLE


def tr(text: str) -> str:
    return QCoreApplication.translate("SignatureDialog", text)


class SignaturePad(QWidget):
    """Strokes drawn with the finger or the mouse."""

    def __init__(self) -> None:
        super().__init__()
        self.strokes: list[list[QPoint]] = []
        self.setMinimumSize(520, 180)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)

    @property
    def empty(self) -> bool:
        return not any(len(s) > 1 for s in self.strokes)

    def clear(self) -> None:
        self.strokes = []
        self.update()

    def mousePressEvent(self, event: Any) -> None:
        self.strokes.append([event.position().toPoint()])
        self.update()

    def mouseMoveEvent(self, event: Any) -> None:
        if self.strokes:
            self.strokes[-1].append(event.position().toPoint())
            self.update()

    def _draw(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("black"), 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        for stroke in self.strokes:
            for a, b in itertools.pairwise(stroke):
                painter.drawLine(a, b)

    def paintEvent(self, _event: Any) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QColor("#90a4ae"))
        painter.drawLine(10, self.height() - 30, self.width() - 10, self.height() - 30)
        self._draw(painter)
        painter.end()

    def png(self) -> bytes:
        """The signature, black on white, the pad's size."""
        image = QImage(self.size(), QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        self._draw(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        return bytes(data.data())


class SignatureDialog(QDialog):
    """Name + signature of the driver; ``signed`` carries (name, png)."""

    signed = Signal(str, bytes)

    def __init__(self, manifest_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(DIALOG_STYLE)  # white text on the window's dark background
        self.setWindowTitle(tr("Driver's signature"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("Driver's name"))
        self.pad = SignaturePad()
        self.note = QLabel(tr("Manifest {manifest}: the driver signs for the parcels taken.")
                           .format(manifest=manifest_id))
        self.clear_button = QPushButton(tr("Clear"))
        self.save_button = QPushButton(tr("Save signature"))
        self.cancel_button = QPushButton(tr("Cancel"))
        self.clear_button.clicked.connect(self.pad.clear)
        self.save_button.clicked.connect(self._save)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        col = QVBoxLayout(self)
        col.addWidget(self.note)
        col.addWidget(self.name)
        col.addWidget(self.pad, 1)
        col.addLayout(buttons)

    def _save(self) -> None:
        if not self.name.text().strip():
            self.note.setText(tr("Type the driver's name."))
            return
        if self.pad.empty:
            self.note.setText(tr("The driver signs in the white box first."))
            return
        self.signed.emit(self.name.text().strip(), self.pad.png())
        self.accept()
