"""The lead's dashboard: today's counts per carrier and per packer, open manifests and the
exceptions (the day's, and older ones nobody resolved), with a CSV export button. Each
exception is a work item: select it (the first open one by default), then Acknowledge or
Resolve with a reason (buttons, or CMD:ACK / CMD:RESOLVE and the reason scanned or typed)."""

from __future__ import annotations

from typing import Any

from ui.qt import (
    QColor,
    QCoreApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPainter,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.screens.lead_tables import fill, local_time, read_only_table
from ui.widgets import caption


def tr(text: str) -> str:
    return QCoreApplication.translate("DashboardScreen", text)


SERIES = (("packed", "#42a5f5"), ("labelled", "#ffca28"), ("handed_over", "#66bb6a"))


class HourChart(QWidget):
    """Packed / labelled / handed over per local hour, as grouped bars (paints only)."""

    def __init__(self) -> None:
        super().__init__()
        self.hours: tuple[Any, ...] = ()
        self.names: dict[str, str] = {}
        self.setMinimumSize(300, 150)

    def show_hours(self, hours: tuple[Any, ...], names: dict[str, str]) -> None:
        self.hours, self.names = hours, names
        self.update()

    def paintEvent(self, _event: Any) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        p.fillRect(0, 0, w, h, QColor("#1b2127"))
        p.setPen(QColor("#cfd8dc"))
        legend_x = 8
        for key, colour in SERIES:  # the legend, top left
            p.fillRect(legend_x, 8, 10, 10, QColor(colour))
            label = self.names.get(key, key)
            p.drawText(legend_x + 14, 18, label)
            legend_x += 24 + p.fontMetrics().horizontalAdvance(label)
        if not self.hours:
            p.drawText(8, h // 2, self.names.get("empty", ""))
            p.end()
            return
        top, bottom, left = 28, h - 20, 30
        peak = max(max(c.packed, c.labelled, c.handed_over) for c in self.hours) or 1
        # a working day's frame (08-18) around the hours that saw work, so one busy hour
        # does not fill the whole chart
        first, last = min(self.hours[0].hour, 8), max(self.hours[-1].hour, 18)
        slots = last - first + 1
        slot = (w - left - 8) / slots
        bar = max(2.0, min(slot / 4, 14.0))
        by_hour = {c.hour: c for c in self.hours}
        p.drawText(2, top + 10, str(peak))
        for i in range(slots):
            hour = first + i
            x = left + i * slot
            counts = by_hour.get(hour)
            for j, (key, colour) in enumerate(SERIES):
                value = getattr(counts, key) if counts is not None else 0
                height = (bottom - top) * value / peak
                p.fillRect(int(x + bar * (j + 0.5)), int(bottom - height), int(bar),
                           int(height), QColor(colour))
            if slots <= 12 or i % 2 == 0:
                p.drawText(int(x + bar / 2), h - 4, f"{hour:02d}")
        p.end()


class DashboardScreen(QWidget):
    refresh_requested = Signal()
    export_requested = Signal()
    handle_requested = Signal(str, str, str)  # exception key, acknowledged|resolved, reason
    back = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.board: Any = None
        self.title = QLabel()
        self.title.setProperty("role", "big")
        self.note = QLabel()
        self.carriers = read_only_table(4)
        self.packers = read_only_table(4)
        self.manifests = read_only_table(4)
        self.exceptions = read_only_table(5)
        self.exceptions.horizontalHeader().setStretchLastSection(True)
        self.reason = QLineEdit()  # the reason of a resolve (typed, or scanned after RESOLVE)
        self.reason.setMaxLength(300)
        self.ack_button = QPushButton()
        self.resolve_button = QPushButton()
        self.ack_button.clicked.connect(lambda: self.request("acknowledged"))
        self.resolve_button.clicked.connect(lambda: self.request("resolved"))
        self.shown: list[Any] = []  # the exceptions in table order
        self.captions = [caption("") for _ in range(6)]
        self.chart = HourChart()
        self.cutoffs = QLabel()  # each carrier's next cut-off and what is not done for it
        self.cutoffs.setWordWrap(True)
        self.cutoffs.setTextFormat(Qt.TextFormat.RichText)
        self.refresh_button = QPushButton()
        self.export_button = QPushButton()
        self.back_button = QPushButton()
        for b in (self.refresh_button, self.export_button, self.back_button, self.ack_button,
                  self.resolve_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.export_button.clicked.connect(self.export_requested)
        self.back_button.clicked.connect(self.back)
        grid = QGridLayout()
        places = ((self.carriers, 0, 0, 1), (self.packers, 0, 1, 1), (self.chart, 0, 2, 1),
                  (self.manifests, 1, 0, 1), (self.exceptions, 1, 1, 2))
        for i, (widget, row, col, span) in enumerate(places):
            box = QVBoxLayout()
            box.addWidget(self.captions[i])
            box.addWidget(widget, 1)
            if widget is self.manifests:
                box.addWidget(self.captions[5])
                box.addWidget(self.cutoffs)
            grid.addLayout(box, row, col, 1, span)
        for col, stretch in enumerate((4, 3, 4)):
            grid.setColumnStretch(col, stretch)
        work = QHBoxLayout()
        work.addWidget(self.reason, 1)
        work.addWidget(self.ack_button)
        work.addWidget(self.resolve_button)
        grid.addLayout(work, 2, 1, 1, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.back_button)
        col = QVBoxLayout(self)
        col.setContentsMargins(14, 8, 14, 8)
        col.addWidget(self.title)
        col.addLayout(grid, 1)
        col.addLayout(buttons)
        self.retranslate()

    def show_board(self, board: Any) -> None:
        self.board = board
        self._paint()

    def show_note(self, text: str) -> None:
        self.note.setText(text)

    def selected(self) -> Any:
        """The exception to act on: the selected row, else the first one still open."""
        row = self.exceptions.currentRow()
        if 0 <= row < len(self.shown) and self.shown[row].actionable:
            return self.shown[row]
        return next((e for e in self.shown if e.actionable), None)

    def request(self, state: str, reason: str | None = None) -> None:
        chosen = self.selected()
        if chosen is None:
            self.show_note(tr("No open exception to act on."))
            return
        text = self.reason.text() if reason is None else reason
        self.handle_requested.emit(chosen.key, state, text)
        self.reason.clear()

    def _paint(self) -> None:
        b = self.board
        day = b.day if b else "—"
        self.title.setText(tr("Today {day}: packed {packed} · labelled {labelled} · handed over "
                              "{handed}").format(
            day=day, packed=b.totals.packed if b else 0, labelled=b.totals.labelled if b else 0,
            handed=b.totals.handed_over if b else 0))
        counts = [tr("Packed"), tr("Labelled"), tr("Handed over")]
        fill(self.carriers, [tr("Carrier"), *counts], [
            (k, c.packed, c.labelled, c.handed_over) for k, c in (b.per_carrier if b else {})
            .items()])
        fill(self.packers, [tr("Packer"), *counts], [
            (k, c.packed, c.labelled, c.handed_over) for k, c in (b.per_packer if b else {})
            .items()])
        fill(self.manifests, [tr("Manifest"), tr("Carrier"), tr("Pickup"), tr("Scanned")], [
            (m.manifest_id, m.carrier, m.pickup, m.scanned) for m in (b.open_manifests if b
                                                                      else ())])
        kinds = {"weight_override": tr("Weight override"), "short_pick": tr("Short pick"),
                 "label_voided": tr("Label voided"), "order_stopped": tr("Order stopped"),
                 "handover_refused": tr("Handover refused"),
                 "manifest_reopened": tr("Manifest reopened"),
                 "event_rejected": tr("Refused by central"),
                 "order_put_aside": tr("Order put aside"),
                 "handover_held_back": tr("Held back at handover"),
                 "label_waiting": tr("Label waiting for central (PRINT-WAITING)")}
        self.chart.show_hours(b.hours if b else (), {
            "packed": tr("Packed"), "labelled": tr("Labelled"), "handed_over": tr("Handed over"),
            "empty": tr("Nothing packed yet today.")})
        lines = []
        for c in (b.cutoffs if b else ()):
            left = c.minutes_left
            when = (tr("missed {h} h {m} min ago").format(h=-left // 60, m=-left % 60)
                    if left < 0 else tr("in {h} h {m} min").format(h=left // 60, m=left % 60))
            colour = "#ff5252" if left < 30 else "#ffd740" if left < 90 else "#cfd8dc"
            lines.append(f"<span style='color:{colour}'><b>{c.carrier}</b> " + tr(
                "cut-off {at} {when}: {parcels} parcels not handed over, {orders} orders not "
                "packed").format(at=f"{c.at:%H:%M}", when=when, parcels=c.not_handed,
                                 orders=c.not_packed) + "</span>")
        self.cutoffs.setText("<br>".join(lines) or tr("No cut-off ahead with work left."))
        self.shown = list(b.exceptions if b else ())
        states = {"open": tr("open"), "acknowledged": tr("acknowledged by {who}"),
                  "resolved": tr("resolved by {who}: {reason}")}
        fill(self.exceptions, [tr("When"), tr("What"), tr("Who"), tr("State"), tr("Detail")], [
            (local_time(e.at), kinds.get(e.kind, e.kind), e.who,
             states.get(e.state, e.state).format(who=e.handled_by, reason=e.reason or "")
             if e.key else "—",
             e.what.message if e.what is not None else f"{e.subject or ''} {e.detail}")
            for e in self.shown])
        first = next((i for i, e in enumerate(self.shown) if e.actionable), -1)
        if first >= 0:
            self.exceptions.selectRow(first)

    def retranslate(self) -> None:
        for label, text in zip(self.captions, (tr("Per carrier"), tr("Per packer"),
                                               tr("Today per hour"), tr("Open manifests"),
                                               tr("Exceptions"), tr("Next cut-offs")),
                               strict=True):
            label.setText(text)
        self.reason.setPlaceholderText(tr("Reason (type or scan), then Resolve"))
        self.ack_button.setText(tr("Acknowledge"))
        self.resolve_button.setText(tr("Resolve"))
        self.refresh_button.setText(tr("Refresh"))
        self.export_button.setText(tr("Export CSV"))
        self.back_button.setText(tr("Back to packing"))
        self._paint()
