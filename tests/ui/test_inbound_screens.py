"""Receiving, returns and stock in the real window, driven by wedge scans, against a real
central server on 127.0.0.1, a station SQLite file pulled from it and a TCP printer simulator."""

from __future__ import annotations

import socket

import pytest
from sqlalchemy import text

from central.seed import ean13
from central.stock import stock_of
from central.testkit import OTHER_WAREHOUSE, seeded_central

MUG = ean13("690123450000")
MUG_CASE = ean13("690123460000")
TEA = ean13("690123450001")
SHIPPED = "EE200000425CN"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Site:
    """Central, the station file synced from it, the printer simulator and the pool."""

    def __init__(self, tmp_path) -> None:
        from drivers.manager import DeviceConfig
        from drivers.sim.printer_sim import PrinterSimulator
        from station.bootstrap import central_applier
        from station.config import Settings
        from station.store.db import create_station_engine, upgrade
        from station.store.pool import TrackingPool
        from station.sync.client import CentralClient
        from station.sync.pull import PullLoop
        from ui.devices import DeviceBridge

        self.central = seeded_central(f"sqlite:///{tmp_path / 'central.sqlite3'}")
        self.db = tmp_path / "station.sqlite3"
        self.engine = create_station_engine(self.db)
        upgrade(self.engine)
        self.client = CentralClient(self.central.url, self.central.station_token,
                                    connect_timeout_s=1, read_timeout_s=5, retries=0)
        self.pool = TrackingPool(self.engine, "ST-01")
        PullLoop(self.engine, self.client, central_applier(self.engine, self.pool)).pull_once()
        self.settings = Settings(database=self.db, station_id="ST-01")
        self.printer = PrinterSimulator("zpl").start()
        self.devices = DeviceBridge(
            [DeviceConfig("printer", "printer", self.printer.uri, {"language": "zpl"})])
        self.devices.start()
        self.driver_printer = self.devices.runtime.printer(timeout_s=10)

    def offline_client(self):
        from station.sync.client import CentralClient

        return CentralClient(f"http://127.0.0.1:{_closed_port()}", "x" * 20,
                             connect_timeout_s=0.5, retries=0)

    def ship(self, order_id: str = "SO-1001", tracking: str = SHIPPED) -> None:
        events = [
            {"idempotency_key": f"lbl-{order_id}-0001", "kind": "label_printed",
             "station": "ST-01", "occurred_at": "2026-01-01T00:00:00Z", "order_id": order_id,
             "payload": {"order_id": order_id, "parcel_no": 1, "tracking_number": tracking,
                         "carrier": "EMS", "service": "EMS-STD", "weight_g": 300,
                         "source": "pool"}},
            {"idempotency_key": f"man-{order_id}-0001", "kind": "manifest_closed",
             "station": "ST-01", "occurred_at": "2026-01-01T01:00:00Z",
             "payload": {"manifest_id": f"M-{order_id}", "carrier": "EMS", "closed_by": "L001",
                         "tracking_numbers": [tracking]}},
        ]
        answer = self.central.call("POST", "/v1/events", self.central.station_token,
                                   json={"events": events})
        assert answer.status_code == 200

    def outbox(self, kind: str) -> int:
        with self.engine.connect() as conn:
            return conn.scalar(text("SELECT count(*) FROM outbox WHERE kind = :k"), {"k": kind})

    def stop(self) -> None:
        self.client.close()
        self.devices.stop()
        self.printer.stop()
        self.engine.dispose()
        self.central.stop()


class Clerk:
    """Scans into the window as a wedge scanner does and waits for the inbound answer."""

    def __init__(self, qtbot, window) -> None:
        self.qtbot = qtbot
        self.window = window
        self.inbound = window.inbound.controller

    def scan(self, code: str) -> None:
        from tests.wedge_keys import scanner_keys, send_keys

        before = self.inbound.scans_answered
        send_keys(scanner_keys(code))  # Shift around capitals, as a real wedge scanner
        self.qtbot.waitUntil(lambda: self.inbound.scans_answered > before, timeout=10000)

    def login(self, badge: str = "P001") -> None:
        before = self.window.controller.scans_answered
        self.window.on_scan(badge)
        self.qtbot.waitUntil(lambda: self.window.controller.scans_answered > before)

    def switch(self, command: str) -> None:
        before = self.inbound.scans_answered
        self.window.on_scan(command)
        self.qtbot.waitUntil(lambda: self.inbound.scans_answered > before, timeout=10000)

    def banner(self, mode: str):
        b = self.window.inbound.screens[mode].banner
        return b.severity, b.code


@pytest.fixture
def site(tmp_path):
    made = Site(tmp_path)
    yield made
    made.stop()


@pytest.fixture
def open_window(qtbot, site):
    from ui.app import build_window
    from ui.sounds import SoundPlayer

    windows = []

    def make(client=None):
        window = build_window(site.settings, sounds=SoundPlayer(enabled=False))
        window.inbound.controller.client = client or site.client
        window.inbound.controller.printer = site.driver_printer
        window.inbound.controller.pool = site.pool
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: window.ready, timeout=10000)
        windows.append(window)
        clerk = Clerk(qtbot, window)
        clerk.login()
        return window, clerk

    yield make
    for window in windows:
        window.close()
        window.controller.shutdown()


def test_receive_a_notice_with_sku_labels_locations_and_close(open_window, site):
    window, clerk = open_window()
    clerk.switch("CMD:RECEIVE")
    screen = window.inbound.screens["receive"]
    assert window.stack.currentWidget() is screen
    clerk.scan("ASN-2001")
    assert clerk.banner("receive") == ("needs_action", "notice_opened")
    assert [ln.needs_label for ln in screen.view.lines] == [False, False, True]
    jobs_before = len(site.printer.jobs)
    clerk.scan("CMD:SKU-LABELS")
    assert clerk.banner("receive") == ("ok", "labels_printed")
    assert len(site.printer.jobs) > jobs_before
    printed = b"".join(site.printer.jobs[jobs_before:])
    assert b"BAG-TOTE" in printed and printed.count(b"^XA") == 3  # one label per unit
    for code in ("BAG-TOTE", "BAG-TOTE", "BAG-TOTE", "B-02-01", MUG_CASE, "LOC:A-01-01",
                 MUG_CASE):
        clerk.scan(code)
    for _ in range(6):
        clerk.scan(TEA)
    clerk.scan("A-01-02")
    assert [(ln.counted, ln.location) for ln in screen.view.lines] == [
        (24, "A-01-01"), (6, "A-01-02"), (3, "B-02-01")]
    assert screen.lines.item(0, 3).text() == "24"
    clerk.scan("CMD:CLOSE")
    assert clerk.banner("receive") == ("ok", "finished")
    assert site.outbox("receipt") == 1
    assert "closed" in screen.title.text()


def test_receiving_bad_input_is_stopped_and_never_counted_twice(open_window, site):
    window, clerk = open_window()
    clerk.switch("CMD:RECEIVE")
    screen = window.inbound.screens["receive"]
    clerk.scan("ASN-2002")  # 12 x TEA
    clerk.scan("LOC:Z-99-99")
    assert clerk.banner("receive") == ("stop", "unknown_location")
    clerk.scan(TEA)
    clerk.scan("ASN-2002")  # the notice scanned twice: still one receipt, nothing counted
    assert clerk.banner("receive") == ("ok", "notice_open")
    for _ in range(11):
        clerk.scan(TEA)
    clerk.scan(TEA)  # the 13th unit
    assert clerk.banner("receive") == ("stop", "over_notice")
    assert screen.view.lines[0].counted == 12 and screen.view.lines[0].over == 1
    assert "1" in screen.discrepancies.item(0).text()
    clerk.scan("MYSTERY-42")
    assert clerk.banner("receive") == ("stop", "unknown_item")
    clerk.scan("CMD:CLOSE")
    assert clerk.banner("receive") == ("needs_action", "location_missing")
    clerk.scan("A-01-01")
    clerk.scan("CMD:CLOSE")
    assert clerk.banner("receive") == ("needs_action", "finished_with_discrepancies")
    clerk.scan("ASN-2002")  # the same notice again after it was received here
    assert clerk.banner("receive") == ("stop", "already_received")
    assert site.outbox("receipt") == 1
    with site.engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM receipts")) == 1


def test_receiving_offline_opens_nothing_and_resumes_after_a_restart(open_window, site):
    window, clerk = open_window(client=site.offline_client())
    clerk.switch("CMD:RECEIVE")
    clerk.scan("ASN-2001")
    assert clerk.banner("receive") == ("stop", "offline")
    with site.engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM receipts")) == 0
    window.inbound.controller.client = site.client  # the network is back
    clerk.scan("ASN-2001")
    clerk.scan(MUG)
    window.close()  # the station is closed mid-receipt; a new window resumes it
    window.controller.shutdown()
    again, clerk2 = open_window()
    clerk2.switch("CMD:RECEIVE")
    lines = again.inbound.screens["receive"].view.lines
    assert again.inbound.screens["receive"].view.notice_id == "ASN-2001"
    assert lines[0].counted == 1


def test_return_restock_quarantine_lead_decision_and_return_label(open_window, site):
    site.ship()
    window, clerk = open_window()
    clerk.switch("CMD:RETURNS")
    screen = window.inbound.screens["returns"]
    clerk.scan(SHIPPED)
    assert clerk.banner("returns") == ("needs_action", "return_opened")
    for code in ("CMD:REASON-DAMAGED", "CMD:COND-DAMAGED", TEA, "QUARANTINE",
                 "CMD:REASON-UNWANTED", "CMD:COND-RESELLABLE", TEA, "LOC:A-01-02"):
        clerk.scan(code)
    assert [(ln.condition, ln.location) for ln in screen.view.lines] == [
        ("damaged", "QUARANTINE"), ("resellable", "A-01-02")]
    clerk.scan("CMD:REFUND")
    assert clerk.banner("returns") == ("needs_action", "lead_needed")
    clerk.scan("L001")
    assert clerk.banner("returns") == ("ok", "decided")
    jobs = len(site.printer.jobs)
    clerk.scan("CMD:RETURN-LABEL")
    assert clerk.banner("returns") == ("ok", "return_label")
    assert len(site.printer.jobs) == jobs + 1 and screen.view.label
    clerk.scan("CMD:CLOSE")
    assert clerk.banner("returns") == ("ok", "return_finished")
    assert site.outbox("return") == 1
    from station.sync.sender import OutboxSender

    OutboxSender(site.engine, site.client, "ST-01").flush()
    with site.central.engine.connect() as conn:
        assert stock_of(conn, "WH-SHA", "TEA-GRN-100", "A-01-02") == 1
        assert stock_of(conn, "WH-SHA", "TEA-GRN-100", "QUARANTINE") == 1


def test_returns_bad_input(open_window, site):
    site.ship()
    order = {"order_id": "SO-BJ-9", "warehouse": OTHER_WAREHOUSE, "carrier": "EMS",
             "service": "EMS-STD", "lines": [{"line_no": 1, "sku": "MUG-350", "quantity": 1}],
             "recipient": {"name": "A", "line1": "1 Rd", "city": "Beijing", "country": "CN"}}
    site.central.call("POST", "/v1/admin/orders", site.central.admin_token, json=order)
    window, clerk = open_window()
    clerk.switch("CMD:RETURNS")
    clerk.scan("SO-1002")
    assert clerk.banner("returns") == ("stop", "not_shipped")
    clerk.scan("SO-BJ-9")
    assert clerk.banner("returns") == ("stop", "unknown_code")  # another warehouse's: not told
    clerk.scan("SO-1001")
    clerk.scan(TEA)
    assert clerk.banner("returns") == ("needs_action", "reason_first")
    for code in ("CMD:REASON-UNWANTED", "CMD:COND-RESELLABLE", TEA, TEA):
        clerk.scan(code)
    clerk.scan(TEA)  # a third unit of an order that shipped two
    assert clerk.banner("returns") == ("stop", "more_than_shipped")
    clerk.scan("LOC:NOWHERE")
    assert clerk.banner("returns") == ("stop", "unknown_location")
    clerk.scan("QUARANTINE")  # resellable goods do not go to quarantine
    assert clerk.banner("returns") == ("stop", "wrong_location_kind")
    assert sum(ln.units for ln in window.inbound.screens["returns"].view.lines) == 2
    window.inbound.controller.client = site.offline_client()
    clerk.scan("A-01-01")
    clerk.scan("CMD:EXCHANGE")
    clerk.scan("L001")
    clerk.scan("CMD:CLOSE")  # offline: closed and queued, sent later
    assert clerk.banner("returns") == ("ok", "return_finished")
    window.inbound.controller.client = site.client
    clerk.scan("SO-1001")  # every unit is back: the same parcel cannot be returned twice
    assert clerk.banner("returns") == ("stop", "already_returned")
    assert site.outbox("return") == 1


def test_stock_screen_shows_levels_and_replenishment_alerts(open_window, site):
    window, clerk = open_window()
    clerk.switch("CMD:STOCK")
    screen = window.inbound.screens["stock"]
    assert clerk.banner("stock") == ("needs_action", "replenish")
    assert screen.alerts.rowCount() == 3  # nothing in stock yet: every minimum is short
    clerk.scan(TEA)  # a product barcode narrows the view to its SKU
    assert screen.report is not None and [a.sku for a in screen.report.alerts] == [
        "TEA-GRN-100"]
    window.inbound.controller.client = site.offline_client()
    clerk.scan("CMD:STOCK")
    assert clerk.banner("stock") == ("stop", "offline")
    window.on_scan("CMD:PACK")
    assert window.stack.currentWidget() is window.pack


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_qc_hold_and_release_by_scanner_alone(open_window, site, language):
    """Goods put away to the QC hold, then a lead releases them unit by unit (wedge scans,
    the QC RELEASE button's barcode): a bin when they pass, the quarantine when they fail."""
    window, clerk = open_window()
    if language != "en":
        window.set_language(language)
    clerk.switch("CMD:RECEIVE")
    screen = window.inbound.screens["receive"]
    clerk.scan("ASN-2002")  # 12 units of green tea
    for _ in range(3):
        clerk.scan(TEA)
    clerk.scan("LOC:QC-HOLD")
    assert clerk.banner("receive") == ("ok", "put_away_qc")
    clerk.scan("CMD:CLOSE")
    clerk.scan("CMD:QC-RELEASE")  # a packer is logged in: refused in the service
    assert clerk.banner("receive")[0] == "stop"
    window.on_scan("CMD:PACK")  # back to the pack screen, where a badge logs in
    clerk.login("L001")
    clerk.switch("CMD:RECEIVE")
    clerk.scan("CMD:QC-RELEASE")
    assert clerk.banner("receive") == ("needs_action", "qc_release_started")
    for code, expected in (("LOC:QC-HOLD", "qc_hold_chosen"), (TEA, "qc_where"),
                           ("LOC:B-02-01", "qc_passed"), (TEA, "qc_where"),
                           ("QUARANTINE", "qc_failed"), (TEA, "qc_where")):
        clerk.scan(code)
        assert clerk.banner("receive")[1] == expected
    assert "QC-HOLD" in screen.title.text() and "1" in screen.title.text()
    clerk.scan("CMD:CLOSE")
    assert clerk.banner("receive") == ("ok", "qc_release_ended_pending")
    assert site.outbox("qc_moved") == 2
    if language != "en":  # the verdicts are Chinese, not the English source
        assert not screen.banner.text.text().startswith("QC release ended")
