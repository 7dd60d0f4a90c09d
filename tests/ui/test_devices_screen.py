"""Devices page: read the scale, print a test label, scan-test, save to the user config."""

from __future__ import annotations

import tomllib


def test_devices_page_tests_each_device_and_saves_the_user_config(bench_window, tmp_path,
                                                                   monkeypatch):
    window, packer, bench = bench_window
    cfg = tmp_path / "user" / "station.toml"
    window.devices_screen.config_path = lambda: cfg
    packer.scan("B-ADMIN")
    window.devices_button.click()
    screen = window.devices_screen
    assert window.stack.currentWidget() is window.devices_scroll
    assert screen.save.isEnabled()  # an admin may change devices

    packer.put_on_scale(1234)
    screen.rows["scale"]["test"].click()
    assert "1234 g" in screen.rows["scale"]["result"].text()

    screen.rows["printer"]["test"].click()
    packer.qtbot.waitUntil(
        lambda: "printed" in screen.rows["printer"]["result"].text(), timeout=15000
    )
    assert len(bench.printer.jobs) == 1

    screen.rows["scanner"]["test"].click()
    packer.scan("4006381333931", wait=False)
    assert "4006381333931" in screen.rows["scanner"]["result"].text()
    assert window.controller.scans_sent == 1  # only the badge went to packing

    screen.rows["scale"]["uri"].setCurrentText("serial:///dev/ttyUSB0")
    screen.rows["scale"]["proto"].setCurrentText("cas")
    screen.save.click()
    saved = tomllib.loads(cfg.read_text())
    assert saved["scale"] == {"uri": "serial:///dev/ttyUSB0", "protocol": "cas"}
    screen.close_button.click()
    assert window.stack.currentWidget() is window.pack


def test_a_packer_may_test_but_not_save(make_window):
    window, packer = make_window()
    packer.scan("B-PACKER")
    window.devices_button.click()
    assert not window.devices_screen.save.isEnabled()
