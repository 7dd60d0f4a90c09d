"""Keyboard-wedge scans caught anywhere in the window.

An application event filter holds every text key of our windows and feeds it to the core's
timing classifier (``station.scan.wedge``). A burst that the classifier calls a scan becomes
one ``scanned(text)`` signal, whichever widget has focus; keys a person typed are handed on
to the focused widget unchanged, so a PIN field or a reason field still works. Input methods
are switched off on scan targets so a Chinese IME never swallows a scan.
"""

from __future__ import annotations

import time
from typing import Any

from ui.qt import QApplication, QEvent, QKeyEvent, QObject, Qt, QTimer, QWidget, Signal

_TERMINATORS = {Qt.Key.Key_Return: "\r", Qt.Key.Key_Enter: "\r", Qt.Key.Key_Tab: "\t"}
# Keys that carry no character of their own. A wedge scanner presses Shift around every capital
# (and AltGr around '@' on a German layout): such a press neither ends a burst nor is typed.
_MODIFIER_KEYS = frozenset({
    Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta,
    Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock,
    Qt.Key.Key_ScrollLock, Qt.Key.Key_Mode_switch, Qt.Key.Key_Hyper_L, Qt.Key.Key_Hyper_R,
})
_GS = "\x1d"  # FNC1 / group separator: scanners send it as Ctrl+]


class WedgeFilter(QObject):
    """Install with ``app.installEventFilter(f)``; ``scanned`` fires on the GUI thread."""

    scanned = Signal(str)

    def __init__(self, max_gap_ms: int = 50, min_length: int = 4) -> None:
        super().__init__()
        # Imported here: station.scan pulls in the GS1 parser, which the first paint of the
        # window does not need (start-up is mostly imports, see docs/known-traps.md).
        from station.scan.wedge import WedgeClassifier, WedgeScan

        self._scan_type = WedgeScan
        self.classifier = WedgeClassifier(max_gap_s=max_gap_ms / 1000, min_length=min_length)
        self.enabled = True
        self._replaying = False
        self._target: QWidget | None = None
        self._offset: float | None = None  # monotonic minus the window system's key clock
        # A burst that stops without Enter is typed text: hand it on after the gap.
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(max_gap_ms + 10)
        self._flush.timeout.connect(self._on_flush)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self._replaying or not self.enabled or event.type() != QEvent.Type.KeyPress:
            return False
        if not isinstance(obj, QWidget) or not isinstance(event, QKeyEvent):
            return False
        if obj is not QApplication.focusWidget() and QApplication.focusWidget() is not None:
            return False  # the same key is also offered to parents: take it once
        key = event.key()
        if key in _MODIFIER_KEYS or (key == 0 and not event.text()):
            return False  # Shift/AltGr/CapsLock alone: part of the next key, never a cut
        char = _TERMINATORS.get(Qt.Key(key))
        if char is None:
            text = event.text()
            if not _is_wedge_char(text, event.modifiers()):
                self._deliver(self.classifier.flush(float("inf")))
                return False  # Backspace, arrows, Esc, shortcuts: not ours
            char = text
        self._target = obj
        self._deliver(self.classifier.feed(char, self._key_time(event)))
        self._flush.start()
        return True

    def _key_time(self, event: QKeyEvent) -> float:
        """When the key was pressed, on the monotonic clock. The window system stamps each key
        (X11: the server's millisecond clock): a bench PC busy for 100 ms delivers a scanner's
        4 ms keys late and all at once, and timing them on arrival would call them typed. The
        stamp is mapped onto the monotonic clock once per burst; a synthetic key has none."""
        now = time.monotonic()
        stamp = event.timestamp()
        if not stamp:
            return now
        if self._offset is None or not self.classifier.in_burst:
            self._offset = now - stamp / 1000.0
        return min(now, stamp / 1000.0 + self._offset)

    def _on_flush(self) -> None:
        self._deliver(self.classifier.flush(time.monotonic()))

    def _deliver(self, results: list[Any]) -> None:
        for result in results:
            if isinstance(result, self._scan_type):
                self.scanned.emit(result.text)
            else:
                self._replay(result.text, result.terminated)

    def _replay(self, text: str, terminated: bool) -> None:
        """Give typed keys back to the widget they were meant for."""
        target = QApplication.focusWidget() or self._target
        if target is None:
            return
        self._replaying = True
        try:
            for ch in text:
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(
                        target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch)
                    )
            if terminated:
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(
                        target,
                        QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r"),
                    )
        finally:
            self._replaying = False


def _is_wedge_char(text: str, modifiers: Qt.KeyboardModifier) -> bool:
    """A character a scanner can send: printable (Shift, keypad and AltGr included) or GS.

    Ctrl+Alt with a printable character is AltGr on Windows ('@' on a German layout); Ctrl or
    Alt alone is a shortcut and stays with the focused widget.
    """
    if len(text) != 1:
        return False
    if text == _GS:
        return True
    if not text.isprintable():
        return False
    ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
    alt = bool(modifiers & Qt.KeyboardModifier.AltModifier)
    return ctrl == alt  # neither, or both (AltGr)


def no_input_method(widget: QWidget) -> None:
    """A scan target: no IME may compose over it (a Chinese IME would eat the digits)."""
    widget.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
