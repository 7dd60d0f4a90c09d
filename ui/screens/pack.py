"""The pack screen: renders the core's session after every scan. Usable with scans only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from station.domain.verdict import Severity
from station.services.bench_view import PackView
from ui.qt import (
    QAbstractItemView,
    QBrush,
    QColor,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.widgets import LabelPreview, VerdictBanner, WeightPanel, caption

if TYPE_CHECKING:
    from station.services.bench import BenchAnswer


def tr(text: str) -> str:
    from ui.qt import QCoreApplication

    return QCoreApplication.translate("PackScreen", text)


def tag(severity: Severity) -> str:
    """The word on the banner beside the colour (never colour alone)."""
    return {
        Severity.OK: tr("OK"), Severity.NEEDS_ACTION: tr("ACTION"), Severity.STOP: tr("STOP"),
    }[severity]


class PackScreen(QWidget):
    """Header, verdict, lines, box, weight, parcels, label preview and the lead's buttons."""

    command = Signal(str)  # CONFIRM / CANCEL / NEW-PARCEL / CLOSE / REPRINT
    override_requested = Signal()
    acknowledge_requested = Signal()
    void_requested = Signal()
    retry_requested = Signal()
    sheet_requested = Signal()
    quantity_requested = Signal()
    short_pick_requested = Signal()
    typed = Signal(str)  # a code typed by hand (lot, serial, a damaged barcode)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("screen")
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.view = PackView()
        self.last_result: BenchAnswer | None = None
        self.verdict_paints = 0

        self.order = QLabel()
        self.order.setProperty("role", "big")
        self.customer = QLabel()
        self.carrier = QLabel()
        self.cutoff = QLabel()
        self.operator = QLabel()
        head = QHBoxLayout()
        for w in (self.order, self.customer, self.carrier, self.cutoff):
            head.addWidget(w)
            head.addSpacing(18)
        head.addStretch(1)
        head.addWidget(self.operator)

        self.banner = VerdictBanner()
        self.last_scan = QLabel()
        self.last_scan.setWordWrap(True)

        self.lines = QTableWidget(0, 5)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.lines.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lines.verticalHeader().setVisible(False)
        self.lines.verticalHeader().setDefaultSectionSize(40)
        hh = self.lines.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        self.box = QLabel()
        self.box.setWordWrap(True)
        self.weight = WeightPanel()
        self.parcels = QListWidget()
        self.parcels.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.parcels.setMaximumHeight(96)
        self.parcels.setWordWrap(True)
        self.parcels.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preview = LabelPreview()
        self.lane = QLabel()
        self.lane.setProperty("role", "big")

        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        specs: list[tuple[str, tuple[int, ...]]] = [
            # three rows of five: the pack screen must fit a 1366×768 bench monitor
            ("CONFIRM", (0, 0)), ("NEW-PARCEL", (0, 1)), ("CLOSE", (0, 2)), ("CANCEL", (0, 3)),
            ("REPRINT", (0, 4)), ("retry", (1, 0)), ("quantity", (1, 1)), ("sheet", (1, 2)),
            ("override", (1, 3)), ("acknowledge", (1, 4)), ("short_pick", (2, 0)),
            ("void", (2, 1)), ("PRINT-WAITING", (2, 2)),
        ]
        for key, cell in specs:
            b = QPushButton()
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter from a scanner never clicks
            b.setMinimumWidth(60)
            self.buttons[key] = b
            grid.addWidget(b, *cell)
        for key in ("CONFIRM", "NEW-PARCEL", "CLOSE", "CANCEL", "REPRINT", "PRINT-WAITING"):
            self.buttons[key].clicked.connect(lambda _c=False, k=key: self.command.emit(k))
        self.buttons["override"].clicked.connect(self.override_requested)
        self.buttons["acknowledge"].clicked.connect(self.acknowledge_requested)
        self.buttons["void"].clicked.connect(self.void_requested)
        self.buttons["retry"].clicked.connect(self.retry_requested)
        self.buttons["retry"].setEnabled(False)  # only after a label failed to print
        self.buttons["sheet"].clicked.connect(self.sheet_requested)
        self.buttons["quantity"].clicked.connect(self.quantity_requested)
        self.buttons["short_pick"].clicked.connect(self.short_pick_requested)
        # Typed codes: a person's keys reach this field; a scanner burst never does (the
        # wedge filter takes it first). IME stays on so a Chinese lot text can be typed.
        from ui.qt import QLineEdit

        self.entry = QLineEdit()
        self.entry.returnPressed.connect(self._typed)

        self.cap_lines = caption("")
        self.cap_box = caption("")
        self.cap_weight = caption("")
        self.cap_parcels = caption("")
        self.cap_label = caption("")
        self.cap_lane = caption("")

        left = QVBoxLayout()
        left.addWidget(self.cap_lines)
        left.addWidget(self.lines, 1)
        left.addWidget(self.last_scan)
        left.addWidget(self.entry)
        right_top = QHBoxLayout()
        info = QVBoxLayout()
        for part in (self.cap_box, self.box, self.cap_weight, self.weight, self.cap_lane):
            info.addWidget(part)
        info.addWidget(self.lane)
        info.addStretch(1)
        right_top.addLayout(info, 1)
        label_col = QVBoxLayout()
        label_col.addWidget(self.cap_label)
        label_col.addWidget(self.preview, 1)
        right_top.addLayout(label_col, 1)
        right = QVBoxLayout()
        right.addLayout(right_top, 1)
        right.addWidget(self.cap_parcels)
        right.addWidget(self.parcels)
        right.addLayout(grid)
        body = QHBoxLayout()
        body.addLayout(left, 10)
        body.addLayout(right, 11)
        root = QVBoxLayout(self)
        root.setContentsMargins(10, 6, 10, 6)
        root.addLayout(head)
        root.addWidget(self.banner)
        root.addLayout(body, 1)
        self.retranslate()
        self.render_view(self.view)

    # ------------------------------------------------------------------ text
    def retranslate(self) -> None:
        self.lines.setHorizontalHeaderLabels(
            [tr("SKU"), tr("Item"), tr("Ordered"), tr("Scanned"), tr("Lot / serial")]
        )
        names = {
            "CONFIRM": tr("Confirm box"), "NEW-PARCEL": tr("New parcel"),
            "CLOSE": tr("Close / finish"), "CANCEL": tr("Cancel"), "REPRINT": tr("Reprint"),
            "retry": tr("Retry print"), "override": tr("Override weight"),
            "acknowledge": tr("Clear stop"), "void": tr("Void label"),
            "sheet": tr("Commands"), "quantity": tr("Quantity…"),
            "short_pick": tr("Short pick"), "PRINT-WAITING": tr("Print waiting labels"),
        }
        self.entry.setPlaceholderText(tr("Type a code (lot, serial, damaged barcode) + Enter"))
        for key, text in names.items():
            self.buttons[key].setText(text)
        self.cap_lines.setText(tr("Items of the order"))
        self.cap_box.setText(tr("Box"))
        self.cap_weight.setText(tr("Scale"))
        self.cap_parcels.setText(tr("Parcels"))
        self.cap_label.setText(tr("Last label"))
        self.cap_lane.setText(tr("Staging lane"))
        self.render_view(self.view)
        if self.last_result is not None:
            self.show_result(self.last_result)

    # ------------------------------------------------------------------ rendering
    def show_result(self, result: BenchAnswer) -> None:
        """Paint the core's answer to one scan or action."""
        self.last_result = result
        v = result.verdict
        if v is None:
            self.render_view(result.view)
            return
        self.banner.show_verdict(str(v.severity), v.message, v.code, tag(v.severity))
        if result.raw is not None:
            self.last_scan.setText(
                tr("Last scan: {code} → {meaning}").format(code=result.raw, meaning=v.message)
            )
        self.render_view(result.view)
        self.banner.repaint()  # the verdict is painted now, not at the next frame
        self.verdict_paints += 1

    def render_view(self, view: PackView) -> None:
        self.view = view
        if view.order_id is None:
            self.order.setText(tr("No order open"))
            for w in (self.customer, self.carrier, self.cutoff):
                w.setText("")
            if self.last_result is None:
                self.banner.show_verdict(
                    "idle", tr("Scan an order, tote or pick list."), "", tr("READY")
                )
        else:
            self.order.setText(tr("Order {order}").format(order=view.order_id))
            self.customer.setText(view.customer)
            self.carrier.setText(f"{view.carrier} · {view.service}")
            cutoff = tr("Cut-off {time}").format(time=view.cutoff) if view.cutoff else ""
            self.cutoff.setText(cutoff)
        self.operator.setText(
            f"{view.operator_name} ({view.role})" if view.operator_name else ""
        )
        self._render_lines(view)
        self._render_parcels(view)
        box = view.suggested_box
        current = next((p for p in view.parcels if not p.closed), None)
        if current is not None and current.box:
            self.box.setText(tr("Box {box} chosen").format(box=current.box))
        elif box:
            self.box.setText(tr("Suggested: {box}").format(box=box))
        else:
            self.box.setText("—")
        if view.expected_g is not None:
            if view.allowed_g is not None:
                text = tr("Expected {grams} g ± {allowed} g").format(
                    grams=view.expected_g, allowed=view.allowed_g
                )
            else:
                text = tr("Expected {grams} g").format(grams=view.expected_g)
            self.weight.show_expected(text)
        else:
            self.weight.show_expected("")
        self.lane.setText(view.staging_lane or "—")
        lead = view.role in ("lead", "admin")
        self.buttons["override"].setEnabled(view.state == "weight_stop")
        self.buttons["acknowledge"].setEnabled(view.state == "wrong_item")
        self.buttons["short_pick"].setEnabled(view.state == "short_pick")
        self.buttons["quantity"].setEnabled(view.state == "scanning")
        self.buttons["void"].setEnabled(lead and any(p.printed for p in view.parcels))
        self.buttons["REPRINT"].setEnabled(any(p.printed for p in view.parcels))

    def _render_lines(self, view: PackView) -> None:
        self.lines.setRowCount(len(view.lines))
        for row, line in enumerate(view.lines):
            marks = ", ".join(line.lots + line.serials)
            cells = [line.sku, line.name, str(line.ordered), str(line.packed), marks]
            for col, text in enumerate(cells):
                item = self.lines.item(row, col)
                if item is None:
                    item = QTableWidgetItem()
                    self.lines.setItem(row, col, item)
                if item.text() != text:
                    item.setText(text)
                if col in (2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            colour = "#1b5e20" if line.done else ("#263238" if line.packed == 0 else "#4e3b00")
            for col in range(5):
                cell = self.lines.item(row, col)
                if cell is not None:
                    cell.setBackground(_brush(colour))

    def _render_parcels(self, view: PackView) -> None:
        rows = []
        for p in view.parcels:
            parts = [tr("Parcel {n}").format(n=p.number), tr("{k} items").format(k=p.items)]
            if p.box:
                parts.append(p.box)
            if p.actual_g is not None:
                parts.append(f"{p.actual_g} g")
                if p.billed_g is not None and p.billed_g > p.actual_g:  # billed by its size
                    parts.append(tr("billed {kg} kg").format(kg=f"{p.billed_g / 1000:.1f}"))
            if p.override_by:
                parts.append(tr("override by {lead}").format(lead=p.override_by))
            if p.tracking:
                parts.append(p.tracking)
            parts.append(tr("printed") if p.printed else (tr("closed") if p.closed else tr("open")))
            rows.append(" · ".join(parts))
        if [self.parcels.item(i).text() for i in range(self.parcels.count())] != rows:
            self.parcels.clear()
            self.parcels.addItems(rows)

    def _typed(self) -> None:
        text = self.entry.text()
        self.entry.clear()
        if text:
            self.typed.emit(text)

    def show_weight(self, grams: int | None, status: str) -> None:
        texts = {
            "stable": tr("stable"), "motion": tr("in motion"), "fault": tr("scale fault"),
            "none": tr("no scale"),
        }
        self.weight.show_reading(grams, status, texts.get(status, status))


def _brush(colour: str) -> QBrush:
    return QBrush(QColor(colour))
