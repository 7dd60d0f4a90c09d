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


PRINTER_MODES = ("ready", "paper_out", "head_open", "no_reply")


class DemoPanel(QWidget):
    weight = Signal(int, str)  # grams, mode (stable / motion)
    unplug = Signal(bool)  # True: unplug, False: plug back
    printer_mode = Signal(str)
    network = Signal(bool)  # True: up
    expected_wanted = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.grams = QSpinBox()
        self.grams.setRange(0, 60_000)
        self.grams.setSuffix(" g")
        self.grams.setValue(500)
        self.b = {k: QPushButton() for k in ("put", "expected", "off", "motion", "plug", "net")}
        self.expected_button = self.b["expected"]
        self.plug = self.b["plug"]
        self.net = self.b["net"]
        self.plug.setCheckable(True)
        self.net.setCheckable(True)
        self.b["put"].clicked.connect(lambda: self.weight.emit(self.grams.value(), "stable"))
        self.b["expected"].clicked.connect(self.expected_wanted)
        self.b["off"].clicked.connect(lambda: self.weight.emit(0, "stable"))
        self.b["motion"].clicked.connect(lambda: self.weight.emit(self.grams.value(), "motion"))
        self.plug.toggled.connect(self.unplug)
        self.net.toggled.connect(lambda down: self.network.emit(not down))
        self.scale_box = QGroupBox()
        col = QVBoxLayout(self.scale_box)
        row = QHBoxLayout()
        row.addWidget(self.grams)
        row.addWidget(self.b["put"])
        col.addLayout(row)
        for key in ("expected", "off", "motion", "plug"):
            col.addWidget(self.b[key])
        self.mode = QComboBox()
        for key in PRINTER_MODES:
            self.mode.addItem(key, key)
        self.mode.currentIndexChanged.connect(
            lambda _i: self.printer_mode.emit(self.mode.currentData())
        )
        self.jobs = QLabel()
        self.preview = LabelPreview()
        self.preview.setMinimumSize(260, 380)
        self.printer_box = QGroupBox()
        pcol = QVBoxLayout(self.printer_box)
        pcol.addWidget(self.mode)
        pcol.addWidget(self.jobs)
        pcol.addWidget(self.preview, 1)
        self.net_box = QGroupBox()
        QVBoxLayout(self.net_box).addWidget(self.net)
        for b in self.b.values():
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer = QVBoxLayout(self)
        outer.addWidget(self.scale_box)
        outer.addWidget(self.net_box)
        outer.addWidget(self.printer_box, 1)
        self.job_count = 0
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Demo controls"))
        texts = {
            "put": tr("Put on scale"), "expected": tr("Put the expected weight on"),
            "off": tr("Take off"), "motion": tr("Shake (motion)"), "plug": tr("Unplug scale"),
            "net": tr("Cut the network"),
        }
        for key, text in texts.items():
            self.b[key].setText(text)
        modes = {"ready": tr("ready"), "paper_out": tr("paper out"),
                 "head_open": tr("head open"), "no_reply": tr("not answering")}
        for i, key in enumerate(PRINTER_MODES):
            self.mode.setItemText(i, modes[key])
        self.scale_box.setTitle(tr("Scale"))
        self.printer_box.setTitle(tr("Printer"))
        self.net_box.setTitle(tr("Network to central"))
        self.show_jobs(self.job_count)

    def show_jobs(self, count: int) -> None:
        self.job_count = count
        self.jobs.setText(tr("Labels received by the printer: {n}").format(n=count))
