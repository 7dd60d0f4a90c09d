"""Network down: the station packs and prints from its pool, then syncs exactly once when
the link to central is back (real central server and real sockets on 127.0.0.1)."""

from __future__ import annotations

import json

import pytest

from central.seed import ean13
from central.testkit import seeded_central
from station.bootstrap import build_sync
from station.config import Settings
from station.demo_link import LoopbackLink
from station.store.db import create_station_engine, upgrade
from tests.ui.conftest import Packer


@pytest.fixture
def online_bench(qtbot, tmp_path):
    from drivers.manager import DeviceConfig
    from drivers.sim.printer_sim import PrinterSimulator
    from station.bootstrap import build_bench
    from station.store.uow import StationStore
    from ui.app import build_window
    from ui.devices import DeviceBridge
    from ui.sounds import SoundPlayer
    from ui.sync import SyncBridge

    central = seeded_central(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    link = LoopbackLink(central.live.port)
    db = tmp_path / "station.sqlite3"
    engine = create_station_engine(db)
    upgrade(engine)
    parts = build_sync(
        engine, "ST-01", link.url, central.station_token,
        pull_interval_s=30, max_delay_s=0.5, idle_poll_s=0.3,
        client_options={"connect_timeout_s": 1.0, "read_timeout_s": 5.0, "retries": 0},
    )
    parts.pull.pull_once()  # the morning sync: orders, products, operators, pool segments
    printer = PrinterSimulator("zpl").start()
    devices = DeviceBridge([DeviceConfig("printer", "printer", printer.uri, {"language": "zpl"})])
    bench_printer = devices.runtime.printer(timeout_s=10)
    sync = SyncBridge(parts)
    settings = Settings(database=db, warehouse="WH-SHA")
    window = build_window(
        settings, devices=devices, sync=sync, sounds=SoundPlayer(enabled=False),
        make_bench=lambda: build_bench(StationStore(engine), settings, printer=bench_printer,
                                       pool=parts.pool, client=parts.client,
                                       status=parts.status))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.ready, timeout=10000)
    devices.start()
    sync.start()
    yield window, Packer(qtbot, window), central, link, printer
    window.close()
    window.controller.shutdown()
    sync.stop()
    devices.stop()
    printer.stop()
    link.stop()
    central.stop()
    engine.dispose()


@pytest.mark.slow
def test_network_down_packs_and_prints_from_pool_then_syncs_once(online_bench):
    window, packer, central, link, printer = online_bench
    qtbot = packer.qtbot
    link.cut()
    packer.scan("P001")
    packer.scan("TOTE-001")  # SO-1001: 2 × green tea, EMS
    assert packer.verdict == ("ok", "order_opened")
    tea = ean13("690123450001")
    packer.scan(tea)
    packer.scan(tea)
    packer.scan("CMD:CLOSE")
    packer.scan("CMD:CONFIRM")
    packer.wait_verdict("weigh")
    packer.put_on_scale(window.controller.view.expected_g)
    packer.wait_verdict("label_printed", timeout=20000)
    qtbot.waitUntil(lambda: window.controller.view.parcels[0].printed, timeout=5000)
    tracking = window.controller.view.parcels[0].tracking
    assert tracking.startswith("EE2")  # from the station's pool segment, not central's range
    assert len(printer.jobs) == 1
    packer.scan("CMD:CLOSE")
    assert packer.verdict == ("ok", "order_packed")
    qtbot.waitUntil(lambda: window.status.central == (False, window.status.central[1]),
                    timeout=10000)
    qtbot.waitUntil(lambda: window.status.central[1] > 0, timeout=10000)
    assert "OFFLINE" in window.status.labels["central"].text()

    link.restore()
    qtbot.waitUntil(lambda: window.status.central == (True, 0), timeout=20000)
    history = central.call("GET", "/v1/orders/SO-1001/history", token=central.station_token)
    assert history.status_code == 200
    body = json.dumps(history.json())
    assert body.count(tracking) >= 1
    kinds = [e["kind"] for e in history.json()["events"]]
    assert kinds.count("label_printed") == 1  # exactly once
