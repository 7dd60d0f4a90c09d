"""The label step with the scanner alone, at the real window: a print that fails (paper
out), REPRINT scanned to print it again with the same number, then a lead voids the label by
scanning CMD:VOID and the lead's badge, and REPRINT prints a new number. No button, no mouse."""

from __future__ import annotations


def test_failed_print_and_void_with_the_scanner_alone(bench_window):
    window, packer, bench = bench_window
    ctl = window.controller
    for code in ("B-PACKER", "SO-1005", "4006381333931", "CMD:CLOSE", "CMD:CONFIRM"):
        packer.scan(code)
    bench.printer.set_mode("paper_out")
    packer.put_on_scale(ctl.view.expected_g)
    packer.wait_verdict("label_failed", timeout=15000)
    assert "REPRINT" in window.pack.banner.text.text()
    failed = ctl.view.parcels[0]
    assert not failed.printed and failed.tracking

    bench.printer.set_mode("ready")
    packer.scan("CMD:REPRINT")
    packer.wait_verdict("label_printed", timeout=15000)
    packer.qtbot.waitUntil(lambda: ctl.view.parcels[0].printed, timeout=5000)
    assert ctl.view.parcels[0].tracking == failed.tracking  # the same number
    assert len(bench.printer.jobs) == 1

    packer.scan("CMD:VOID")
    packer.wait_verdict("void_scan_lead")
    packer.scan("B-PACKER")  # a packer cannot void: refused, the label stands
    packer.wait_verdict("permission_denied")
    assert bench.pool.status(failed.tracking) == "taken"
    packer.scan("CMD:VOID")
    packer.scan("B-LEAD")
    packer.wait_verdict("label_voided")
    assert bench.pool.status(failed.tracking) == "voided"
    assert window.pack.buttons["retry"].isEnabled()

    packer.scan("CMD:REPRINT")
    packer.wait_verdict("label_printed", timeout=15000)
    packer.qtbot.waitUntil(lambda: ctl.view.parcels[0].printed, timeout=5000)
    second = ctl.view.parcels[0].tracking
    assert second and second != failed.tracking and len(bench.printer.jobs) == 2
    packer.scan("CMD:CLOSE")
    packer.wait_verdict("order_packed")


def test_void_from_lookup_prints_the_new_label_at_once(bench_window):
    """A lead's CMD:VOID on Lookup (scanner alone): the label is voided and the new one with
    a new number prints in the same step; the parcel is never left without a label."""
    window, packer, bench = bench_window
    ctl = window.controller
    for code in ("B-PACKER", "SO-1005", "4006381333931", "CMD:CLOSE", "CMD:CONFIRM"):
        packer.scan(code)
    packer.put_on_scale(ctl.view.expected_g)
    packer.wait_verdict("label_printed", timeout=15000)
    first = ctl.view.parcels[0].tracking
    packer.scan("CMD:CLOSE")
    packer.wait_verdict("order_packed")
    window.lock()
    window.controller.login_pin("B-LEAD", "222222", lambda m: None)
    packer.qtbot.waitUntil(lambda: ctl.view.operator == "B-LEAD", timeout=10000)
    screen = window.lead.lookup_screen
    packer.scan("CMD:LOOKUP", wait=False)
    packer.scan(first, wait=False)
    packer.qtbot.waitUntil(lambda: screen.current_order() is not None, timeout=10000)
    packer.scan("CMD:VOID", wait=False)
    packer.qtbot.waitUntil(lambda: len(bench.printer.jobs) == 2, timeout=15000)
    assert bench.pool.status(first) == "voided"
    packer.qtbot.waitUntil(lambda: screen.current_order() is not None and any(
        p.tracking_number not in (None, first) for p in screen.current_order().parcels),
        timeout=10000)
    new = screen.current_order().parcels[-1].tracking_number
    assert new != first and new.encode() in bench.printer.jobs[-1]
