"""Pieces the receiving, returns and stock screens share: a verdict banner painted from a
core verdict, a read-only table, and a row of command buttons (each the same as scanning its
``CMD:`` barcode)."""

from __future__ import annotations

from collections.abc import Sequence

from station.domain.verdict import Verdict
from station.i18n import _
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
INK = QColor("#111827")


def tr(text: str) -> str:
    return QCoreApplication.translate("InboundScreens", text)


def severity_tag(severity: str) -> str:
    return {"ok": tr("OK"), "needs_action": tr("ACTION"), "stop": tr("STOP")}.get(severity, "")


def term(value: object) -> object:
    """A reason, condition or decision code the core puts in a message, in words."""
    words = {
        "unwanted": tr("unwanted"), "damaged": tr("damaged"), "wrong_item": tr("wrong item"),
        "defective": tr("defective"), "other": tr("other"), "resellable": tr("resellable"),
        "refund": tr("refund"), "exchange": tr("exchange"),
    }
    return words.get(value, value) if isinstance(value, str) else value


def paint_verdict(banner: VerdictBanner, verdict: Verdict) -> None:
    """The core's verdict in the active language; its reason/condition/decision codes too."""
    message = _(verdict.text).format(**{k: term(v) for k, v in verdict.params.items()})
    banner.show_verdict(str(verdict.severity), message, verdict.code,
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
            if colour is not None:  # dark text on the light highlight (the theme is dark)
                item.setBackground(QBrush(colour))
                item.setForeground(QBrush(INK))
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
