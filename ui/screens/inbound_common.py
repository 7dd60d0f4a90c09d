"""Pieces the receiving, returns and stock screens share: a verdict banner painted from a
core verdict, a read-only table, and a row of command buttons (each the same as scanning its
``CMD:`` barcode)."""

from __future__ import annotations

from collections.abc import Sequence

from station.domain.verdict import Verdict
from ui.qt import (
    QAbstractItemView,
    QBrush,
    QColor,
    QCoreApplication,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
    Signal,
)
from ui.widgets import VerdictBanner

AMBER = QColor("#fde68a")
RED = QColor("#fecaca")


def tr(text: str) -> str:
    return QCoreApplication.translate("InboundScreens", text)


def severity_tag(severity: str) -> str:
    return {"ok": tr("OK"), "needs_action": tr("ACTION"), "stop": tr("STOP")}.get(severity, "")


def paint_verdict(banner: VerdictBanner, verdict: Verdict) -> None:
    """The core's verdict in the active language (its message is translated when read)."""
    banner.show_verdict(str(verdict.severity), verdict.message, verdict.code,
                        severity_tag(str(verdict.severity)))


def table(columns: int) -> QTableWidget:
    t = QTableWidget(0, columns)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    t.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    t.verticalHeader().setVisible(False)
    t.verticalHeader().setDefaultSectionSize(34)
    hh = t.horizontalHeader()
    hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    return t


def fill(t: QTableWidget, rows: Sequence[Sequence[object]],
         colours: Sequence[QColor | None] | None = None) -> None:
    t.setRowCount(len(rows))
    for r, row in enumerate(rows):
        colour = colours[r] if colours else None
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if colour is not None:
                item.setBackground(QBrush(colour))
            t.setItem(r, c, item)


class CommandRow(QWidget):
    """Buttons that send ``CMD:<name>`` exactly as the scanner would."""

    command = Signal(str)

    def __init__(self, names: Sequence[str]) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for name in names:
            b = QPushButton()
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter from a scanner never clicks
            b.clicked.connect(lambda _c=False, n=name: self.command.emit(f"CMD:{n}"))
            self.buttons[name] = b
            row.addWidget(b)
        row.addStretch(1)

    def label(self, name: str, text: str) -> None:
        self.buttons[name].setText(f"{text}\n{name}")
