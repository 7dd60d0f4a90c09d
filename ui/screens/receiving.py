"""The receiving screen: the open notice's lines (expected, counted, over, location), the
discrepancies, and the verdict of the last scan. Paints what the core says; scanner-first."""

from __future__ import annotations

from station.domain.receiving import DiscrepancyKind
from station.domain.verdict import Verdict
from station.services.inbound_views import ReceivingView
from ui.qt import QCoreApplication, QLabel, QListWidget, QVBoxLayout, QWidget, Signal
from ui.screens.inbound_common import AMBER, RED, CommandRow, fill, paint_verdict, table
from ui.widgets import VerdictBanner, caption


def tr(text: str) -> str:
    return QCoreApplication.translate("ReceivingScreen", text)


class ReceivingScreen(QWidget):
    command = Signal(str)  # CMD:... as if scanned

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("screen")
        self.view = ReceivingView()
        self.chinese = False  # product names in Chinese (set with the language)
        self.title = QLabel()
        self.title.setProperty("role", "big")
        self.banner = VerdictBanner()
        self.lines_caption = caption("")
        self.lines = table(7)
        self.discrepancy_caption = caption("")
        self.discrepancies = QListWidget()
        self.discrepancies.setMaximumHeight(110)
        self.commands = CommandRow(["SKU-LABELS", "CLOSE", "QC-RELEASE", "RETURNS", "STOCK",
                                    "PACK"])
        self.commands.command.connect(self.command)
        col = QVBoxLayout(self)
        col.addWidget(self.title)
        col.addWidget(self.banner)
        col.addWidget(self.lines_caption)
        col.addWidget(self.lines, 1)
        col.addWidget(self.discrepancy_caption)
        col.addWidget(self.discrepancies)
        col.addWidget(self.commands)
        self.retranslate()

    def show_verdict(self, verdict: Verdict) -> None:
        paint_verdict(self.banner, verdict)

    def render_view(self, view: ReceivingView) -> None:
        self.view = view
        qc = view.qc
        if qc is not None:
            self.title.setText(
                tr("QC release from {hold}: {passed} passed, {failed} failed").format(
                    hold=qc.hold or "—", passed=qc.passed, failed=qc.failed)
                + (tr(" · {sku} waits for its place").format(sku=qc.pending)
                   if qc.pending else ""))
        elif view.notice_id is None:
            self.title.setText(tr("Receiving: scan an inbound notice"))
        elif view.finished:
            self.title.setText(tr("Receiving: notice {notice} closed").format(
                notice=view.notice_id))
        else:
            self.title.setText(tr("Receiving notice {notice}").format(notice=view.notice_id))
        zh = self.chinese
        rows, colours = [], []
        for ln in view.lines:
            rows.append([
                ln.sku, (ln.name_zh if zh and ln.name_zh else ln.name), ln.expected, ln.counted,
                ln.over or "", ln.location or "—",
                tr("print SKU labels") if ln.needs_label else "",
            ])
            colours.append(RED if ln.over else AMBER if ln.sku == view.current and
                           not ln.location else None)
        fill(self.lines, rows, colours)
        self.discrepancies.clear()
        words = {DiscrepancyKind.OVER: tr("over"), DiscrepancyKind.UNDER: tr("short"),
                 DiscrepancyKind.UNKNOWN: tr("unknown item")}
        for d in view.discrepancies:
            self.discrepancies.addItem(f"{words[d.kind]}: {d.item} × {d.quantity}")

    def retranslate(self) -> None:
        self.lines.setHorizontalHeaderLabels([
            tr("SKU"), tr("Product"), tr("Expected"), tr("Counted"), tr("Over"),
            tr("Location"), tr("Label"),
        ])
        self.lines_caption.setText(tr("Count each unit; after the first unit of a SKU scan its "
                                      "put-away location."))
        self.discrepancy_caption.setText(tr("Discrepancies (sent to the WMS with the receipt)"))
        for name, text in (("SKU-LABELS", tr("Print SKU labels")), ("CLOSE", tr("Close")),
                           ("QC-RELEASE", tr("QC release")),
                           ("RETURNS", tr("Returns")), ("STOCK", tr("Stock")),
                           ("PACK", tr("Packing"))):
            self.commands.label(name, text)
        self.render_view(self.view)
