"""Screenshots of every screen in English and 简体中文, at 1366×768, into docs/screenshots/.

    QT_QPA_PLATFORM=offscreen python -m ui.screenshots

Drives the real window on a throw-away store with the demo reference data, a simulated
printer over TCP and the real label step, exactly as the UI tests do.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from station.demo_data import WAREHOUSE as DEMO_WAREHOUSE

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def wait_until(condition: Callable[[], bool], timeout_s: float = 15.0) -> None:
    """Run the event loop until ``condition()``; wakes on every event, not on a poll."""
    from PySide6.QtCore import QEventLoop

    from ui.qt import QApplication, QTimer

    deadline = time.monotonic() + timeout_s
    tick = QTimer()
    tick.start(10)  # a heartbeat so a condition that changes off-loop is seen
    try:
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError("screen did not reach the expected state")
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        tick.stop()


def take_screenshots(out: Path = OUT, languages: tuple[str, ...] = ("en", "zh_CN")) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    for lang in languages:
        shots += _one_language(lang, out)
        shots += _inbound_language(lang, out)
    return shots


def _one_language(lang: str, out: Path) -> list[Path]:
    from drivers.manager import DeviceConfig
    from drivers.sim.printer_sim import PrinterSimulator
    from station.bootstrap import build_bench, demo_store, local_pool
    from station.config import Settings
    from ui.app import build_window
    from ui.devices import DeviceBridge
    from ui.qt import QApplication, QPainter
    from ui.screens.demo_panel import DemoPanel
    from ui.screens.sheet import BarcodeSheet
    from ui.sounds import SoundPlayer

    shots: list[Path] = []
    folder = Path(tempfile.mkdtemp(prefix="shots-"))
    store = demo_store(folder)
    engine = store.engine
    settings = Settings(database=folder / "station.sqlite3", language=lang,
                        warehouse=DEMO_WAREHOUSE)
    printer = PrinterSimulator("zpl").start()
    devices = DeviceBridge(
        [DeviceConfig("printer", "printer", printer.uri, {"language": "zpl"})]
    )
    pool = local_pool(store, "ST-01")
    bench_printer = devices.runtime.printer()
    window = build_window(
        settings, make_bench=lambda: build_bench(store, settings, printer=bench_printer,
                                                 pool=pool),
        devices=devices, sounds=SoundPlayer(enabled=False))
    window.resize(1366, 768)
    window.show()
    devices.start()
    ctl = window.controller
    wait_until(lambda: window.ready)

    def snap(name: str, widget: Any = None, over: Any = None) -> None:
        QApplication.processEvents()
        path = out / f"{name}_{lang}.png"
        pixmap = (widget or window).grab()
        if over is not None:  # a dialog is its own window: paint it where it would be
            top = over.grab()
            painter = QPainter(pixmap)
            painter.drawPixmap((pixmap.width() - top.width()) // 2,
                               (pixmap.height() - top.height()) // 2, top)
            painter.end()
        pixmap.save(str(path))
        shots.append(path)

    def scan(code: str) -> None:
        before = ctl.scans_answered
        window.on_scan(code)
        wait_until(lambda: ctl.scans_answered > before)

    window.status.set_device("scale", "ok")
    window.status.set_device("printer", "ok")
    window.status.set_central(True, 0)
    levels = pool.levels()
    window.status.set_pool(
        " · ".join(f"{lv.carrier} {lv.remaining}" for lv in levels), any(lv.low for lv in levels)
    )
    snap("01_login")
    scan("B-PACKER")
    scan("T-01")
    scan("4006381333931")
    window.on_weight(0, "stable")
    snap("02_pack_scanning")
    scan("2000000000046")
    snap("03_wrong_item_stop")
    scan("SO-1001")
    for code in ("4006381333931", "2000000000015", "2000000000039", "SN-0001"):
        scan(code)
    scan("CMD:CLOSE")
    snap("04_box_suggestion")
    scan("CMD:CONFIRM")
    window.on_weight(1100, "motion")
    snap("05_weighing")
    expected = ctl.view.expected_g or 0
    window.on_weight(expected + 300, "stable")
    wait_until(lambda: ctl.view.state == "weight_stop")
    dialog = window.open_override()
    window.on_scan("B-LEAD")
    dialog.reason.setCurrentIndex(0)
    snap("06_weight_override_dialog", over=dialog)
    dialog.buttons.accepted.emit()
    wait_until(lambda: any(p.printed for p in ctl.view.parcels))
    wait_until(lambda: window.pack.preview.png is not None)
    snap("07_label_printed")
    window.show_devices()
    snap("08_devices")
    window.hide_devices()
    shots_of_the_lead(window, store, snap, wait_until)
    sheet = BarcodeSheet()
    sheet.set_group("badges", "Badges", [("B-PACKER", "Pat Packer"), ("B-LEAD", "Lee Lead")])
    sheet.set_group("orders", "Totes / orders", [("T-01", "SO-1001"), ("T-05", "SO-1005")])
    sheet.resize(560, 760)
    sheet.show()
    snap("09_barcode_sheet", sheet)
    panel = DemoPanel()
    panel.resize(320, 760)
    panel.show()
    snap("10_demo_controls", panel)
    sheet.close()
    panel.close()
    window.close()
    ctl.shutdown()
    devices.stop()
    printer.stop()
    engine.dispose()
    return shots


def _inbound_language(lang: str, out: Path) -> list[Path]:
    """Receiving, returns and stock against a real central server on 127.0.0.1."""
    from central.seed import ean13
    from central.testkit import seeded_central
    from drivers.manager import DeviceConfig
    from drivers.sim.printer_sim import PrinterSimulator
    from station.bootstrap import central_applier, local_pool, open_store
    from station.config import Settings
    from station.sync.client import CentralClient
    from station.sync.pull import PullLoop
    from ui.app import build_window
    from ui.devices import DeviceBridge
    from ui.sounds import SoundPlayer

    shots: list[Path] = []
    folder = Path(tempfile.mkdtemp(prefix="shots-inbound-"))
    central = seeded_central(f"sqlite:///{folder / 'central.sqlite3'}")
    engine = open_store(Settings(database=folder / "station.sqlite3")).engine
    client = CentralClient(central.url, central.station_token)
    pool = local_pool(engine, "ST-01")
    PullLoop(engine, client, central_applier(engine, pool)).pull_once()
    ship = [  # SO-1001 leaves the warehouse, so it can come back
        {"idempotency_key": "shot-label-0001", "kind": "label_printed", "station": "ST-01",
         "occurred_at": "2026-01-01T00:00:00Z", "order_id": "SO-1001",
         "payload": {"order_id": "SO-1001", "parcel_no": 1, "tracking_number": "EE200000425CN",
                     "carrier": "EMS", "service": "EMS-STD", "weight_g": 300,
                     "source": "pool"}},
        {"idempotency_key": "shot-manifest-0001", "kind": "manifest_closed", "station": "ST-01",
         "occurred_at": "2026-01-01T01:00:00Z",
         "payload": {"manifest_id": "M-1", "carrier": "EMS", "closed_by": "L001",
                     "tracking_numbers": ["EE200000425CN"]}},
    ]
    central.call("POST", "/v1/events", central.station_token, json={"events": ship})
    printer = PrinterSimulator("zpl").start()
    devices = DeviceBridge([DeviceConfig("printer", "printer", printer.uri, {"language": "zpl"})])
    devices.start()
    settings = Settings(database=folder / "station.sqlite3", station_id="ST-01", language=lang)
    window = build_window(settings, sounds=SoundPlayer(enabled=False))
    inbound = window.inbound.controller
    inbound.client, inbound.pool = client, pool
    inbound.printer = devices.runtime.printer()
    window.resize(1366, 768)
    window.show()
    wait_until(lambda: window.ready)

    def scan(code: str) -> None:
        before = inbound.scans_answered
        window.on_scan(code)
        wait_until(lambda: inbound.scans_answered > before)

    def snap(name: str) -> None:
        from ui.qt import QApplication

        QApplication.processEvents()
        path = out / f"{name}_{lang}.png"
        window.grab().save(str(path))
        shots.append(path)

    before = window.controller.scans_answered
    window.on_scan("P001")
    wait_until(lambda: window.controller.scans_answered > before)
    window.status.set_central(True, 0)
    scan("CMD:RECEIVE")
    mug, mug_case, tea = ean13("690123450000"), ean13("690123460000"), ean13("690123450001")
    for code in ("ASN-2001", "CMD:SKU-LABELS", mug_case, "A-01-01", mug_case, tea, tea,
                 "LOC:B-02-01", "BAG-TOTE", "BAG-TOTE", "BAG-TOTE", "B-02-01"):
        scan(code)
    snap("11_receiving")
    scan(mug)
    snap("12_receiving_over_notice")
    scan("CMD:CLOSE")
    from station.sync.sender import OutboxSender

    OutboxSender(engine, client, "ST-01").flush()  # central puts the receipt into stock
    scan("CMD:RETURNS")
    for code in ("EE200000425CN", "CMD:REASON-DAMAGED", "CMD:COND-DAMAGED", tea, "QUARANTINE",
                 "CMD:REASON-UNWANTED", "CMD:COND-RESELLABLE", tea, "CMD:REFUND"):
        scan(code)
    snap("13_returns_lead_decision")
    scan("CMD:STOCK")
    snap("14_stock_alerts")
    # QC hold: goods received to the hold, then a lead releases them unit by unit
    scan("CMD:RECEIVE")
    for code in ("ASN-2002", tea, tea, tea, "LOC:QC-HOLD", "CMD:CLOSE"):
        scan(code)
    OutboxSender(engine, client, "ST-01").flush()
    window.on_scan("CMD:PACK")
    before = window.controller.scans_answered
    window.on_scan("L001")  # a lead: QC release is a lead's call
    wait_until(lambda: window.controller.scans_answered > before)
    scan("CMD:RECEIVE")
    for code in ("CMD:QC-RELEASE", "LOC:QC-HOLD", tea, "LOC:B-02-01", tea, "QUARANTINE", tea):
        scan(code)
    snap("15_qc_release")
    window.close()
    window.controller.shutdown()
    devices.stop()
    printer.stop()
    client.close()
    engine.dispose()
    central.stop()
    return shots
def shots_of_the_lead(window: Any, store: Any, snap: Any, wait: Any) -> None:
    from station.demo_sheet import stage_demo_parcels

    """Handover (one parcel refused), lookup of the packed order, the dashboard."""
    stage_demo_parcels(store)
    ctl, lead = window.controller, window.lead
    ctl.logout()
    wait(lambda: ctl.view.operator is None)
    before = ctl.scans_answered
    window.on_scan("B-LEAD")
    wait(lambda: ctl.scans_answered > before and ctl.view.role == "lead")

    def lead_scan(code: str) -> None:
        answered = lead.answers
        window.on_scan(code)
        wait(lambda: lead.answers > answered and ctl.ops.pending == 0)  # all follow-ups too

    lead.handover_screen.pickup.setText("16:00 · 沪A-12345")
    lead_scan("CMD:HANDOVER:SF")
    wait(lambda: lead.handover_screen.manifest is not None)
    lead_scan("SF10000902")
    lead_scan("EE20000901CN")  # an EMS parcel in the SF pile: refused with its own sound
    snap("11_handover")
    lead_scan("BAG-0001")  # 集包: a bag tag, a parcel into it, its seal
    lead_scan("SF10000901")
    lead_scan("SEAL:SL-778899")
    lead_scan("BAG-0001")  # the sealed bag at the truck: every parcel in it handed over
    snap("11b_handover_bag")
    lead_scan("CMD:CLOSE-MANIFEST")
    lead.ask_signature()  # the Sign button: the driver signs the closed manifest
    dialog = lead.signature_dialog
    dialog.name.setText("王师傅")
    from ui.qt import QPoint

    for stroke in ([(40, 120), (90, 60), (140, 130), (190, 70), (240, 125)],
                   [(280, 60), (300, 130), (340, 90), (380, 128), (420, 66)]):
        dialog.pad.strokes.append([QPoint(x, y) for x, y in stroke])
    dialog.pad.update()
    snap("11c_driver_signature", over=dialog)
    dialog.reject()
    window.on_scan("CMD:LOOKUP")
    lead_scan("SO-1001")
    wait(lambda: lead.lookup_screen.timeline is not None)
    snap("12_lookup")
    window.on_scan("CMD:DASHBOARD")
    wait(lambda: lead.dashboard_screen.board is not None and ctl.ops.pending == 0)
    snap("13_dashboard")
    lead.leave()


def main() -> int:
    from ui.qt import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    for path in take_screenshots():
        print(path.relative_to(ROOT))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
