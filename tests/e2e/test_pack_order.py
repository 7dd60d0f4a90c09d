"""A whole order packed at the window as a packer does it: wedge scans, the scale, the
printer (a TCP simulator driven through drivers/), labels from the local pool."""

from __future__ import annotations


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
    assert len(bench.printer.jobs) == jobs_before + 1
    printed = window.controller.view.parcels[0]
    assert printed.printed and printed.tracking.startswith("SF")
    assert not window.pack.buttons["retry"].isEnabled()
    window.pack.buttons["retry"].click()  # a second click prints nothing more
    packer.scan("CMD:CLOSE")
    assert packer.verdict == ("ok", "order_packed")
    assert bench.pool.level("SF").remaining == 99  # one number used, for one label
