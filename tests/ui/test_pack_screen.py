"""The pack screen driven by wedge keystrokes, as a packer works: no mouse, no typing."""

from __future__ import annotations


def test_badge_scan_logs_in_and_order_scan_opens_the_pack_screen(make_window):
    window, packer = make_window()
    assert window.stack.currentWidget() is window.login
    packer.scan("B-PACKER")
    assert window.stack.currentWidget() is window.pack
    packer.scan("T-01")  # the tote of SO-1001
    assert packer.verdict == ("ok", "order_opened")
    pack = window.pack
    assert pack.order.text().endswith("SO-1001")
    assert "张伟" in pack.customer.text()
    assert pack.lines.rowCount() == 3
    assert pack.lines.item(0, 2).text() == "2" and pack.lines.item(0, 3).text() == "0"


def test_wrong_item_is_a_red_stop_cleared_by_the_order_barcode(make_window):
    window, packer = make_window()
    packer.scan("B-PACKER")
    packer.scan("SO-1005")
    packer.scan("2000000000046")  # a floor lamp: not in SO-1005
    assert packer.verdict == ("stop", "wrong_item")
    assert window.sounds.history[-1] == "wrong_item"
    assert window.pack.banner.tag.text() == "STOP"
    packer.scan("4006381333931")  # blocked until acknowledged
    assert packer.verdict[0] == "stop"
    assert window.pack.lines.item(0, 3).text() == "0"
    packer.scan("SO-1005")
    assert packer.verdict == ("ok", "wrong_item_acknowledged")
    packer.scan("4006381333931")
    assert window.pack.lines.item(0, 3).text() == "1"


def test_over_scan_is_blocked_and_count_stays(make_window):
    window, packer = make_window()
    packer.scan("B-PACKER")
    packer.scan("SO-1005")
    packer.scan("4006381333931")
    assert window.sounds.history[-1] == "done"
    packer.scan("4006381333931")
    assert packer.verdict == ("stop", "over_scan")
    assert window.sounds.history[-1] == "error"
    assert window.pack.lines.item(0, 3).text() == "1"


def test_pin_login_with_wrong_pin_says_so(make_window, qtbot):
    window, _packer = make_window()
    login = window.login
    login.badge.setText("B-PACKER")
    login.pin.setText("0000")
    login.button.click()
    qtbot.waitUntil(lambda: login.error.text() != "", timeout=10000)
    assert "wrong" in login.error.text()
    login.pin.setText("111111")
    login.button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pack, timeout=10000)


def test_two_scans_5_ms_apart_are_both_counted(make_window):
    window, packer = make_window()
    packer.scan("B-PACKER")
    packer.scan("SO-1001")
    packer.scan("4006381333931", wait=False)
    packer.scan("4006381333931", wait=False)
    packer.qtbot.waitUntil(lambda: window.pack.lines.item(0, 3).text() == "2", timeout=5000)


def test_command_barcodes_sheet_scans_on_click_and_saves(make_window, tmp_path, monkeypatch):
    window, packer = make_window()
    monkeypatch.setenv("HOME", str(tmp_path))
    packer.scan("B-PACKER")
    packer.scan("SO-1005")
    window.pack.buttons["sheet"].click()
    sheet = window.extra_screens["sheet"]
    packer.qtbot.addWidget(sheet)
    assert sheet.isVisible()
    before = window.controller.scans_answered
    sheet.buttons["CMD:CLOSE"].click()
    packer.qtbot.waitUntil(lambda: window.controller.scans_answered > before, timeout=5000)
    assert packer.verdict == ("needs_action", "nothing_packed")
    sheet.save_button.click()
    assert (tmp_path / "station-command-barcodes.png").stat().st_size > 1000
