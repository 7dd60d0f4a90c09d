"""The devices page, the inbound screens and the lead's desk are built after the pack screen is
ready. A packer or lead who is faster than that notices nothing: a command scan opens its
screen at once, the lead's buttons follow the role, the devices page shows what the devices
said meanwhile. Real window, real SQLite file, real printer simulator on TCP."""

from __future__ import annotations

import pytest

import ui.window


@pytest.fixture
def slow_build(monkeypatch):
    """The automatic build far away: every screen below is built by what the test does."""
    monkeypatch.setattr(ui.window, "SCREENS_AFTER_MS", 600_000)


def test_the_pack_screen_is_ready_before_the_other_screens_are_built(slow_build, make_window):
    window, packer = make_window()
    assert window.ready
    assert window.later.lead is None and window.later.inbound is None
    packer.scan("B-PACKER")  # a scan may be theirs: it builds them, then goes to the bench
    assert window.stack.currentWidget() is window.pack
    assert window.later.lead is not None
    assert not window.lead.buttons["handover"].isVisibleTo(window)  # a packer's role


def test_a_lead_command_scanned_before_the_build_opens_its_screen(slow_build, make_window):
    window, packer = make_window()
    window.controller.login_pin("B-LEAD", "222222", lambda m: None)
    packer.qtbot.waitUntil(lambda: window.controller.view.operator == "B-LEAD", timeout=10000)
    assert window.later.lead is None
    packer.scan("CMD:LOOKUP", wait=False)
    screen = window.lead.lookup_screen
    packer.qtbot.waitUntil(lambda: window.stack.currentWidget() is screen, timeout=5000)
    assert window.lead.buttons["handover"].isVisibleTo(window)  # the role it came in with
    packer.qtbot.waitUntil(lambda: window.inbound.buttons["receive"].isVisibleTo(window),
                           timeout=1000)  # shown by Qt at the next turn of the event loop


def test_the_devices_page_shows_the_states_and_weight_that_came_before_it(slow_build,
                                                                          bench_window):
    window, packer, _bench = bench_window
    board = window.devices.board
    packer.qtbot.waitUntil(
        lambda: str(board.status_of("printer").state) == "ok", timeout=10000)
    packer.put_on_scale(1234)
    assert window.later.devices is None
    state = window.devices_screen.rows["printer"]["state"].text()
    assert state.startswith("ok")
    assert window.devices_screen.last_weight[0] == 1234


def test_the_other_screens_are_built_soon_after_ready_without_anyone_asking(make_window):
    window, packer = make_window()
    packer.qtbot.waitUntil(lambda: window.later.lead is not None, timeout=5000)
    assert window.later.devices is not None and window.later.inbound is not None
