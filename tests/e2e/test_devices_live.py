"""Real device paths: the simulated scale over a pty (MT-SICS bytes) and a serial scanner
line, both through drivers/ owner threads into the same window; faults show, nothing hangs."""

from __future__ import annotations

import os

import pytest


@pytest.fixture
def live_bench(qtbot, tmp_path):
    from drivers.manager import DeviceConfig
    from drivers.sim.scale_sim import ScaleSimulator
    from tests.ui.conftest import Packer, seeded_settings
    from ui.app import build_window
    from ui.devices import DeviceBridge
    from ui.sounds import SoundPlayer

    settings = seeded_settings(tmp_path)
    scale = ScaleSimulator("mt-sics").start()
    master, slave = os.openpty()
    scanner_uri = f"serial://{os.ttyname(slave)}"
    devices = DeviceBridge([
        DeviceConfig("scale", "scale", scale.uri, {"protocol": "mt-sics"}),
        DeviceConfig("scanner", "scanner", scanner_uri, {"terminator": "CR"}),
    ])
    window = build_window(settings, devices=devices, sounds=SoundPlayer(enabled=False))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.ready, timeout=10000)
    devices.start()
    yield window, Packer(qtbot, window), scale, master
    window.close()
    window.controller.shutdown()
    devices.stop()
    scale.stop()
    os.close(master)
    os.close(slave)


@pytest.mark.slow
def test_serial_scanner_and_live_scale_with_a_fault_mid_weigh(live_bench):
    window, packer, scale, scanner = live_bench
    qtbot = packer.qtbot

    def serial_scan(code: str) -> None:
        before = window.controller.scans_answered
        os.write(scanner, code.encode() + b"\r")
        qtbot.waitUntil(lambda: window.controller.scans_answered > before, timeout=10000)

    serial_scan("B-PACKER")
    serial_scan("SO-1005")
    serial_scan("4006381333931")
    serial_scan("CMD:CLOSE")
    serial_scan("CMD:CONFIRM")
    packer.wait_verdict("weigh")
    assert window.status.devices["scanner"][0] == "ok"
    expected = window.controller.view.expected_g
    scale.unplug()  # the scale dies while the parcel is on it
    qtbot.waitUntil(lambda: window.pack.weight.status == "fault", timeout=10000)
    assert window.pack.weight.grams.text() == "— g"  # never the last good weight
    assert window.controller.view.state == "weighing"
    scale.plug()
    scale.set_weight(expected, "motion")
    qtbot.waitUntil(lambda: window.pack.weight.status == "motion", timeout=10000)
    assert window.controller.view.state == "weighing"  # motion is never recorded
    scale.set_weight(expected, "stable")
    packer.wait_verdict("parcel_ready", timeout=15000)
    assert window.controller.view.parcels[0].actual_g == expected
