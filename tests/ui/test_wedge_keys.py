"""The wedge filter fed the key events a real scanner sends, not ``keyClicks`` of plain text.

A scanner presses Shift around every capital, sends keypad digits in keypad mode, Ctrl+] for a
GS, AltGr for '@' on a German layout, and ends with Enter, keypad Enter or Tab. Before the fix
the Shift press (a key with no text) flushed the burst: ``SO-1001`` arrived as scan
``O-1001`` plus a typed ``S``.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.wedge_keys import scanner_keys, send_keys


@pytest.fixture
def field(qtbot):
    from ui.qt import QApplication, QLineEdit
    from ui.wedge import WedgeFilter

    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitExposed(edit)
    edit.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit)
    wedge = WedgeFilter()
    scans: list[str] = []
    wedge.scanned.connect(scans.append)
    QApplication.instance().installEventFilter(wedge)
    yield edit, scans, wedge
    QApplication.instance().removeEventFilter(wedge)


@pytest.mark.parametrize("code", ["SO-1001", "CMD:CONFIRM", "B-LEAD", "TOTE-003",
                                  "EE100000125CN", "L001"])
def test_capitals_with_shift_are_one_scan_and_nothing_is_typed(field, code):
    edit, scans, _ = field
    send_keys(scanner_keys(code), gap_s=0.004)
    assert scans == [code]
    assert edit.text() == ""


@pytest.mark.parametrize("suffix", ["\r", "kp-enter", "\t"])
def test_keypad_digits_and_every_suffix(field, suffix):
    edit, scans, _ = field
    send_keys(scanner_keys("SF1000000042", suffix, keypad_digits=True))
    assert scans == ["SF1000000042"]
    assert edit.text() == ""


def test_gs1_with_ctrl_bracket_keeps_the_group_separator(field):
    _, scans, _ = field
    send_keys(scanner_keys("0109501101530003\x1d10AB-12"))
    assert scans == ["0109501101530003\x1d10AB-12"]


@pytest.mark.parametrize("style", ["x11", "win"])
def test_altgr_characters_of_a_german_layout_stay_in_the_scan(field, style):
    _, scans, _ = field
    send_keys(scanner_keys("USER@WH-SHA", altgr="@", altgr_style=style))
    assert scans == ["USER@WH-SHA"]


def test_a_person_typing_with_shift_still_types(field, qtbot):
    edit, scans, _wedge = field
    send_keys(scanner_keys("Hello", suffix=""), gap_s=0.12)
    qtbot.waitUntil(lambda: edit.text() == "Hello", timeout=2000)
    assert scans == []


def test_a_ctrl_shortcut_is_not_swallowed(field):
    from ui.qt import QApplication, QEvent, QKeyEvent, Qt

    edit, scans, _ = field
    edit.setText("abc")
    edit.selectAll()
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(edit, QKeyEvent(kind, Qt.Key.Key_X,
                                               Qt.KeyboardModifier.ControlModifier, "\x18"))
    assert edit.text() == ""  # cut reached the field
    assert scans == []


ascii_code = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=4,
                     max_size=30)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(code=ascii_code, keypad=st.booleans(), suffix=st.sampled_from(["\r", "kp-enter", "\t"]))
def test_any_ascii_scan_arrives_whole(field, code, keypad, suffix):
    edit, scans, _ = field
    scans.clear()
    edit.clear()
    send_keys(scanner_keys(code, suffix, keypad_digits=keypad))
    assert scans == [code]
    assert edit.text() == ""
