"""`station run` wiring: the window first, then (built by station.bootstrap on the store lane)
the bench with its printer and pool, and the sync threads."""

from __future__ import annotations

import pytest


@pytest.mark.slow
def test_station_run_wires_printer_pool_and_central(qtbot, tmp_path, monkeypatch):
    from central.testkit import seeded_central
    from drivers.sim.printer_sim import PrinterSimulator
    from station.bootstrap import device_configs
    from station.config import CentralSettings, DeviceSettings, Settings
    from ui.app import station_window
    from ui.devices import DeviceBridge

    central = seeded_central(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    printer = PrinterSimulator("zpl").start()
    monkeypatch.setenv("STATION_API_TOKEN", central.station_token)
    settings = Settings(
        database=tmp_path / "station.sqlite3", warehouse="WH-SHA",
        central=CentralSettings(url=central.url, pull_interval_s=1),
        printer=DeviceSettings(uri=printer.uri, protocol="zpl"),
    )
    devices = DeviceBridge(device_configs(settings))
    window = station_window(settings, devices)
    window.sounds.enabled = False
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.ready, timeout=10000)
    devices.start()
    try:
        assert window.controller.bench is not None
        assert window.controller.bench.labels is not None  # the printer is wired in
        qtbot.waitUntil(lambda: window.status.central[0] is True, timeout=15000)
        qtbot.waitUntil(lambda: "EMS 1000" in (window.status.pool or ""), timeout=15000)
        qtbot.waitUntil(lambda: window.status.devices.get("printer", ("",))[0] == "ok",
                        timeout=10000)
    finally:
        window.close()
        window.controller.shutdown()
        if window.sync is not None:
            window.sync.stop()
        devices.stop()
        printer.stop()
        central.stop()
