"""``station --demo``: a whole bench on one machine, nothing to install or configure.

Starts the reference central server on 127.0.0.1 with its demo data (temp folder), a station
database synced from it, a simulated scale (real MT-SICS bytes over a pty) and a simulated
ZPL printer (real TCP on 127.0.0.1), then opens the station window beside a barcode sheet
to click and a small control panel (weight on/off, motion, unplug, paper out, network cut).
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path
from typing import Any

from station.config import Settings
from ui.qt import QCoreApplication, QTimer, QWidget


def tr(text: str) -> str:
    return QCoreApplication.translate("Demo", text)


DEMO_BADGES = [("P001", "Li Wei · packer · PIN 111111"), ("P002", "Anna Schmidt · packer"),
               ("L001", "Zhang Min · lead · PIN 999999")]


def place_beside(
    window: tuple[int, int, int], widths: tuple[int, int],
    screen: tuple[int, int, int, int] | None,
) -> tuple[int, int]:
    """Top-left of the sheet (the panel follows it) for a window at (x, y, width): right of
    the window when both fit on ``screen`` (x, y, width, height), else inside its right edge."""
    x, y, width = window
    need = widths[0] + 8 + widths[1]
    beside = x + width + 8
    if screen is None:
        return beside, y
    sx, sy, sw, _sh = screen
    right = sx + sw
    left = beside if beside + need <= right else max(sx, right - need)
    return left, max(sy, y)


class DemoStation:
    def __init__(self, settings: Settings, folder: Path | None = None) -> None:
        self.own_folder = folder is None
        self.folder = folder or Path(tempfile.mkdtemp(prefix="station-demo-"))
        self.settings = settings.model_copy(
            update={
                "database": self.folder / "station.sqlite3",
                "station_id": "ST-01",
                "warehouse": "WH-SHA",
            }
        )
        self.window: Any = None
        self.parts: list[Any] = []

    def start(self) -> Any:
        from central.testkit import seeded_central  # the demo's own central server
        from station.bootstrap import build_demo
        from ui.app import build_window
        from ui.devices import DeviceBridge
        from ui.screens.demo_panel import DemoPanel
        from ui.screens.sheet import BarcodeSheet
        from ui.sync import SyncBridge

        demo = build_demo(self.settings, self.folder,
                          seeded_central(f"sqlite:///{self.folder / 'central.sqlite3'}"))
        self.demo = demo
        self.central, self.link, self.engine = demo.central, demo.link, demo.store.engine
        self.sync_parts, self.scale, self.printer = demo.sync, demo.scale, demo.printer
        self.devices = DeviceBridge(demo.runtime(self.settings))

        def attach_camera(_answer: Any) -> None:  # [camera] set: the lead's Clips screen
            if demo.evidence is not None and "clips" not in window.lead.screens:
                window.lead.attach_evidence(demo.evidence)

        self.sync = SyncBridge(self.sync_parts)
        window = build_window(self.settings, devices=self.devices, sync=self.sync)
        self.window = window
        window.controller.answered.connect(attach_camera)
        self.sheet = BarcodeSheet()
        self.sheet.scanned.connect(window.on_scan)
        self.panel = DemoPanel()
        self.panel.weight.connect(lambda g, mode: self.scale.set_weight(g, mode))
        self.panel.unplug.connect(lambda out: self.scale.unplug() if out else self.scale.plug())
        self.panel.printer_mode.connect(self.printer.set_mode)
        self.panel.network.connect(lambda up: self.link.restore() if up else self.link.cut())
        self.panel.expected_wanted.connect(self._put_expected)
        window.controller.label_done.connect(self._printed)
        window.controller.view_changed.connect(self._order_codes)
        window.controller.answered.connect(lambda r: self._order_codes(r.view))
        self.sheet.save_button.clicked.connect(window.save_sheet)
        self._fill_sheet()
        self.devices.start()
        self.sync.start()
        window.extra_screens["sheet"] = self.sheet
        window.extra_screens["panel"] = self.panel
        window.destroyed.connect(self.stop)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        QTimer.singleShot(0, self._place_windows)
        return window

    # ------------------------------------------------------------------ helpers
    def _place_windows(self) -> None:
        """Beside the station window when the screen has room, else over its right part:
        always on the screen the station is on, so every button can be clicked."""
        screen = self.window.screen()
        area = screen.availableGeometry() if screen is not None else None
        height = min(760, area.height() - 40) if area is not None else 760
        self.sheet.resize(560, height)
        self.panel.resize(320, height)
        x, y = place_beside(
            (self.window.x(), self.window.y(), self.window.width()),
            (self.sheet.width(), self.panel.width()),
            (area.x(), area.y(), area.width(), area.height()) if area is not None else None,
        )
        self.sheet.move(x, y)
        self.panel.move(x + self.sheet.width() + 8, y)
        self.sheet.show()
        self.panel.show()

    def _fill_sheet(self) -> None:
        from station.demo_sheet import order_and_box_codes

        totes, boxes = order_and_box_codes(self.demo.store)
        self.sheet.hint.setText(tr(
            "Demo: 1) scan badge P001  2) scan a tote  3) scan its items  4) CLOSE, CONFIRM  "
            "5) 'Put the expected weight on' in Demo controls  6) the label prints  7) CLOSE."
        ))
        self.sheet.set_group("badges", tr("Badges"), DEMO_BADGES)
        self.sheet.set_group(
            "orders", tr("Totes / orders"),
            [(t.code, t.label) for t in totes],
        )
        self.sheet.set_group("boxes", tr("Boxes"), [(b.code, b.label) for b in boxes])
        from central.seed import LOCATIONS, ean13

        self.sheet.set_group("inbound_demo", tr("Receiving and returns"), [
            ("ASN-2001", tr("Inbound notice")), ("ASN-2002", tr("Inbound notice")),
            # A case, and a unit as its GS1 element string: the plain unit barcodes stay the
            # order's own ("Items of ...") so the pack flow's buttons are not shadowed.
            (ean13("690123460000"), "MUG-350 × 12"),
            ("(01)0" + ean13("690123450001"), "TEA-GRN-100"), ("BAG-TOTE", tr("SKU label")),
            *[(code, tr("Location")) for code, _kind in LOCATIONS],
        ])
        from ui.lead import LEAD_COMMANDS  # the shipping lead's scanner path (badge L001)

        self.sheet.set_group("lead", tr("Shipping lead"), [(c, c[4:]) for c in LEAD_COMMANDS])

    def _order_codes(self, view: Any) -> None:
        """Item barcodes of the open order, so the newcomer can 'scan' them."""
        if getattr(self, "_shown_order", None) == view.order_id:
            return
        self._shown_order = view.order_id
        if view.order_id is None:
            self.sheet.set_group("items", tr("Items"), [])
            return
        from station.demo_sheet import item_codes

        names = {line.sku: line.name for line in view.lines}
        codes = item_codes(self.demo.store, names)  # demo only: a tiny read of our own file
        self.sheet.set_group("items", tr("Items of {order}").format(order=view.order_id),
                             [(c.code, c.label) for c in codes])

    def _put_expected(self) -> None:
        grams = self.window.controller.view.expected_g
        if grams:
            self.panel.grams.setValue(grams)
            self.scale.set_weight(grams, "stable")

    def _printed(self, outcome: Any) -> None:  # LabelResult
        self.panel.show_jobs(len(self.printer.jobs))
        if outcome.printed and outcome.tracking:  # the parcel's label, for the lead to scan
            self._labelled = [(outcome.tracking, tr("parcel {n}").format(n=outcome.parcel_no)),
                              *getattr(self, "_labelled", [])][:8]
            self.sheet.set_group("parcels", tr("Labelled parcels (handover)"), self._labelled)
        if outcome.png:
            self.panel.preview.show_png(outcome.png)

    def stop(self) -> None:
        if getattr(self, "_stopped", False):
            return
        self._stopped = True
        for step in (self.sync.stop, self.devices.stop, self.demo.stop):
            with contextlib.suppress(Exception):  # shutting down: keep stopping the rest
                step()
        if self.own_folder:
            shutil.rmtree(self.folder, ignore_errors=True)


def demo_widgets(station: DemoStation) -> list[QWidget]:
    return [station.window, station.sheet, station.panel]
