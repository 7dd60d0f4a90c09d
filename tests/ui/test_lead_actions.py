"""Typed quantities for bulk lines (by role), the short-pick decision, and typed lots."""

from __future__ import annotations

from ui.qt import Qt


def test_a_lead_types_a_bulk_quantity_a_packer_may_not(make_window):
    window, packer = make_window()
    packer.scan("B-PACKER")
    packer.scan("SO-1004")  # 6 vitamin C (lot) + 100 screws (bulk)
    dialog = window.open_quantity()
    dialog.line.setCurrentIndex(dialog.line.findData("SCREW-M4"))
    dialog.quantity.setValue(100)
    dialog.buttons.accepted.emit()
    packer.wait_verdict("permission_denied")
    assert window.pack.lines.item(1, 3).text() == "0"
    packer.scan("B-LEAD")  # the lead takes over the bench
    dialog = window.open_quantity()
    packer.scan("2000000000022", wait=False)  # a scan while the dialog is open: refused
    assert "ignored" in dialog.message.text()
    dialog.line.setCurrentIndex(dialog.line.findData("SCREW-M4"))
    dialog.quantity.setValue(100)
    dialog.buttons.accepted.emit()
    packer.qtbot.waitUntil(lambda: window.pack.lines.item(1, 3).text() == "100", timeout=5000)


def test_items_missing_a_lead_decides_to_hold(make_window):
    window, packer = make_window()
    packer.scan("B-PACKER")
    packer.scan("SO-1001")
    packer.scan("4006381333931")
    packer.scan("CMD:CLOSE")
    assert packer.verdict == ("stop", "short_pick")
    assert window.pack.buttons["short_pick"].isEnabled()
    window.pack.buttons["short_pick"].click()
    dialog = window.dialog
    packer.scan("B-LEAD", wait=False)
    dialog.reason.setCurrentIndex(dialog.reason.findData("hold"))
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    packer.wait_verdict("short_pick_hold")


def test_a_lot_typed_by_hand_reaches_the_core(make_window):
    window, packer = make_window()
    packer.scan("B-PACKER")
    packer.scan("SO-1004")
    packer.scan("09501101530003")  # vitamin C: its lot must be captured
    assert packer.verdict[0] == "needs_action"
    entry = window.pack.entry
    entry.setFocus()
    packer.qtbot.waitUntil(entry.hasFocus, timeout=2000)
    before = window.controller.scans_answered
    packer.qtbot.keyClicks(entry, "L7", delay=80)  # slower than a scanner: typed keys
    packer.qtbot.waitUntil(lambda: entry.text() == "L7", timeout=3000)
    packer.qtbot.keyClick(entry, Qt.Key.Key_Return, delay=80)
    packer.qtbot.waitUntil(lambda: window.controller.scans_answered > before, timeout=5000)
    assert window.pack.lines.item(0, 3).text() == "1"
    assert "L7" in window.pack.lines.item(0, 4).text()
