"""Lookup screen: one scan (order, parcel, tracking number, tote, pick list, SKU) or a
recipient's name or phone typed in shows the whole history; several orders found are a pick
list (masked names and phones); a lead can reprint or void the selected parcel's label."""

from __future__ import annotations

from typing import Any

from ui.qt import (
    QCoreApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.screens.lead_tables import fill, local_time, read_only_table
from ui.widgets import VerdictBanner, caption


def tr(text: str) -> str:
    return QCoreApplication.translate("LookupScreen", text)


class LookupScreen(QWidget):
    typed = Signal(str)  # a code typed by hand (the scanner path goes through the window)
    reprint_requested = Signal(str, int)  # order, parcel
    void_requested = Signal(str, int)
    order_picked = Signal(object)  # another of the orders found: its carrier timeline
    back = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.result: Any = None
        self.timeline: Any = None
        self.selected = 0  # which of the orders found is shown
        self.matches = QListWidget()  # the pick list when a name or a tote finds several
        self.matches.setMaximumHeight(110)
        self.matches.setVisible(False)
        self.matches.currentRowChanged.connect(self._pick)
        self.title = QLabel()
        self.title.setProperty("role", "big")
        self.entry = QLineEdit()
        self.entry.setMaxLength(128)
        self.entry.returnPressed.connect(self._typed)
        self.banner = VerdictBanner()
        self.order_line = QLabel()
        self.order_line.setWordWrap(True)
        self.parcels = read_only_table(6)
        self.history = read_only_table(3)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.carrier_caption = caption("")
        self.carrier = QLabel()
        self.carrier.setWordWrap(True)
        self.parcels_caption = caption("")
        self.history_caption = caption("")
        self.reprint_button = QPushButton()
        self.void_button = QPushButton()
        self.back_button = QPushButton()
        for b in (self.reprint_button, self.void_button, self.back_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.reprint_button.clicked.connect(lambda: self._parcel_action(self.reprint_requested))
        self.void_button.clicked.connect(lambda: self._parcel_action(self.void_requested))
        self.back_button.clicked.connect(self.back)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.entry, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.void_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        col = QVBoxLayout(self)
        col.setContentsMargins(14, 8, 14, 8)
        col.addLayout(top)
        col.addWidget(self.banner)
        col.addWidget(self.matches)
        col.addWidget(self.order_line)
        col.addWidget(self.parcels_caption)
        col.addWidget(self.parcels, 1)
        col.addWidget(self.history_caption)
        col.addWidget(self.history, 3)
        col.addWidget(self.carrier_caption)
        col.addWidget(self.carrier)
        col.addLayout(buttons)
        self.retranslate()

    def _typed(self) -> None:
        text = self.entry.text().strip()
        self.entry.clear()
        if text:
            self.typed.emit(text)

    def _parcel_action(self, signal: Any) -> None:
        order = self.current_order()
        row = self.parcels.currentRow()
        if order is None or not order.parcels:
            return
        parcel = order.parcels[row if 0 <= row < len(order.parcels) else -1]
        signal.emit(order.order_id, parcel.parcel_no)

    def current_order(self) -> Any:
        if self.result is None or not self.result.orders:
            return None
        return self.result.orders[min(self.selected, len(self.result.orders) - 1)]

    def _pick(self, row: int) -> None:
        if row >= 0 and row != self.selected:
            self.selected, self.timeline = row, None
            self._paint()
            self.order_picked.emit(self.current_order())

    # ------------------------------------------------------------------ painting
    def show_result(self, result: Any) -> None:
        self.result, self.timeline, self.selected = result, None, 0
        orders = result.orders if result is not None else ()
        self.matches.blockSignals(True)
        self.matches.clear()
        if len(orders) > 1:
            self.matches.addItems([
                f"{o.order_id} · {_status(o.status)} · {o.carrier} · {o.recipient}"
                for o in orders])
            self.matches.setCurrentRow(0)
        self.matches.blockSignals(False)
        self.matches.setVisible(len(orders) > 1)
        self._paint()

    def show_timeline(self, timeline: Any) -> None:
        order = self.current_order()
        if order is not None and timeline.tracking and not set(timeline.tracking) & set(
                order.tracking_numbers):
            return  # the answer for an order picked before this one
        self.timeline = timeline
        self._paint_timeline()

    def show_verdict(self, severity: str, message: str, code: str) -> None:
        tags = {"ok": tr("OK"), "needs_action": tr("ACTION"), "stop": tr("STOP")}
        self.banner.show_verdict(severity, message, code, tags.get(severity, ""))

    def _paint(self) -> None:
        order = self.current_order()
        has = order is not None and bool(order.parcels)
        self.reprint_button.setEnabled(has)
        self.void_button.setEnabled(has)
        if order is None:
            self.order_line.setText(tr("Scan an order, parcel, tracking number, tote or SKU, or "
                                       "type the recipient's name or phone."))
            fill(self.parcels, self._parcel_headers(), [])
            fill(self.history, self._history_headers(), [])
            self._paint_timeline()
            return
        others = len(self.result.orders) - 1
        more = tr(" ({n} orders found: pick one above, or scan its order)").format(
            n=others + 1) if others else ""
        self.order_line.setText(tr("Order {order} · {status} · {carrier} · {recipient}{more}")
                                .format(order=order.order_id, status=_status(order.status),
                                        carrier=order.carrier, recipient=order.recipient,
                                        more=more))
        fill(self.parcels, self._parcel_headers(), [
            (p.parcel_no, _status(p.status), p.tracking_number, p.box_code, _grams(p.expected_g),
             _grams(p.actual_g)) for p in order.parcels])
        fill(self.history, self._history_headers(), [
            (local_time(line.at, with_date=True), line.who, line.verdict.message)
            for line in order.lines])
        self._paint_timeline()

    def _paint_timeline(self) -> None:
        t = self.timeline
        if t is None:
            self.carrier.setText(tr("Asking the central server…") if self.current_order()
                                 else "")
            return
        lines = [
            f"{number}: " + " → ".join(f"{e.at:%m-%d %H:%M} {_tracking_status(e.status)}"
                                       for e in tracking.events)
            for number, tracking in t.tracking.items()
        ]
        if not t.online:
            lines.append(tr("Central server offline: carrier timeline not available ({note}).")
                         .format(note=t.note))
        self.carrier.setText("\n".join(lines) or tr("No carrier events yet."))

    def _parcel_headers(self) -> list[str]:
        return [tr("Parcel"), tr("Status"), tr("Tracking number"), tr("Box"), tr("Expected"),
                tr("Weighed")]

    def _history_headers(self) -> list[str]:
        return [tr("When"), tr("Who"), tr("What")]

    def retranslate(self) -> None:
        self.title.setText(tr("Lookup: scan anything"))
        self.parcels_caption.setText(tr("Parcels"))
        self.history_caption.setText(tr("History"))
        self.carrier_caption.setText(tr("Carrier timeline (central)"))
        self.reprint_button.setText(tr("Reprint label (lead)"))
        self.void_button.setText(tr("Void label (lead)"))
        self.back_button.setText(tr("Back to packing"))
        self._paint()


def _status(status: str) -> str:
    """Order and parcel states in the reader's language (unknown ones as stored)."""
    names = {"released": tr("released"), "packed": tr("packed"), "shipped": tr("shipped"),
             "cancelled": tr("cancelled"), "intercepted": tr("intercepted"),
             "ready": tr("waiting for label"), "labelled": tr("labelled"),
             "void": tr("void")}
    return names.get(status, status)


def _tracking_status(status: str) -> str:
    """Central's tracking statuses in the reader's language (unknown ones as sent)."""
    names = {"label_created": tr("label created"), "shipped": tr("handed to the carrier"),
             "collected": tr("collected"), "in_transit": tr("in transit"),
             "out_for_delivery": tr("out for delivery"), "delivered": tr("delivered"),
             "returned": tr("returned to sender"), "failure": tr("delivery failed"),
             "voided": tr("label voided"), "carrier_voided": tr("cancelled at the carrier"),
             "void_refused": tr("carrier refused the cancel")}
    return names.get(status, status)


def _grams(g: int | None) -> str:
    return "—" if g is None else f"{g} g"
