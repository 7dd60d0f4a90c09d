"""A whole order packed at the window as a packer does it: wedge scans, the scale, the
printer (a TCP simulator driven through drivers/), labels from the local pool."""

from __future__ import annotations

import json

from sqlalchemy import text


def weigh_expected(packer) -> None:
    view = packer.window.controller.view
    assert view.expected_g is not None
    packer.put_on_scale(view.expected_g)


def test_full_pack_of_a_multi_line_multi_parcel_order(bench_window):
    window, packer, bench = bench_window
    packer.scan("B-PACKER")
    packer.scan("SO-1002")  # floor lamp + 12 mugs, EMS, two parcels
    assert window.pack.lines.rowCount() == 2
    packer.scan("2000000000046")  # the lamp
    packer.scan("CMD:NEW-PARCEL")
    assert packer.verdict[0] == "needs_action"
    packer.scan("CMD:CONFIRM")
    packer.wait_verdict("weigh")
    assert "Expected" in window.pack.weight.expected.text()
    weigh_expected(packer)
    packer.qtbot.waitUntil(lambda: window.controller.view.state == "scanning", timeout=5000)
    packer.scan("14006381333938")  # a case of 12 mugs
    assert window.pack.lines.item(1, 3).text() == "12"
    packer.scan("CMD:CLOSE")
    packer.scan("CMD:CONFIRM")
    packer.wait_verdict("weigh")
    weigh_expected(packer)
    # Both labels print once every parcel is closed: parcel 1/2 and 2/2, each its own number.
    packer.qtbot.waitUntil(lambda: len(bench.printer.jobs) == 2, timeout=15000)
    packer.qtbot.waitUntil(
        lambda: sum(p.printed for p in window.controller.view.parcels) == 2, timeout=10000
    )
    trackings = [p.tracking for p in window.controller.view.parcels]
    assert len(set(trackings)) == 2 and all(t.startswith("EE") for t in trackings)
    assert window.pack.preview.png is not None
    assert window.pack.lane.text() == "A1"
    packer.scan("CMD:CLOSE")
    assert packer.verdict == ("ok", "order_packed")
    assert len(bench.printer.jobs) == 2  # nothing printed twice
    # What central hears: the packed order with each parcel's printed tracking number.
    with bench.engine.connect() as conn:
        done = json.loads(conn.execute(text(
            "SELECT payload FROM outbox WHERE kind='pack_completed'")).scalar_one())
    assert [p["tracking_number"] for p in done["parcels"]] == trackings


def test_paper_out_is_a_clear_error_and_retry_prints_once(bench_window):
    window, packer, bench = bench_window
    packer.scan("B-PACKER")
    packer.scan("SO-1005")
    packer.scan("4006381333931")
    packer.scan("CMD:CLOSE")
    packer.scan("CMD:CONFIRM")
    bench.printer.set_mode("paper_out")
    weigh_expected(packer)
    packer.wait_verdict("label_failed", timeout=15000)
    assert packer.verdict[0] == "stop"
    assert "NOT printed" in window.pack.banner.text.text()
    assert window.pack.buttons["retry"].isEnabled()
    bench.printer.set_mode("ready")
    jobs_before = len(bench.printer.jobs)
    window.pack.buttons["retry"].click()
    packer.wait_verdict("label_printed", timeout=15000)
    packer.qtbot.waitUntil(lambda: window.controller.view.parcels[0].printed, timeout=5000)
    assert len(bench.printer.jobs) == jobs_before + 1
    printed = window.controller.view.parcels[0]
    assert printed.printed and printed.tracking.startswith("SF")
    assert not window.pack.buttons["retry"].isEnabled()
    window.pack.buttons["retry"].click()  # a second click prints nothing more
    packer.scan("CMD:CLOSE")
    assert packer.verdict == ("ok", "order_packed")
    assert bench.pool.level("SF").remaining == 99  # one number used, for one label


def test_weight_out_of_tolerance_needs_a_lead_override_with_reason(bench_window):
    window, packer, bench = bench_window
    packer.scan("B-PACKER")
    packer.scan("SO-1005")
    packer.scan("4006381333931")
    packer.scan("CMD:CLOSE")
    packer.scan("CMD:CONFIRM")
    packer.wait_verdict("weigh")
    expected = window.controller.view.expected_g
    packer.put_on_scale(expected + 400)
    packer.wait_verdict("weight_out_of_tolerance")
    assert packer.verdict[0] == "stop"
    assert not bench.printer.jobs  # nothing printed past a weight stop
    assert window.pack.buttons["override"].isEnabled()
    window.pack.buttons["override"].click()
    dialog = window.dialog
    assert dialog is not None and dialog.isVisible()
    packer.scan("B-LEAD", wait=False)  # the lead's badge, scanned into the open dialog
    assert dialog.lead.text() == "B-LEAD"
    dialog.reason.setCurrentIndex(1)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    packer.wait_verdict("label_printed", timeout=15000)
    packer.qtbot.waitUntil(lambda: window.controller.view.parcels[0].printed, timeout=5000)
    parcel = window.controller.view.parcels[0]
    assert parcel.override_by == "B-LEAD" and parcel.actual_g == expected + 400
    assert "B-LEAD" in window.pack.parcels.item(0).text()
    assert len(bench.printer.jobs) == 1


def test_a_packer_badge_cannot_override(bench_window):
    window, packer, _bench = bench_window
    packer.scan("B-PACKER")
    packer.scan("SO-1005")
    packer.scan("4006381333931")
    packer.scan("CMD:CLOSE")
    packer.scan("CMD:CONFIRM")
    packer.wait_verdict("weigh")
    packer.put_on_scale(window.controller.view.expected_g + 400)
    packer.wait_verdict("weight_out_of_tolerance")
    window.pack.buttons["override"].click()
    dialog = window.dialog
    packer.scan("B-PACKER", wait=False)
    dialog.reason.setCurrentIndex(0)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    packer.wait_verdict("permission_denied")
    assert window.controller.view.state == "weight_stop"


def test_a_hung_printer_never_blocks_scanning(bench_window):
    window, packer, bench = bench_window
    packer.scan("B-PACKER")
    packer.scan("SO-1005")
    packer.scan("4006381333931")
    packer.scan("CMD:CLOSE")
    packer.scan("CMD:CONFIRM")
    bench.printer.set_mode("no_reply")
    weigh_expected(packer)
    packer.qtbot.waitUntil(lambda: window.controller.print_jobs == 1, timeout=5000)
    # While the label job waits on the silent printer, scans keep being answered.
    packer.scan("2000000000046")
    assert packer.verdict[0] == "stop"
    assert window.pack.banner.code != "label_printed"
    packer.wait_verdict("label_failed", timeout=30000)
    assert not window.controller.view.parcels[0].printed


def test_idle_station_locks_back_to_the_badge_screen(make_window):
    window, packer = make_window()
    packer.scan("B-PACKER")
    packer.scan("SO-1005")
    window.idle.setInterval(50)  # the setting is in minutes; the timer is what we test
    window.idle.start()
    packer.qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login, timeout=5000)
    packer.scan("B-PACKER")  # the open order waits for the next login
    assert window.pack.order.text().endswith("SO-1005")


def test_a_lead_voids_a_label_and_a_new_number_is_printed(bench_window):
    window, packer, bench = bench_window
    packer.scan("B-LEAD")
    packer.scan("SO-1005")
    packer.scan("4006381333931")
    packer.scan("CMD:CLOSE")
    packer.scan("CMD:CONFIRM")
    weigh_expected(packer)
    packer.wait_verdict("label_printed", timeout=15000)
    packer.qtbot.waitUntil(lambda: window.controller.view.parcels[0].printed, timeout=5000)
    first = window.controller.view.parcels[0].tracking
    assert window.pack.buttons["void"].isEnabled()

    window.pack.buttons["void"].click()
    dialog = window.dialog
    packer.scan("B-PACKER", wait=False)  # a packer's badge: refused by the label step
    dialog.reason.setCurrentIndex(0)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    packer.wait_verdict("permission_denied", timeout=10000)
    assert bench.pool.status(first) == "taken"

    window.pack.buttons["void"].click()
    dialog = window.dialog
    packer.scan("B-LEAD", wait=False)
    dialog.reason.setCurrentIndex(0)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    packer.wait_verdict("label_voided", timeout=10000)
    assert bench.pool.status(first) == "voided"
    window.pack.buttons["retry"].click()
    packer.wait_verdict("label_printed", timeout=15000)
    packer.qtbot.waitUntil(lambda: window.controller.view.parcels[0].printed, timeout=5000)
    second = window.controller.view.parcels[0].tracking
    assert second != first and len(bench.printer.jobs) == 2
