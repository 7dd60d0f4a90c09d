"""`station --demo` as a newcomer uses it: click the barcode sheet and the demo controls."""

from __future__ import annotations

import pytest


@pytest.fixture
def demo(qtbot, tmp_path):
    from station.config import Settings
    from ui.demo import DemoStation, demo_widgets

    station = DemoStation(Settings(), folder=tmp_path)
    window = station.start()
    window.sounds.enabled = False
    for w in demo_widgets(station):
        qtbot.addWidget(w)
    window.show()
    qtbot.waitUntil(lambda: window.ready, timeout=10000)
    yield station
    window.close()
    window.controller.shutdown()
    station.stop()


@pytest.mark.slow
def test_a_newcomer_packs_a_demo_order_with_the_sheet_and_controls(demo, qtbot):
    window, sheet, panel = demo.window, demo.sheet, demo.panel

    def click(code: str) -> None:
        before = window.controller.scans_answered
        sheet.buttons[code].click()
        qtbot.waitUntil(lambda: window.controller.scans_answered > before, timeout=10000)

    click("P001")
    assert window.stack.currentWidget() is window.pack
    click("TOTE-001")
    assert window.pack.banner.code == "order_opened"
    qtbot.waitUntil(lambda: any(g.title().startswith("Items") for g in sheet.groups.values()
                                if sheet.groups.get("items") is g), timeout=5000)
    item = next(code for code in sheet.buttons if code.startswith("69012345"))
    click(item)
    click(item)
    click("CMD:CLOSE")
    click("CMD:CONFIRM")
    assert window.pack.banner.code == "weigh"
    panel.expected_button.click()
    qtbot.waitUntil(lambda: window.pack.banner.code == "label_printed", timeout=20000)
    qtbot.waitUntil(lambda: panel.preview.png is not None, timeout=5000)
    assert len(demo.printer.jobs) == 1
    click("CMD:CLOSE")
    assert window.pack.banner.code == "order_packed"
