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


DEMO_BADGES = [("P001", "Li Wei · packer · PIN 1111"), ("P002", "Anna Schmidt · packer"),
               ("L001", "Zhang Min · lead · PIN 9999")]


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
        from central.testkit import seeded_central
        from drivers.manager import DeviceConfig
        from drivers.sim.printer_sim import PrinterSimulator
        from drivers.sim.scale_sim import ScaleSimulator
        from station.bootstrap import DriverPrinter, build_sync
        from station.services.labeling import LabelService
        from station.store.db import create_station_engine, upgrade
        from ui.app import build_window
        from ui.demo_link import LoopbackLink
        from ui.devices import DeviceBridge
        from ui.screens.demo_panel import DemoPanel
        from ui.screens.sheet import BarcodeSheet
        from ui.sync import SyncBridge

        self.central = seeded_central(f"sqlite:///{self.folder / 'central.sqlite3'}")
        self.link = LoopbackLink(self.central.live.port)
        self.engine = create_station_engine(self.settings.database)
        upgrade(self.engine)
        self.sync_parts = build_sync(
            self.engine, "ST-01", self.link.url, self.central.station_token,
            pull_interval_s=5, max_delay_s=2, idle_poll_s=1,
            client_options={"connect_timeout_s": 1.0, "read_timeout_s": 5.0, "retries": 0},
        )
        self.sync_parts.pull.pull_once()  # orders, products, badges and pool before the window
        self.scale = ScaleSimulator("mt-sics").start()
        self.printer = PrinterSimulator("zpl", out_dir=self.folder / "printed").start()
        self.devices = DeviceBridge([
            DeviceConfig("scale", "scale", self.scale.uri, {"protocol": "mt-sics"}),
            DeviceConfig("printer", "printer", self.printer.uri, {"language": "zpl"}),
        ])
        self.labels = LabelService(
            self.engine, "ST-01", DriverPrinter(self.devices.manager, timeout_s=10),
            pool=self.sync_parts.pool, client=self.sync_parts.client,
        )
        self.sync = SyncBridge(self.sync_parts)
        window = build_window(
            self.settings, labeler=self.labels, devices=self.devices, sync=self.sync
        )
        self.window = window
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
        self.sheet.resize(560, 760)
        self.panel.resize(320, 760)
        self.sheet.move(self.window.x() + self.window.width() + 8, self.window.y())
        self.panel.move(self.sheet.x() + self.sheet.width() + 8, self.window.y())
        self.sheet.show()
        self.panel.show()

    def _fill_sheet(self) -> None:
        from sqlalchemy import select

        from station.store.tables import orders, packaging

        with self.engine.connect() as conn:
            totes = conn.execute(
                select(orders.c.order_id, orders.c.tote, orders.c.carrier)
                .where(orders.c.status == "released").order_by(orders.c.order_id).limit(6)
            ).all()
            boxes = conn.execute(select(packaging.c.barcode, packaging.c.name)).all()
        self.sheet.hint.setText(tr(
            "Demo: 1) scan badge P001  2) scan a tote  3) scan its items  4) CLOSE, CONFIRM  "
            "5) 'Put the expected weight on' in Demo controls  6) the label prints  7) CLOSE."
        ))
        self.sheet.set_group("badges", tr("Badges"), DEMO_BADGES)
        self.sheet.set_group(
            "orders", tr("Totes / orders"),
            [(t.tote or t.order_id, f"{t.order_id} · {t.carrier}") for t in totes],
        )
        self.sheet.set_group("boxes", tr("Boxes"), [(b.barcode, b.name) for b in boxes])
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
        from sqlalchemy import select

        from station.store.tables import barcodes

        skus = [line.sku for line in view.lines]
        names = {line.sku: line.name for line in view.lines}
        with self.engine.connect() as conn:  # demo only: a tiny read of our own file
            rows = conn.execute(
                select(barcodes.c.code, barcodes.c.sku, barcodes.c.units)
                .where(barcodes.c.sku.in_(skus)).order_by(barcodes.c.sku, barcodes.c.units)
            ).all()
        self.sheet.set_group("items", tr("Items of {order}").format(order=view.order_id), [
            (r.code, f"{names.get(r.sku, r.sku)}" + (f" ×{r.units}" if r.units > 1 else ""))
            for r in rows
        ])

    def _put_expected(self) -> None:
        grams = self.window.controller.view.expected_g
        if grams:
            self.panel.grams.setValue(grams)
            self.scale.set_weight(grams, "stable")

    def _printed(self, outcome: Any) -> None:
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
        for step in (self.sync.stop, self.devices.stop, self.scale.stop, self.printer.stop,
                     self.link.stop, self.central.stop, self.engine.dispose):
            with contextlib.suppress(Exception):  # shutting down: keep stopping the rest
                step()
        if self.own_folder:
            shutil.rmtree(self.folder, ignore_errors=True)


def demo_widgets(station: DemoStation) -> list[QWidget]:
    return [station.window, station.sheet, station.panel]
