"""Python's cyclic garbage collector runs on the GUI thread only, while a window is open.

The collector runs in whichever thread happens to allocate. When it frees a PySide wrapper on
a worker thread (the store lane importing Alembic's migrations, say), Qt takes its connection
mutex to disconnect the object and then needs the GIL; if the GUI thread holds the GIL and is
waiting for that same mutex (building a ``QTableWidget``), both wait forever. Seen: the bench
window hung at start-up in ``QObject::connect`` while the store lane sat in
``QObject::disconnect`` from ``gc_collect_main``. So while a window lives, automatic collection
is off and the GUI thread collects from a timer (reference counting still frees everything
that is not in a cycle at once).
"""

from __future__ import annotations

import contextlib
import gc

from ui.qt import QObject, QTimer

_holders = 0
_was_enabled = True


class GuiThreadGc(QObject):
    """Hold while a window is open: ``release()`` when it closes (counted, nests)."""

    def __init__(self, interval_ms: int = 500) -> None:
        super().__init__()
        global _holders, _was_enabled
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
        self._held = True
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> None:
        """What automatic collection would do now, on this (the GUI) thread."""
        young, middle, _old = gc.get_count()
        first, second, _third = gc.get_threshold()
        if young >= first:
            gc.collect(1 if middle >= second else 0)

    def release(self) -> None:
        global _holders
        if not self._held:
            return
        self._held = False
        with contextlib.suppress(RuntimeError):  # Qt may have deleted the timer already
            self.timer.stop()
        _holders -= 1
        if _holders == 0 and _was_enabled:
            gc.enable()
