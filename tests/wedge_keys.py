"""The key events a keyboard-wedge scanner really sends, for tests of the window.

A wedge scanner is a keyboard: for a capital it presses Shift, the letter (with
ShiftModifier and the capital as text), then releases both; keypad-mode scanners send digits
from the number pad; a GS (FNC1) is Ctrl+]; on a German layout '@' is AltGr+Q; the suffix is
Enter, keypad Enter or Tab. ``qtbot.keyClicks`` sends none of the modifier presses, which is
why a filter that cut bursts on Shift passed its tests and failed on a real desktop.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

_US_SHIFTED = set('~!@#$%^&*()_+{}|:"<>?')


@dataclass(frozen=True)
class Key:
    press: bool
    key: int
    modifiers: object  # Qt.KeyboardModifier
    text: str


def scanner_keys(code: str, suffix: str = "\r", *, keypad_digits: bool = False,
                 altgr: str = "", altgr_style: str = "x11") -> list[Key]:
    """Key events for ``code`` + ``suffix``. ``altgr`` lists characters the layout types with
    AltGr ("@" on a German keyboard), reported the X11 way or the Windows way (Ctrl+Alt)."""
    from ui.qt import Qt

    mod = Qt.KeyboardModifier
    shift_key, ctrl_key = int(Qt.Key.Key_Shift), int(Qt.Key.Key_Control)
    out: list[Key] = []

    def tap(key: int, mods: object, text: str) -> None:
        out.append(Key(True, key, mods, text))
        out.append(Key(False, key, mods, text))

    for ch in code:
        key = ord(ch.upper()) if ch.isascii() else 0
        if ch == "\x1d":
            out.append(Key(True, ctrl_key, mod.ControlModifier, ""))
            tap(int(Qt.Key.Key_BracketRight), mod.ControlModifier, ch)
            out.append(Key(False, ctrl_key, mod.NoModifier, ""))
        elif ch in altgr:
            # X11 reports AltGr as its own key and the character with no Ctrl/Alt;
            # Windows reports it as Ctrl+Alt around the character.
            out.append(Key(True, int(Qt.Key.Key_AltGr), mod.NoModifier, ""))
            style = mod.GroupSwitchModifier if altgr_style == "x11" else (
                mod.ControlModifier | mod.AltModifier)
            tap(key, style, ch)
            out.append(Key(False, int(Qt.Key.Key_AltGr), mod.NoModifier, ""))
        elif ch.isupper() or ch in _US_SHIFTED:
            out.append(Key(True, shift_key, mod.ShiftModifier, ""))
            tap(key, mod.ShiftModifier, ch)
            out.append(Key(False, shift_key, mod.NoModifier, ""))
        elif ch.isdigit() and keypad_digits:
            tap(key, mod.KeypadModifier, ch)
        else:
            tap(key, mod.NoModifier, ch)
    if suffix == "\r":
        tap(int(Qt.Key.Key_Return), mod.NoModifier, "\r")
    elif suffix == "kp-enter":
        tap(int(Qt.Key.Key_Enter), mod.KeypadModifier, "\r")
    elif suffix == "\t":
        tap(int(Qt.Key.Key_Tab), mod.NoModifier, "\t")
    elif suffix:
        raise ValueError(f"unknown suffix {suffix!r}")
    return out


def send_keys(keys: list[Key], gap_s: float = 0.0) -> None:
    """Deliver ``keys`` to whatever has focus, through the application's event filters,
    as the platform would (``gap_s`` between events: a scanner sends a key every 2-8 ms)."""
    from ui.qt import QApplication, QEvent, QKeyEvent

    for k in keys:
        target = QApplication.focusWidget() or QApplication.activeWindow()
        if target is None:
            raise AssertionError("no widget has focus: a scan would go nowhere")
        kind = QEvent.Type.KeyPress if k.press else QEvent.Type.KeyRelease
        event = QKeyEvent(kind, k.key, k.modifiers, k.text)
        QApplication.sendEvent(target, event)
        if gap_s:
            time.sleep(gap_s)
