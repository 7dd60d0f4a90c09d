"""The returns screen: the order being returned, what may still come back, the items with
reason, condition and where they go, the seller's decision. Scanner-first: every button is a
``CMD:`` barcode too."""

from __future__ import annotations

from station.domain.verdict import Verdict
from station.services.inbound_views import ReturnView
from ui.qt import QCoreApplication, QLabel, QVBoxLayout, QWidget, Signal
from ui.screens.inbound_common import AMBER, CommandRow, fill, paint_verdict, table
from ui.widgets import VerdictBanner, caption


def tr(text: str) -> str:
    return QCoreApplication.translate("ReturnsScreen", text)


def reason_text(code: str | None) -> str:
    return {
        "unwanted": tr("unwanted"), "damaged": tr("damaged in transit"),
        "wrong_item": tr("wrong item sent"), "defective": tr("defective"), "other": tr("other"),
        "resellable": tr("resellable"), "refund": tr("refund"), "exchange": tr("exchange"),
    }.get(code or "", code or "—")


class ReturnsScreen(QWidget):
    command = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("screen")
        self.view = ReturnView()
        self.title = QLabel()
        self.title.setProperty("role", "big")
        self.banner = VerdictBanner()
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.returnable_caption = caption("")
        self.returnable = table(3)
        self.returnable.setMaximumHeight(150)
        self.items_caption = caption("")
        self.items = table(5)
        self.reasons = CommandRow(["REASON-UNWANTED", "REASON-DAMAGED", "REASON-WRONG-ITEM",
                                   "REASON-DEFECTIVE", "REASON-OTHER"])
        self.conditions = CommandRow(["COND-RESELLABLE", "COND-DAMAGED", "REFUND", "EXCHANGE",
                                      "RETURN-LABEL", "PHOTO", "CLOSE"])
        self.moves = CommandRow(["GRADE-A", "GRADE-B", "GRADE-C", "GRADE-MISSING-PARTS",
                                 "RECEIVE", "STOCK", "PACK"])
        for row in (self.reasons, self.conditions, self.moves):
            row.command.connect(self.command)
        col = QVBoxLayout(self)
        col.addWidget(self.title)
        col.addWidget(self.banner)
        col.addWidget(self.state)
        col.addWidget(self.returnable_caption)
        col.addWidget(self.returnable)
        col.addWidget(self.items_caption)
        col.addWidget(self.items, 1)
        col.addWidget(self.reasons)
        col.addWidget(self.conditions)
        col.addWidget(self.moves)
        self.retranslate()

    def show_verdict(self, verdict: Verdict) -> None:
        paint_verdict(self.banner, verdict)

    def render_view(self, view: ReturnView) -> None:
        self.view = view
        if view.order_id is None:
            self.title.setText(tr("Returns: scan the tracking number, order or RMA"))
        else:
            ref = view.rma or view.tracking_number or ""
            key = tr("Return of order {order} {ref} (closed)") if view.finished else \
                tr("Return of order {order} {ref}")
            self.title.setText(key.format(order=view.order_id, ref=ref))
        self.state.setText(tr("Reason: {reason} · Condition: {condition} · Decision: "
                              "{decision} · Return label: {label}").format(
            reason=reason_text(view.reason), condition=reason_text(view.condition),
            decision=reason_text(view.pending_decision or view.decision)
            + (" " + tr("(waits for a lead's badge)") if view.pending_decision else ""),
            label=view.label or "—"))
        fill(self.returnable, [[s, n, done] for s, n, done in view.returnable])
        fill(self.items, [
            [ln.sku, reason_text(ln.reason), reason_text(ln.condition)
             + (f" · {_grade_text(ln.grade)}" if ln.grade else ""), ln.units,
             ln.location or tr("scan a location")]
            for ln in view.lines
        ], [AMBER if ln.location is None else None for ln in view.lines])

    def retranslate(self) -> None:
        self.returnable.setHorizontalHeaderLabels([tr("SKU"), tr("May return"),
                                                   tr("Returned now")])
        self.items.setHorizontalHeaderLabels([tr("SKU"), tr("Reason"), tr("Condition"),
                                              tr("Units"), tr("Goes to")])
        self.returnable_caption.setText(tr("Shipped in this order and not yet returned"))
        self.items_caption.setText(tr("Returned items: resellable to a bin, damaged to "
                                      "quarantine"))
        for row, names in ((self.reasons, {
            "REASON-UNWANTED": tr("Unwanted"), "REASON-DAMAGED": tr("Damaged in transit"),
            "REASON-WRONG-ITEM": tr("Wrong item sent"), "REASON-DEFECTIVE": tr("Defective"),
            "REASON-OTHER": tr("Other reason")}), (self.conditions, {
            "COND-RESELLABLE": tr("Resellable"), "COND-DAMAGED": tr("Damaged"),
            "REFUND": tr("Refund"), "EXCHANGE": tr("Exchange"),
            "RETURN-LABEL": tr("Print return label"), "PHOTO": tr("Photo"),
            "CLOSE": tr("Close return")}),
                (self.moves, {"GRADE-A": tr("Grade A: like new"),
                              "GRADE-B": tr("Grade B: opened/used"),
                              "GRADE-C": tr("Grade C: damaged"),
                              "GRADE-MISSING-PARTS": tr("Missing parts"),
                              "RECEIVE": tr("Receiving"), "STOCK": tr("Stock"),
                              "PACK": tr("Packing")})):
            for name, text in names.items():
                row.label(name, text)
        self.render_view(self.view)


def _grade_text(grade: str) -> str:
    return {"A": tr("grade A"), "B": tr("grade B"), "C": tr("grade C"),
            "missing_parts": tr("missing parts")}.get(grade, grade)
