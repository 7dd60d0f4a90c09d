"""The stock screen: quantity by SKU and location from central, and the replenishment alerts
central computes from its minimums. Scan a product (or type a SKU) to see only that SKU."""

from __future__ import annotations

from contract import StockReport
from station.domain.verdict import Verdict
from ui.qt import QCoreApplication, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget, Signal
from ui.screens.inbound_common import AMBER, CommandRow, fill, paint_verdict, table
from ui.widgets import VerdictBanner, caption


def tr(text: str) -> str:
    return QCoreApplication.translate("StockScreen", text)


class StockScreen(QWidget):
    command = Signal(str)
    lookup = Signal(str)  # a SKU typed by hand ("" = everything)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("screen")
        self.report: StockReport | None = None
        self.title = QLabel()
        self.title.setProperty("role", "big")
        self.banner = VerdictBanner()
        self.sku = QLineEdit()
        self.sku.setMinimumWidth(300)
        self.sku.returnPressed.connect(lambda: self.lookup.emit(self.sku.text().strip()))
        self.alerts_caption = caption("")
        self.alerts = table(4)
        self.alerts.setMaximumHeight(170)
        self.levels_caption = caption("")
        self.levels = table(3)
        self.commands = CommandRow(["STOCK", "RECEIVE", "RETURNS", "PACK"])
        self.commands.command.connect(self.command)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.sku)
        col = QVBoxLayout(self)
        col.addLayout(top)
        col.addWidget(self.banner)
        col.addWidget(self.alerts_caption)
        col.addWidget(self.alerts)
        col.addWidget(self.levels_caption)
        col.addWidget(self.levels, 1)
        col.addWidget(self.commands)
        self.retranslate()

    def show_verdict(self, verdict: Verdict) -> None:
        paint_verdict(self.banner, verdict)

    def render_report(self, report: StockReport | None) -> None:
        self.report = report
        if report is None:
            return
        fill(self.alerts, [[a.sku, a.available, a.minimum, a.shortfall] for a in report.alerts],
             [AMBER] * len(report.alerts))
        fill(self.levels, [[lv.sku, lv.location, lv.quantity] for lv in report.levels])

    def retranslate(self) -> None:
        self.title.setText(tr("Stock by SKU and location"))
        self.sku.setPlaceholderText(tr("SKU, or scan a product"))
        self.alerts.setHorizontalHeaderLabels([tr("SKU"), tr("Available"), tr("Minimum"),
                                               tr("Replenish")])
        self.levels.setHorizontalHeaderLabels([tr("SKU"), tr("Location"), tr("Quantity")])
        self.alerts_caption.setText(tr("Replenishment alerts (computed by central; quarantine "
                                       "does not count)"))
        self.levels_caption.setText(tr("Quantity by location"))
        for name, text in (("STOCK", tr("Refresh")), ("RECEIVE", tr("Receiving")),
                           ("RETURNS", tr("Returns")), ("PACK", tr("Packing"))):
            self.commands.label(name, text)
