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


def _seed(folder: Path) -> Any:
    from station.config import Settings
    from station.demo_data import demo_changeset
    from station.store.db import create_station_engine, upgrade
    from station.store.reference import apply_changes

    db = folder / "station.sqlite3"
    engine = create_station_engine(db)
    upgrade(engine)
    with engine.begin() as conn:
        apply_changes(conn, demo_changeset())
    return Settings(database=db, warehouse=demo_warehouse()), engine


def demo_warehouse() -> str:
    from station.demo_data import WAREHOUSE

    return WAREHOUSE


def _staged_parcels(engine: Any) -> None:
    """Parcels labelled earlier in the shift (as the pack and label steps leave them), so the
    lead's screens have a staging lane to hand over."""
    import json

    from sqlalchemy import text

    from station.store.outbox import audit, utcnow_iso

    now = utcnow_iso()
    with engine.begin() as conn:
        for order_id, number, grams, packer in (("SO-1005", "SF10000901", 450, "B-PACKER"),
                                                ("SO-1004", "SF10000902", 1730, "B-ADMIN"),
                                                ("SO-1002", "EE20000901CN", 2310, "B-PACKER")):
            sid = conn.execute(text(
                "INSERT INTO pack_sessions (order_id, station, operator, state, opened_at, "
                "ended_at) VALUES (:o, 'ST-01', :p, 'finished', :t, :t) RETURNING id"),
                {"o": order_id, "p": packer, "t": now}).scalar_one()
            conn.execute(text(
                "INSERT INTO parcels (session_id, order_id, parcel_no, box_code, expected_g, "
                "actual_g, items, status, tracking_number, closed_at) VALUES (:s, :o, 1, 'M', "
                ":g, :g, :i, 'labelled', :n, :t)"),
                {"s": sid, "o": order_id, "g": grams, "n": number, "t": now,
                 "i": json.dumps([{"sku": "MUG-01", "quantity": 1}])})
            audit(conn, "label_printed", packer, order_id, parcel_no=1, tracking=number)


def take_screenshots(out: Path = OUT, languages: tuple[str, ...] = ("en", "zh_CN")) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    for lang in languages:
        shots += _one_language(lang, out)
    return shots


def _one_language(lang: str, out: Path) -> list[Path]:
    from drivers.manager import DeviceConfig
    from drivers.sim.printer_sim import PrinterSimulator
    from station.bootstrap import DriverPrinter
    from station.carriers.pool import TrackingPool
    from station.services.labeling import LabelService
    from station.sync.contract import PoolSegment
    from ui.app import build_window
    from ui.devices import DeviceBridge
    from ui.qt import QApplication, QPainter
    from ui.screens.demo_panel import DemoPanel
    from ui.screens.sheet import BarcodeSheet
    from ui.sounds import SoundPlayer

    shots: list[Path] = []
    folder = Path(tempfile.mkdtemp(prefix="shots-"))
    settings, engine = _seed(folder)
    settings = settings.model_copy(update={"language": lang})
    printer = PrinterSimulator("zpl").start()
    devices = DeviceBridge(
        [DeviceConfig("printer", "printer", printer.uri, {"language": "zpl"})]
    )
    pool = TrackingPool(engine, "ST-01")
    pool.add_segment(
        PoolSegment(segment_id="SF-1", carrier="SF", station="ST-01", prefix="SF",
                    start=10_000_000, end=10_000_999, width=8),
        "none",
    )
    pool.add_segment(  # as the demo central allocates: both carriers have numbers
        PoolSegment(segment_id="EMS-1", carrier="EMS", station="ST-01", prefix="EE",
                    suffix="CN", start=20_000_000, end=20_000_999, width=8),
        "s10",
    )
    labels = LabelService(engine, "ST-01", DriverPrinter(devices.manager), pool=pool,
                          language="zh" if lang != "en" else "en")
    window = build_window(settings, labeler=labels, devices=devices,
                          sounds=SoundPlayer(enabled=False))
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
    shots_of_the_lead(window, engine, snap, wait_until)
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


def shots_of_the_lead(window: Any, engine: Any, snap: Any, wait: Any) -> None:
    """Handover (one parcel refused), lookup of the packed order, the dashboard."""
    _staged_parcels(engine)
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
