"""Demo controls: put weight on the simulated scale, shake it, unplug it; jam the printer;
cut the network. Everything here drives simulators; the station code under it is real."""

from __future__ import annotations

from ui.qt import (
    QComboBox,
    QCoreApplication,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.widgets import LabelPreview


def tr(text: str) -> str:
    return QCoreApplication.translate("DemoPanel", text)


class DemoPanel(QWidget):
    weight = Signal(int, str)  # grams, mode (stable / motion)
    unplug = Signal(bool)  # True: unplug, False: plug back
    printer_mode = Signal(str)
    network = Signal(bool)  # True: up
    expected_wanted = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(tr("Demo controls"))
        self.grams = QSpinBox()
        self.grams.setRange(0, 60_000)
        self.grams.setSuffix(" g")
        self.grams.setValue(500)
        put = QPushButton(tr("Put on scale"))
        expected = QPushButton(tr("Put the expected weight on"))
        self.expected_button = expected
        off = QPushButton(tr("Take off"))
        motion = QPushButton(tr("Shake (motion)"))
        self.plug = QPushButton(tr("Unplug scale"))
        self.plug.setCheckable(True)
        put.clicked.connect(lambda: self.weight.emit(self.grams.value(), "stable"))
        expected.clicked.connect(self.expected_wanted)
        off.clicked.connect(lambda: self.weight.emit(0, "stable"))
        motion.clicked.connect(lambda: self.weight.emit(self.grams.value(), "motion"))
        self.plug.toggled.connect(self.unplug)
        scale = QGroupBox(tr("Scale"))
        col = QVBoxLayout(scale)
        row = QHBoxLayout()
        row.addWidget(self.grams)
        row.addWidget(put)
        col.addLayout(row)
        for b in (expected, off, motion, self.plug):
            col.addWidget(b)

        self.mode = QComboBox()
        for key, text in (
            ("ready", tr("ready")), ("paper_out", tr("paper out")),
            ("head_open", tr("head open")), ("no_reply", tr("not answering")),
        ):
            self.mode.addItem(text, key)
        self.mode.currentIndexChanged.connect(
            lambda _i: self.printer_mode.emit(self.mode.currentData())
        )
        self.jobs = QLabel()
        self.preview = LabelPreview()
        self.preview.setMinimumSize(260, 380)
        printer = QGroupBox(tr("Printer"))
        pcol = QVBoxLayout(printer)
        pcol.addWidget(self.mode)
        pcol.addWidget(self.jobs)
        pcol.addWidget(self.preview, 1)

        self.net = QPushButton(tr("Cut the network"))
        self.net.setCheckable(True)
        self.net.toggled.connect(lambda down: self.network.emit(not down))
        net = QGroupBox(tr("Network to central"))
        QVBoxLayout(net).addWidget(self.net)

        for b in self.findChildren(QPushButton):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        col_all = QVBoxLayout(self)
        col_all.addWidget(scale)
        col_all.addWidget(net)
        col_all.addWidget(printer, 1)
        self.show_jobs(0)

    def show_jobs(self, count: int) -> None:
        self.jobs.setText(tr("Labels received by the printer: {n}").format(n=count))
