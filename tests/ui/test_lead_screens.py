"""The lead's screens in the real window on a real SQLite file, driven by the scanner."""

from __future__ import annotations

import pytest
from lead_kit import labelled_parcel
from sqlalchemy import text

from station.store.db import create_station_engine


@pytest.fixture
def lead_window(make_window, qtbot):
    window, packer = make_window(warehouse="WH1")
    engine = create_station_engine(window.settings.database)
    labelled_parcel(engine, "SO-1001", "SF100000001", 810)
    labelled_parcel(engine, "SO-1005", "SF100000005", 450)
    labelled_parcel(engine, "SO-1002", "EE100000002CN", 2300, carrier="EMS")
    engine.dispose()
    window.sounds.enabled = False
    yield window, packer, qtbot


def _login(window, qtbot, badge, pin):
    window.controller.login_pin(badge, pin, lambda m: None)
    qtbot.waitUntil(lambda: window.controller.view.operator == badge, timeout=10000)


def _lead_scan(window, qtbot, packer, code):
    before = window.lead.answers
    packer.scan(code, wait=False)
    qtbot.waitUntil(lambda: window.lead.answers > before, timeout=10000)


def test_handover_by_scanner_alone_counts_refuses_and_closes(lead_window, tmp_path):
    window, packer, qtbot = lead_window
    _login(window, qtbot, "B-LEAD", "222222")
    assert window.lead.buttons["handover"].isVisible()
    _lead_scan(window, qtbot, packer, "CMD:HANDOVER:SF")
    screen = window.lead.handover_screen
    qtbot.waitUntil(lambda: screen.manifest is not None, timeout=10000)
    assert window.stack.currentWidget() is screen
    assert screen.manifest.expected == 2
    _lead_scan(window, qtbot, packer, "SF100000001")
    qtbot.waitUntil(lambda: screen.banner.code == "handover_accepted", timeout=10000)
    qtbot.waitUntil(lambda: "Scanned 1" in screen.counts.text(), timeout=10000)  # the reload
    assert "Expected 2" in screen.counts.text() and "Missing 1" in screen.counts.text()
    assert screen.scanned.item(0, 0).text() == "SF100000001"
    # Foreign parcels: each with its own code on the banner and its own sound.
    for code, verdict, sound in (("EE100000002CN", "handover_other_carrier", "other_carrier"),
                                 ("SF100000001", "handover_scanned_twice", "scanned_twice"),
                                 ("ZZ000000000", "handover_unknown", "unknown_parcel")):
        _lead_scan(window, qtbot, packer, code)
        qtbot.waitUntil(lambda v=verdict: screen.banner.code == v, timeout=10000)
        assert window.sounds.history[-1] == sound
    assert screen.banner.severity in ("stop", "needs_action")
    _lead_scan(window, qtbot, packer, "CMD:CLOSE-MANIFEST")
    qtbot.waitUntil(lambda: screen.banner.code == "manifest_printed",  # closed, then printed
                    timeout=10000)
    assert not screen.manifest.is_open and not screen.close_button.isEnabled()
    engine = create_station_engine(window.settings.database)
    with engine.connect() as conn:
        status = conn.execute(text("SELECT status FROM parcels WHERE tracking_number = "
                                   "'SF100000001'")).scalar_one()
    engine.dispose()
    assert status == "shipped"
    # Reopening is a lead's scan too (audited in the core); a stray command is refused.
    _lead_scan(window, qtbot, packer, "CMD:REOPEN-MANIFEST")
    qtbot.waitUntil(lambda: screen.banner.code == "manifest_reopened", timeout=10000)
    qtbot.waitUntil(lambda: screen.manifest.is_open, timeout=10000)
    packer.scan("CMD:NEW-PARCEL", wait=False)
    qtbot.waitUntil(lambda: screen.banner.code == "command_not_here", timeout=10000)


def test_a_bag_is_filled_sealed_and_handed_over_by_scanner_alone(lead_window):
    window, packer, qtbot = lead_window
    _login(window, qtbot, "B-LEAD", "222222")
    _lead_scan(window, qtbot, packer, "CMD:HANDOVER:SF")
    screen = window.lead.handover_screen
    qtbot.waitUntil(lambda: screen.manifest is not None, timeout=10000)
    for code, verdict in (("BAG-0001", "bag_opened"), ("SF100000001", "bag_parcel_added"),
                          ("SF100000005", "bag_parcel_added"),
                          ("CMD:OUT-OF-BAG", "bag_take_out"),
                          ("SF100000005", "bag_parcel_removed"),
                          ("SEAL:SL-0001", "bag_sealed"), ("BAG-0001", "bag_handed_over")):
        _lead_scan(window, qtbot, packer, code)
        qtbot.waitUntil(lambda v=verdict: screen.banner.code == v, timeout=10000)
    qtbot.waitUntil(lambda: "Scanned 1" in screen.counts.text(), timeout=10000)
    assert screen.scanned.item(0, 0).text() == "SF100000001"


def test_the_driver_signs_on_the_screen_after_the_close(lead_window, qtbot):
    from ui.qt import QPoint, Qt

    window, packer, qtbot = lead_window
    _login(window, qtbot, "B-LEAD", "222222")
    _lead_scan(window, qtbot, packer, "CMD:HANDOVER:SF")
    screen = window.lead.handover_screen
    qtbot.waitUntil(lambda: screen.manifest is not None, timeout=10000)
    assert not screen.sign_button.isEnabled()  # an open manifest is not signed
    _lead_scan(window, qtbot, packer, "SF100000001")
    _lead_scan(window, qtbot, packer, "CMD:CLOSE-MANIFEST")
    qtbot.waitUntil(lambda: screen.sign_button.isEnabled(), timeout=10000)
    screen.sign_button.click()
    dialog = window.lead.signature_dialog
    dialog.save_button.click()  # no name, no signature: said, nothing saved
    assert "name" in dialog.note.text()
    dialog.name.setText("Li Wei")
    pad = dialog.pad
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(30, 120))
    for x in range(40, 400, 20):
        qtbot.mouseMove(pad, QPoint(x, 60 + (x % 80)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(400, 100))
    assert not pad.empty
    dialog.save_button.click()
    qtbot.waitUntil(lambda: screen.banner.code == "manifest_signed", timeout=10000)
    manifest_id = screen.manifest.manifest_id
    folder = window.settings.database.parent / "manifests"
    assert (folder / f"{manifest_id}-signature.png").read_bytes().startswith(b"\x89PNG")


def test_a_language_switch_says_the_lead_screens_banner_again_in_that_language(lead_window):
    window, packer, qtbot = lead_window
    _login(window, qtbot, "B-LEAD", "222222")
    packer.scan("CMD:LOOKUP", wait=False)
    screen = window.lead.lookup_screen
    qtbot.waitUntil(lambda: window.stack.currentWidget() is screen, timeout=5000)
    _lead_scan(window, qtbot, packer, "NO-SUCH-THING")
    qtbot.waitUntil(lambda: screen.banner.code == "invalid_input", timeout=10000)
    english = screen.banner.text.text()
    assert "NO-SUCH-THING" in english and english.isascii()
    window.set_language("zh_CN")
    chinese = screen.banner.text.text()
    assert "NO-SUCH-THING" in chinese and not chinese.isascii()  # it stayed English before
    window.set_language("en")


def test_a_packer_cannot_reach_the_lead_screens(lead_window):
    window, packer, qtbot = lead_window
    _login(window, qtbot, "B-PACKER", "111111")
    assert not window.lead.buttons["handover"].isVisible()
    packer.scan("CMD:HANDOVER", wait=False)
    qtbot.waitUntil(lambda: window.sounds.history[-1:] == ["error"], timeout=5000)
    # said on the pack screen, where the packer looks (it was painted on a hidden screen)
    assert window.pack.banner.code == "permission_denied", window.pack.banner.code
    assert "lead" in window.pack.banner.text.text()
    assert window.stack.currentWidget() is window.pack
    window.lead.show("dashboard")  # even a direct call is refused
    assert window.stack.currentWidget() is window.pack


def test_lookup_by_tracking_number_then_bad_input(lead_window):
    window, packer, qtbot = lead_window
    _login(window, qtbot, "B-ADMIN", "999999")
    packer.scan("CMD:LOOKUP", wait=False)
    screen = window.lead.lookup_screen
    qtbot.waitUntil(lambda: window.stack.currentWidget() is screen, timeout=5000)
    _lead_scan(window, qtbot, packer, "SF100000005")
    qtbot.waitUntil(lambda: screen.result is not None, timeout=10000)
    assert "SO-1005" in screen.order_line.text()
    messages = [screen.history.item(r, 2).text() for r in range(screen.history.rowCount())]
    assert any("SF100000005" in m and "printed" in m for m in messages)
    qtbot.waitUntil(lambda: screen.timeline is not None, timeout=10000)
    assert "offline" in screen.carrier.text()  # no central in this test: said plainly
    assert screen.reprint_button.isEnabled()
    _lead_scan(window, qtbot, packer, "NO-SUCH-THING")
    qtbot.waitUntil(lambda: screen.banner.code == "invalid_input", timeout=10000)
    assert "NO-SUCH-THING" in screen.banner.text.text()
    assert window.sounds.history[-1] == "error"
    # The order shown before is gone with its buttons: REPRINT/VOID cannot act on it (before,
    # CMD:REPRINT reprinted SO-1005's label after "nothing matches").
    assert screen.result is None and "SO-1005" not in screen.order_line.text()
    assert not screen.reprint_button.isEnabled() and not screen.void_button.isEnabled()
    packer.scan("CMD:CANCEL", wait=False)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pack, timeout=5000)


def test_lookup_by_a_typed_recipient_name_gives_a_masked_pick_list(lead_window):
    """Every demo order goes to 张伟: typing the name lists them (masked); picking the third
    shows that order and its buttons act on it."""
    window, packer, qtbot = lead_window
    _login(window, qtbot, "B-LEAD", "222222")
    packer.scan("CMD:LOOKUP", wait=False)
    screen = window.lead.lookup_screen
    qtbot.waitUntil(lambda: window.stack.currentWidget() is screen, timeout=5000)
    before = window.lead.answers
    screen.entry.setText("张伟")  # typed with the input method, then Enter
    screen.entry.returnPressed.emit()
    qtbot.waitUntil(lambda: window.lead.answers > before and screen.result is not None,
                    timeout=10000)
    assert screen.matches.isVisible() and screen.matches.count() == 5
    rows = [screen.matches.item(i).text() for i in range(screen.matches.count())]
    assert all("张*" in row and "张伟" not in row for row in rows)
    assert "****" in rows[0]  # the phone, masked
    target = next(i for i, row in enumerate(rows) if row.startswith("SO-1005"))
    screen.matches.setCurrentRow(target)
    assert "SO-1005" in screen.order_line.text() and screen.reprint_button.isEnabled()
    assert screen.current_order().order_id == "SO-1005"


def test_an_exception_is_resolved_by_scanner_alone_with_a_scanned_reason(lead_window):
    window, packer, qtbot = lead_window
    from datetime import UTC, datetime, timedelta

    engine = create_station_engine(window.settings.database)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO audit (at, operator, action, subject, detail) VALUES "
                          "(:at, 'B-LEAD', 'short_pick', 'SO-1002', '{\"decision\": \"hold\"}')"),
                     {"at": (datetime.now(UTC) - timedelta(days=2)).isoformat()})
    engine.dispose()
    _login(window, qtbot, "B-LEAD", "222222")
    _lead_scan(window, qtbot, packer, "CMD:DASHBOARD")
    screen = window.lead.dashboard_screen
    qtbot.waitUntil(lambda: screen.board is not None and bool(screen.shown), timeout=10000)
    [item] = [e for e in screen.shown if e.kind == "short_pick"]
    assert item.state == "open"
    _lead_scan(window, qtbot, packer, "CMD:RESOLVE")
    assert "reason" in screen.note.text()
    _lead_scan(window, qtbot, packer, "PICKED FROM RESERVE")  # a reason from the sheet
    qtbot.waitUntil(lambda: "resolved" in screen.note.text().lower(), timeout=10000)
    qtbot.waitUntil(lambda: not [e for e in screen.shown if e.kind == "short_pick"],
                    timeout=10000)  # an earlier day's exception, resolved: off the list
    engine = create_station_engine(window.settings.database)
    with engine.connect() as conn:
        reason = conn.execute(text("SELECT reason FROM exception_states")).scalar_one()
    engine.dispose()
    assert reason == "PICKED FROM RESERVE"


def test_dashboard_shows_today_and_exports_csv(lead_window, tmp_path):
    window, packer, qtbot = lead_window
    _login(window, qtbot, "B-LEAD", "222222")
    packer.scan("CMD:DASHBOARD", wait=False)
    screen = window.lead.dashboard_screen
    qtbot.waitUntil(lambda: screen.board is not None, timeout=10000)
    rows = {screen.carriers.item(r, 0).text(): screen.carriers.item(r, 1).text()
            for r in range(screen.carriers.rowCount())}
    assert rows == {"EMS": "1", "SF": "2"}
    heard = len(window.sounds.history)
    packer.scan("SF100000001", wait=False)  # a parcel scan here is refused, loudly
    qtbot.waitUntil(lambda: len(window.sounds.history) > heard, timeout=5000)
    assert window.sounds.history[-1] == "error"
    before = window.lead.answers
    window.lead.export_csv(tmp_path)
    qtbot.waitUntil(lambda: window.lead.answers > before, timeout=10000)
    exported = next(tmp_path.glob("lead-dashboard-*.csv")).read_text(encoding="utf-8-sig")
    assert "carrier,SF,2,2,0" in exported


def test_with_a_real_printer_close_prints_the_slip_and_lookup_reprints(bench_window, tmp_path):
    """The TCP printer simulator behind the real label step: the manifest slip and a lead's
    reprint from Lookup both come out of it."""
    window, packer, bench = bench_window
    qtbot = packer.qtbot
    with bench.engine.begin() as conn:
        conn.execute(text("UPDATE orders SET warehouse = :w"), {"w": window.settings.warehouse})
    labelled_parcel(bench.engine, "SO-1001", "SF100000001", 810)
    _login(window, qtbot, "B-LEAD", "222222")
    _lead_scan(window, qtbot, packer, "CMD:HANDOVER:SF")
    screen = window.lead.handover_screen
    qtbot.waitUntil(lambda: screen.manifest is not None, timeout=10000)
    _lead_scan(window, qtbot, packer, "SF100000001")
    jobs = len(bench.printer.jobs)
    _lead_scan(window, qtbot, packer, "CMD:CLOSE-MANIFEST")
    qtbot.waitUntil(lambda: screen.banner.code == "manifest_printed", timeout=15000)
    assert screen.banner.severity == "ok", screen.banner.text.text()
    assert len(bench.printer.jobs) == jobs + 1
    pdf = next((window.settings.database.parent / "manifests").glob("MF-*.pdf"))
    assert pdf.read_bytes().startswith(b"%PDF")
    packer.scan("CMD:LOOKUP", wait=False)
    lookup = window.lead.lookup_screen
    qtbot.waitUntil(lambda: window.stack.currentWidget() is lookup, timeout=5000)
    _lead_scan(window, qtbot, packer, "SO-1001")
    qtbot.waitUntil(lambda: lookup.result is not None, timeout=10000)
    assert lookup.parcels.item(0, 2).text() == "SF100000001"
    packer.scan("CMD:REPRINT", wait=False)
    qtbot.waitUntil(lambda: lookup.banner.code == "label_action", timeout=15000)
    assert lookup.banner.severity == "ok", lookup.banner.text.text()
    assert len(bench.printer.jobs) == jobs + 2
    assert b"SF100000001" in bench.printer.jobs[-1]
