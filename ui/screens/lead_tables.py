"""A read-only table the lead's screens fill row by row (no business rule here)."""

from __future__ import annotations

from collections.abc import Sequence

from ui.qt import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem


def read_only_table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return table


def fill(table: QTableWidget, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Replace the table's content; ``None`` cells show as a dash."""
    table.setHorizontalHeaderLabels(list(headers))
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("—" if value is None else str(value))
            item.setToolTip(item.text())  # a cut detail is read whole on hover
            table.setItem(r, c, item)
    for c in range(table.columnCount() - 1):  # ids and tracking numbers are read whole
        table.resizeColumnToContents(c)


def local_time(at: str | None, with_date: bool = False) -> str:
    """A stored UTC ISO timestamp in the station's local time, as the lead reads clocks."""
    from datetime import datetime

    if not at:
        return "—"
    try:
        moment = datetime.fromisoformat(at).astimezone()
    except ValueError:
        return at
    return moment.strftime("%Y-%m-%d %H:%M:%S" if with_date else "%H:%M:%S")
