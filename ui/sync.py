"""Bridge from the sync threads to the status bar (online/offline, backlog, pool level)."""

from __future__ import annotations

from typing import Any

from ui.ops import Ops
from ui.qt import QObject, QTimer, Signal


class SyncBridge(QObject):
    """``changed(online, backlog, reason, rejected)`` on the GUI thread; ``pool(text, low)``
    every few seconds."""

    changed = Signal(object, int, object, int)
    pool = Signal(str, bool)
    _snapshot = Signal(object)

    def __init__(self, parts: Any, ops: Ops | None = None) -> None:
        super().__init__()
        self.parts = parts
        self.ops = ops or Ops(self)
        self._snapshot.connect(self._on_snapshot)  # queued: emitted on sync threads
        parts.status.subscribe(self._snapshot.emit)
        self.timer = QTimer(self)
        self.timer.setInterval(3000)
        self.timer.timeout.connect(self.refresh_pool)

    def start(self) -> None:
        self.parts.start()
        self.timer.start()
        self.refresh_pool()

    def stop(self) -> None:
        self.timer.stop()
        self.ops.shutdown()
        self.parts.stop()

    def wake(self, *_args: object) -> None:
        """Something was queued for central: send it now rather than at the next poll."""
        self.parts.sender.wake()

    def _on_snapshot(self, snap: Any) -> None:
        self.changed.emit(snap.online, snap.backlog, snap.reason, snap.rejected)

    def refresh_pool(self) -> None:
        def levels() -> tuple[str, bool]:
            # Carriers with a segment on this station: one that never had one (the own fleet,
            # an online-only carrier) has no pool to run low ("OWN 0" in red was noise).
            found = self.parts.pool.levels()
            text = " · ".join(f"{lv.carrier} {lv.remaining}" for lv in found)
            return text, any(lv.low for lv in found)  # the pool's own warning line

        self.ops.run(levels, lambda r: self.pool.emit(*r), lane="http", what="pool level")
